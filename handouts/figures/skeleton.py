"""A stance placed in space: joints in 3D, set down on the floor, seen through a camera.

The body is built in its own frame as the side view always was (x along the
floor, y up), with the near side toward the viewer (z > 0) and the far side
away. `roll` tips a leg out or in about the body's long axis, `turn` swings the
shin across the body about the thigh (a figure four), `splay` swings a leg out
to its side (or in) about the hip, and `spread`
swings an arm out to the side along the floor, and `rotate` swings the
forearm about the upper arm (the elbow stays put). A camera then looks at it:

    side      a little from above, so the far limbs peek out behind the near ones
    oblique   three-quarter, from above and toward the feet: floor, head and both
              knees show (knee rolls, twists, squeezes, bands); with a shin turned
              across the other knee (a figure four), high from the near side and the
              head, so the turned-out far thigh rises clear of the near leg and its
              shin lies level across the near knee: the 4
    above     someone lying on their side, seen from in front and a little above,
              level: stacked shoulders and hips show, and a heel bent back goes
              behind the body
    level     someone lying on their side, seen from in front, low and well toward
              the feet: bent knees show as a zigzag, and a top knee that opens (a
              clam) rises clear of the bottom one with the feet still together,
              where from above the lifted thigh lay flat in line
    high      someone lying on their back, from higher above and a little toward the
              feet: arms taken overhead lie out beyond the head, on either side of it,
              and a stick held across both hands shows (from the side, the arms
              seemed to lie over the face and the hands hid each other)
    toward-head  someone lying on their side, seen from in front, a little above and
              a little from the head: the head on its pillow, stacked hips and bent
              knees, and the top forearm lifting from the tummy to the ceiling (from
              above, a reader took the wide chest for someone lying face down)
    floor-level  from the side with the eye at floor level: what lifts off the floor (a low back that
              hollows, a head held up) shows a white gap above the mat; seen from above, the mat's top
              filled that gap with its own pale tint and nothing said the body had left the floor
    side-behind  a standing figure from the side, as `side`, turned a little toward its back: arms reaching
              back to hands joined behind the back show both arms, meeting at the hands (a chest stretch)
    front     flat, from the front (side-lying leg lift, side plank, triangle)
    three-quarter  a standing or sitting figure from in front, a little to its near
              side and above: a forearm turning out or in with the elbow at the side
              (`rotate`) swings across the picture, and a foot turning in or out shows
    feet      flat, along the body from the feet (kept for older catalogues)
    head-end  from high above the side, a little toward the head: arms out past the head
              in a V (lying on the front) open one each side of the head; from the feet
              the near arm pointed at the viewer and read as a prop, from the side the
              arms lay on top of each other
    overhead  standing, from well above, in front and to one side: both feet show on
              the floor, one in front of the other on a line (heel to toe)

Everything is in head heights; after `place` the floor is the plane y = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Segment lengths and half-thicknesses (radii), in head heights.
HEAD_RADIUS = 0.5
NECK = 0.35
TRUNK = 2.6
UPPER_ARM = 1.35
FOREARM = 1.25
THIGH = 1.9
SHIN = 1.85
FOOT = 0.75
PALM = 0.34             # wrist to fingertips, drawn only for a hand bent back at the wrist
# Head to heel, standing straight: the figure's size when it is drawn at one point per head height.
STATURE = 2 * HEAD_RADIUS + NECK + TRUNK + THIGH + SHIN
HIP_HALF = 0.42        # hips sit this far either side of the middle
SHOULDER_HALF = 0.62
LEGS_IN = 0.16          # knees sit this much nearer the middle than the hips
RADIUS = {
    "head": 0.46, "neck": 0.13, "chest": 0.44, "waist": 0.34, "pelvis": 0.4,
    "hip": 0.24, "knee": 0.16, "ankle": 0.11, "toe": 0.07,
    "shoulder": 0.15, "elbow": 0.11, "hand": 0.12,
}
# (pitch: degrees looking down, yaw: degrees turned toward the feet) for each 3D view.
CAMERAS = {"side": (14.0, 0.0), "oblique": (28.0, -28.0), "above": (30.0, 0.0), "three-quarter": (25.0, -78.0),
           "level": (20.0, -50.0),  # round 5: from (10, -30) the bent legs looked straight, read as a leg lift
           "toward-head": (20.0, 15.0), "high": (40.0, -15.0), "head-end": (45.0, 12.0), "overhead": (50.0, -30.0),
           "floor-level": (0.0, 0.0), "side-behind": (14.0, 26.0)}
SIDE_LYING_VIEWS = ("above", "level", "toward-head")
# Oblique, with a shin turned across the other knee (a figure four): high, from the near side and toward the head.
# Seen from the feet (round 2) the crossed leg overlapped the near leg; from the side (rounds 4-5) its shin ran
# straight at the viewer and vanished. From up here the far thigh rises steeply beside the near knee and its shin
# lies level across the top of it: the 4 is the biggest shape in the picture. From 45 degrees toward the head
# (rounds 6-7) the body foreshortened into a tangle with the legs; from high above the feet the lying body stood
# up in the picture and read as someone standing on one leg.
FIGURE_FOUR_CAMERA = (45.0, 25.0)
FLAT_VIEWS = ("front", "feet")
SIDE_JOINTS = ("hip", "knee", "ankle", "toe", "shoulder", "elbow", "hand")


@dataclass
class Figure:
    """Joint points in the world (floor at y = 0 once grounded) and their picture positions."""

    world: dict = field(default_factory=dict)
    view: str = "side"
    lying: bool = False   # the body is along the floor (a mat goes under it)
    angle: tuple | None = None   # (pitch, yaw) when the pose needs other than its view's usual camera
    crossed: bool = False         # the far shin is turned across onto the near knee: it lies on top

    @property
    def camera(self):
        return self.angle or CAMERAS.get(self.view, (0.0, 0.0))

    def project(self, point):
        """Where a world point lands in the picture (x right, y up)."""
        return _projection(self.camera)(point)

    @property
    def points(self) -> dict:
        project = _projection(self.camera)  # the camera's sines and cosines once, not once a joint
        return {name: project(p) for name, p in self.world.items()}

    @property
    def head(self):
        return self.points["head"]

    def lift(self, dy: float) -> None:
        self.world = {name: (x, y + dy, z) for name, (x, y, z) in self.world.items()}


def _projection(camera):
    """A world point -> picture point function for a camera's (pitch, yaw), in degrees."""
    pitch, yaw = (math.radians(a) for a in camera)
    cos_yaw, sin_yaw, cos_pitch, sin_pitch = math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch)

    def project(point):
        x, y, z = point
        x1 = x * cos_yaw + z * sin_yaw
        z1 = -x * sin_yaw + z * cos_yaw
        return x1, y * cos_pitch - z1 * sin_pitch

    return project


def radius_of(name: str) -> float:
    return RADIUS.get(name.split("-")[-1], RADIUS.get(name, 0.1))


def _add(*vectors):
    return tuple(sum(c) for c in zip(*vectors))


def _mul(v, k):
    return tuple(c * k for c in v)


def _dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def _direction(degrees: float):
    r = math.radians(degrees)
    return math.cos(r), math.sin(r), 0.0


def place(stance, view: str) -> Figure:
    """The stance's joints in the world, set down so the lowest part rests on y = 0."""
    if view == "front":
        figure = _place_front(stance)
    elif view == "feet":
        figure = _place_from_feet(stance)
    else:
        figure = _place_3d(stance, view)
    figure.lying = _is_lying(stance, view)
    return figure


def _is_lying(stance, view) -> bool:
    """Lying, or on hands and knees: the trunk runs along the floor."""
    return view in ("feet", *SIDE_LYING_VIEWS) or abs(math.sin(math.radians(stance.get("trunk")))) < 0.7


def _place_3d(stance, view: str) -> Figure:
    trunk = stance.get("trunk")
    up_body = _direction(trunk)                 # hips to shoulders
    chest = _direction(trunk - 90)              # the way the chest faces
    side = (0.0, 0.0, 1.0)                      # toward the viewer: the near side
    pelvis = (0.0, 0.0, 0.0)
    bow = math.tan(math.radians(stance.get("back")) / 2) * TRUNK / 2
    waist = _add(pelvis, _mul(up_body, TRUNK / 2), _mul(chest, -bow))
    shoulder = _add(pelvis, _mul(up_body, TRUNK))
    head_way = _direction(trunk - stance.get("neck"))
    neck = _add(shoulder, _mul(head_way, NECK))
    tipped = trunk - stance.get("neck") - stance.get("nod")   # the head's own long axis, after a nod
    world = {"pelvis": pelvis, "waist": waist, "shoulder": shoulder, "neck": neck,
             "head": _add(neck, _mul(_direction(tipped), HEAD_RADIUS))}
    # The nose points where the face looks: ahead, or turned toward the near (+z) or far side.
    look = math.radians(stance.get("look"))
    face = _add(_mul(_direction(tipped - 90), math.cos(look)), _mul(side, math.sin(look)))
    world["nose"] = _add(world["head"], _mul(face, HEAD_RADIUS * 0.9))
    for index, name in ((0, "near"), (1, "far")):
        sign = 1 if index == 0 else -1
        hip = _add(pelvis, _mul(side, sign * HIP_HALF))
        top = _add(shoulder, _mul(side, sign * SHOULDER_HALF))
        thigh = trunk + 180 + stance.get("hips", index)
        shin = thigh - stance.get("knees", index)
        foot = shin + stance.get("ankles", index)
        arm = trunk + 180 + stance.get("shoulders", index)
        forearm = arm + stance.get("elbows", index)
        knee = _add(hip, _mul(_direction(thigh), THIGH))
        ankle = _add(knee, _mul(_direction(shin), SHIN))
        toe = _add(ankle, _mul(_direction(foot), FOOT))
        elbow = _add(top, _mul(_direction(arm), UPPER_ARM))
        hand = _add(elbow, _mul(_direction(forearm), FOREARM))
        roll, spread = math.radians(stance.get("roll", index)), math.radians(stance.get("spread", index))
        turn = math.radians(stance.get("turn", index)) * sign
        ankle, toe = (_spin(p, hip, knee, turn) for p in (ankle, toe))
        # Thighs slope in toward the knees, so legs side by side touch (and lie on each other, on the side).
        knee, ankle, toe = (_add(p, _mul(side, -sign * LEGS_IN * k)) for p, k in ((knee, 1), (ankle, 1.2), (toe, 1.2)))
        legs = [_tip(p, hip, chest, _mul(side, sign), roll) for p in (knee, ankle, toe)]
        # Splaying swings the leg out to its own side (or in) about a line through the hip pointing the way
        # the chest faces: a foot that reaches sideways, or two feet on one line, heel to toe.
        splay = -math.radians(stance.get("splay", index)) * sign
        legs = [_spin(p, hip, _add(hip, chest), splay) for p in legs]
        elbow = _tip(elbow, top, _mul(up_body, -1), _mul(side, sign), spread)
        # The elbow bends the forearm forward (arm down) or up (arm out to the side, hands by the ears).
        along = _unit(tuple(e - t for e, t in zip(elbow, top)))
        bend = _add(_mul(_direction(arm + 90), math.cos(spread)), _mul(up_body, math.sin(spread)))
        bend = _unit(_add(bend, _mul(along, -_dot(bend, along))))
        fold = math.radians(stance.get("elbows", index))
        hand = _add(elbow, _mul(along, FOREARM * math.cos(fold)), _mul(bend, FOREARM * math.sin(fold)))
        # Turning the arm out (positive) swings the forearm toward its own side about the upper arm.
        hand = _spin(hand, top, elbow, math.radians(stance.get("rotate", index)) * sign)
        arms = [elbow, hand]
        wrist = math.radians(stance.get("wrist", index))
        if wrist:  # the hand bent back, fingers toward the head: a flat palm that pushes (tai chi)
            reach = _unit(tuple(h - e for h, e in zip(hand, elbow)))
            up = _add(up_body, _mul(reach, -_dot(up_body, reach)))
            up = _unit(up if math.hypot(*up) > 0.1 else chest)
            world[f"{name}-fingers"] = _add(hand, _mul(reach, PALM * math.cos(wrist)), _mul(up, PALM * math.sin(wrist)))
        world.update({f"{name}-hip": hip, f"{name}-shoulder": top})
        world.update(zip((f"{name}-knee", f"{name}-ankle", f"{name}-toe"), legs))
        world.update(zip((f"{name}-elbow", f"{name}-hand"), arms))
    if view in SIDE_LYING_VIEWS:  # roll the whole body onto its far side: near side up, chest toward the viewer
        world = {n: (-x, z, y) for n, (x, y, z) in world.items()}
    four = view == "oblique" and any(stance.get("turn", i) for i in (0, 1))
    return Figure(world=world, view=view, angle=FIGURE_FOUR_CAMERA if four else None,
                  crossed=stance.get("turn", 1) > 20)


def _tip(point, pivot, away, outward, angle):
    """Turn a point about `pivot` so its part along `away` swings toward `outward` by `angle`."""
    if not angle:
        return point
    rel = tuple(p - q for p, q in zip(point, pivot))
    along = _dot(rel, away)
    rest = _add(rel, _mul(away, -along))
    turned = _add(rest, _mul(away, along * math.cos(angle)), _mul(outward, along * math.sin(angle)))
    return _add(pivot, turned)


def _spin(point, a, b, angle):
    """Turn a point about the line from a to b (Rodrigues): the shin swinging about the thigh."""
    if not angle:
        return point
    k = tuple(q - p for p, q in zip(a, b))
    length = math.hypot(*k)
    k = tuple(c / length for c in k)
    v = tuple(p - q for p, q in zip(point, a))
    cross = (k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2], k[0] * v[1] - k[1] * v[0])
    c, s = math.cos(angle), math.sin(angle)
    turned = tuple(vi * c + ci * s + ki * _dot(k, v) * (1 - c) for vi, ci, ki in zip(v, cross, k))
    return _add(a, turned)


def _unit(v):
    length = math.hypot(*v) or 1.0
    return tuple(c / length for c in v)


def _flat(points: dict, view: str) -> Figure:
    return Figure(world={n: (x, y, 0.0) for n, (x, y) in points.items()}, view=view)


def _step(point, angle_degrees: float, length: float):
    radians = math.radians(angle_degrees)
    return point[0] + length * math.cos(radians), point[1] + length * math.sin(radians)


def _place_front(stance) -> Figure:
    """Seen from the front: hip and shoulder angles swing the limbs out to the sides."""
    trunk = stance.get("trunk")
    pelvis = (0.0, 0.0)
    shoulder = _step(pelvis, trunk, TRUNK)
    head_direction = trunk - stance.get("neck")
    neck = _step(shoulder, head_direction, NECK)
    front = trunk - 90  # in front view, the near side
    points = {"pelvis": pelvis, "waist": _step(pelvis, trunk, TRUNK / 2), "shoulder": shoulder, "neck": neck,
              "head": _step(neck, head_direction, HEAD_RADIUS)}
    # Seen from the front the face is hidden in the head; a head turned to one side shows its nose there.
    points["nose"] = _step(points["head"], front, HEAD_RADIUS * 1.15 * math.sin(math.radians(stance.get("look"))))
    for index, name in ((0, "near"), (1, "far")):
        sign = 1 if index == 0 else -1
        hip = _step(pelvis, front, HIP_HALF * sign)
        top = _step(shoulder, front, SHOULDER_HALF * sign)
        thigh = trunk + 180 + sign * stance.get("hips", index)
        arm = trunk + 180 + sign * stance.get("shoulders", index)
        knee = _step(hip, thigh, THIGH)
        ankle = _step(knee, thigh, SHIN)  # seen head-on, a bent knee hides its bend
        toe = _step(ankle, thigh + stance.get("ankles", index) * sign, FOOT * 0.6)
        elbow = _step(top, arm, UPPER_ARM)
        hand = _step(elbow, arm + sign * stance.get("elbows", index), FOREARM)
        points.update({f"{name}-hip": hip, f"{name}-knee": knee, f"{name}-ankle": ankle, f"{name}-toe": toe,
                       f"{name}-shoulder": top, f"{name}-elbow": elbow, f"{name}-hand": hand})
    return _flat(points, "front")


def _place_from_feet(stance) -> Figure:
    """Someone lying on their back, seen from their feet (older catalogues; `oblique` shows more)."""
    chest_y = RADIUS["chest"]
    points = {"pelvis": (0.0, chest_y), "waist": (0.0, chest_y), "shoulder": (0.0, chest_y),
              "neck": (0.0, chest_y + 0.3), "head": (0.0, chest_y + 0.5)}
    for index, name in ((0, "near"), (1, "far")):
        sign = 1 if index == 0 else -1
        lift, bend = math.radians(stance.get("hips", index)), math.radians(stance.get("knees", index))
        roll = math.radians(stance.get("roll", index))
        hip = (sign * HIP_HALF, chest_y)

        def limb(start, elevation, length):
            rise = math.sin(elevation) * length
            return start[0] + sign * math.sin(roll) * rise, start[1] + math.cos(roll) * rise

        knee = limb(hip, lift, THIGH)
        ankle = limb(knee, lift - bend, SHIN)
        top = (sign * SHOULDER_HALF * 1.2, chest_y)
        reach = (UPPER_ARM + FOREARM) * math.sin(math.radians(stance.get("shoulders", index)))
        hand = (sign * (SHOULDER_HALF * 1.2 + reach), RADIUS["hand"])
        points.update({f"{name}-hip": hip, f"{name}-knee": knee, f"{name}-ankle": ankle, f"{name}-toe": ankle,
                       f"{name}-shoulder": top, f"{name}-elbow": ((top[0] + hand[0]) / 2, (top[1] + hand[1]) / 2),
                       f"{name}-hand": hand})
    return _flat(points, "feet")


def lowest(figure: Figure) -> float:
    """The lowest y any part of the body reaches (joints with their thickness)."""
    return min(p[1] - radius_of(name) for name, p in figure.world.items())
