"""Poses: a small description of a body position that the sheet draws as a line figure.

An exercise's `pose:` gives a start and a finish position as joint angles, seen
from the side (or, with `view: front`, from the front: then hip and shoulder
angles swing the limbs out to the sides). Angles are in degrees:

    trunk      direction from the hips to the shoulders: 90 standing upright,
               180 lying with the head to the left, 0 head to the right
    hips       0 = thigh in line with the body, 90 = thigh at a right angle in
               front (as when sitting), up to 150; -30 = leg back behind you
    knees      0 = straight, 90 = right angle, up to 160
    ankles     angle between shin and foot: 90 = foot square to the shin
    shoulders  0 = arm along the body toward the hips, 90 = arm straight out
               in front, 180 = arm overhead
    elbows     0 = straight, up to 150
    neck       0 = head in line with the body, positive = chin toward chest
    back       0 = straight back, positive = rounded up like a cat, negative = hollow
    roll       (view: feet) knee tipped out to the side (positive) or in across the body (negative)

`view: feet` looks along someone lying on their back from their feet, for
knees that fall apart, together or to one side.

A value is one number (both sides) or [near, far] (the near side is drawn
dark, the far side grey). `finish` repeats only what changes. Lengths are in
head heights, as an artist draws a figure 7 heads tall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Segment lengths, in head heights.
HEAD_RADIUS = 0.5
NECK = 0.35
TRUNK = 2.6
UPPER_ARM = 1.35
FOREARM = 1.25
THIGH = 1.9
SHIN = 1.85
FOOT = 0.75
PELVIS_HALF = 0.45     # front view: hips sit this far either side of the middle
SHOULDER_HALF = 0.75
TRUNK_WIDTH = 0.5      # drawn thickness of the body
LIMB_WIDTH = 0.22
FLOOR_TOLERANCE = 0.3  # head heights: a joint this close to the floor rests on it

ANGLES = ("trunk", "hips", "knees", "ankles", "shoulders", "elbows", "neck", "back", "roll")
PAIRED = ("hips", "knees", "ankles", "shoulders", "elbows", "roll")
DEFAULTS = {"hips": 0, "knees": 0, "ankles": 90, "shoulders": 0, "elbows": 0, "neck": 0, "back": 0, "roll": 0}
# How far human joints bend (degrees); the validator refuses anything outside.
LIMITS = {
    "trunk": (-360, 360),
    "hips": (-35, 150),
    "knees": (0, 160),
    "ankles": (40, 160),
    "shoulders": (-60, 190),
    "elbows": (0, 155),
    "neck": (-45, 70),
    "back": (-35, 45),
    "roll": (-80, 80),
}
# Seen from the front, hips swing out to the side (or across, as when the knees fall to one side).
FRONT_LIMITS = {"hips": (-70, 90), "shoulders": (0, 190), "ankles": (40, 180)}

TRUNK_BY_POSITION = {
    "lying on your back": 180,
    "lying on your side": 180,
    "lying on your front": 0,
    "hands and knees": 0,
    "kneeling": 90,
    "sitting": 90,
    "standing": 90,
    "in water": 90,
}

PROPS = ("mat", "small-ball", "squeeze", "band", "stability-ball", "chair", "strap", "weight", "water", "pillow",
         "bike", "wall")
JOINTS = ("pelvis", "shoulder", "head", "near-knee", "far-knee", "near-ankle", "far-ankle", "near-toe", "far-toe",
          "near-elbow", "far-elbow", "near-hand", "far-hand")


@dataclass(frozen=True)
class Stance:
    """One position: every angle, with near and far values for paired joints."""

    angles: dict

    def get(self, name: str, side: int = 0) -> float:
        value = self.angles[name]
        return value[side] if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Pose:
    view: str
    start: Stance
    finish: Stance
    props: tuple[str, ...] = ()
    arrows: tuple[str, ...] = ()
    on_floor: tuple[str, ...] = ()
    floor: bool = True  # false when the picture looks down on someone lying on the floor


@dataclass
class Figure:
    """A stance placed in space: joint points, the segments to draw, and the floor height."""

    points: dict = field(default_factory=dict)
    near: list = field(default_factory=list)    # (a, b, width) segments on the near side
    far: list = field(default_factory=list)
    body: list = field(default_factory=list)
    head: tuple = (0.0, 0.0)
    floor: float = 0.0
    view: str = "side"


def _step(point, angle_degrees: float, length: float):
    radians = math.radians(angle_degrees)
    return point[0] + length * math.cos(radians), point[1] + length * math.sin(radians)


def place(stance: Stance, view: str) -> Figure:
    """Joint positions for a stance, with the hips at the origin."""
    if view == "feet":
        return _place_from_feet(stance)
    figure = Figure()
    trunk = stance.get("trunk")
    pelvis = (0.0, 0.0)
    shoulder = _step(pelvis, trunk, TRUNK)
    head_direction = trunk - stance.get("neck")
    neck_top = _step(shoulder, head_direction, NECK)
    figure.head = _step(neck_top, head_direction, HEAD_RADIUS)
    figure.points.update(pelvis=pelvis, shoulder=shoulder, head=figure.head)
    front = trunk - 90  # the direction the chest faces, and in front view the near side
    # A rounded or hollow back bows the middle of the body away from (or toward) the chest.
    bow = math.tan(math.radians(stance.get("back")) / 2) * TRUNK / 2
    middle = _step(_step(pelvis, trunk, TRUNK / 2), front + 180, bow)
    figure.body = [(pelvis, middle, TRUNK_WIDTH), (middle, shoulder, TRUNK_WIDTH), (shoulder, neck_top, LIMB_WIDTH)]
    for side, name, segments in ((1, "far", figure.far), (0, "near", figure.near)):
        sign = 1 if side == 0 else -1
        if view == "front":
            hip = _step(pelvis, front, PELVIS_HALF * sign)
            top = _step(shoulder, front, SHOULDER_HALF * sign * 0.75)
            thigh_angle = trunk + 180 + sign * stance.get("hips", side)
            arm_angle = trunk + 180 + sign * stance.get("shoulders", side)
            shin_angle = thigh_angle  # seen head-on, a bent knee hides its bend
            forearm_angle = arm_angle + sign * stance.get("elbows", side)
            foot_angle = shin_angle + stance.get("ankles", side) * sign  # 90: feet turned out; 180: pointed
            segments.append((pelvis, hip, LIMB_WIDTH))
            segments.append((shoulder, top, LIMB_WIDTH))
        else:
            hip, top = pelvis, shoulder
            thigh_angle = trunk + 180 + stance.get("hips", side)
            shin_angle = thigh_angle - stance.get("knees", side)
            foot_angle = shin_angle + stance.get("ankles", side)
            arm_angle = trunk + 180 + stance.get("shoulders", side)
            forearm_angle = arm_angle + stance.get("elbows", side)
        knee = _step(hip, thigh_angle, THIGH)
        ankle = _step(knee, shin_angle, SHIN)
        toe = _step(ankle, foot_angle, FOOT)
        elbow = _step(top, arm_angle, UPPER_ARM)
        hand = _step(elbow, forearm_angle, FOREARM)
        segments += [(hip, knee, LIMB_WIDTH), (knee, ankle, LIMB_WIDTH), (ankle, toe, LIMB_WIDTH),
                     (top, elbow, LIMB_WIDTH), (elbow, hand, LIMB_WIDTH)]
        figure.points.update({f"{name}-knee": knee, f"{name}-ankle": ankle, f"{name}-toe": toe,
                              f"{name}-elbow": elbow, f"{name}-hand": hand, f"{name}-hip": hip,
                              f"{name}-shoulder": top})
    return figure


def _place_from_feet(stance: Stance) -> Figure:
    """Someone lying on their back, seen from their feet: knees that fall out, in or to one side show.

    Each leg is placed in 3D (x across the body, y up, z toward the feet), with
    `hips` lifting the thigh off the floor, `knees` bending it and `roll` tipping
    the knee out (positive) or in across the body (negative); then z is dropped.
    """
    figure = Figure(view="feet")
    chest = (0.0, TRUNK_WIDTH / 2)
    figure.body = [((-SHOULDER_HALF, chest[1]), (SHOULDER_HALF, chest[1]), TRUNK_WIDTH)]
    figure.head = (0.0, TRUNK_WIDTH + HEAD_RADIUS * 0.7)
    figure.points.update(pelvis=chest, shoulder=chest, head=figure.head)
    for side, name, segments in ((1, "far", figure.far), (0, "near", figure.near)):
        sign = 1 if side == 0 else -1  # near side to the right of the picture
        lift, bend = math.radians(stance.get("hips", side)), math.radians(stance.get("knees", side))
        roll = math.radians(stance.get("roll", side))
        hip = (sign * PELVIS_HALF, chest[1])

        def limb(start, elevation, length):
            rise = math.sin(elevation) * length
            return start[0] + sign * math.sin(roll) * rise, start[1] + math.cos(roll) * rise

        knee = limb(hip, lift, THIGH)
        ankle = limb(knee, lift - bend, SHIN)
        hand = (sign * (SHOULDER_HALF + (UPPER_ARM + FOREARM) * math.sin(math.radians(stance.get("shoulders", side)))),
                LIMB_WIDTH / 2)
        top = (sign * SHOULDER_HALF, chest[1])
        segments += [(hip, knee, LIMB_WIDTH), (knee, ankle, LIMB_WIDTH), (top, hand, LIMB_WIDTH)]
        figure.points.update({f"{name}-knee": knee, f"{name}-ankle": ankle, f"{name}-toe": ankle,
                              f"{name}-elbow": _lerp(top, hand, 0.5), f"{name}-hand": hand, f"{name}-hip": hip,
                              f"{name}-shoulder": top})
    return figure


def lowest_point(figure: Figure, extra=()) -> float:
    """The lowest y the drawing reaches, counting line thickness and the head."""
    lows = [figure.head[1] - HEAD_RADIUS]
    for a, b, width in figure.body + figure.near + figure.far:
        lows += [a[1] - width / 2, b[1] - width / 2]
    return min(lows + list(extra))


def check_pose(pose: Pose) -> list[str]:
    """Plain-words reasons this pose cannot be drawn as a person would stand or lie."""
    problems = []
    limits = {**LIMITS, **(FRONT_LIMITS if pose.view == "front" else {})}
    for label, stance in (("start", pose.start), ("finish", pose.finish)):
        for name in ANGLES:
            for side, side_word in ((0, "near "), (1, "far ")):
                value = stance.get(name, side)
                low, high = limits[name]
                if not low <= value <= high:
                    who = side_word if isinstance(stance.angles[name], tuple) else ""
                    problems.append(f"{label}.{name}: {who}{value:g} degrees is not how a human joint bends; "
                                    f"use {low} to {high}")
                if name not in PAIRED:
                    break
    if problems:
        return problems
    for label, stance in (("start", pose.start), ("finish", pose.finish)):
        figure = place(stance, pose.view)
        floor = grounded(figure, pose.props)
        for joint in pose.on_floor:
            height = figure.points[joint][1] - floor - LIMB_WIDTH / 2
            if height > FLOOR_TOLERANCE:
                problems.append(f"{label}: the {joint.replace('-', ' ')} floats {height:.1f} head heights above "
                                "the floor; change the angles so it rests on the floor, or drop it from on_floor")
    return problems


BALL_RADIUS = 1.3


def _prop_geometry(figure: Figure, props, finish: bool = False):
    """(shapes under the figure, between far and near limbs, on top, and the lowest y of each) for the props."""
    p = figure.points
    under, between, above, lows = [], [], [], []
    if "stability-ball" in props:
        along = _lerp(p["pelvis"], p["shoulder"], 0.15)
        centre = (along[0], along[1] - TRUNK_WIDTH / 2 - BALL_RADIUS)
        under.append(("circle", centre, BALL_RADIUS, "light"))
        lows.append(centre[1] - BALL_RADIUS)
    if "pillow" in props:
        head = p["head"]
        under.append(("rect", (head[0] - 0.6, head[1] - HEAD_RADIUS - 0.32), 1.2, 0.32, "light"))
        lows.append(head[1] - HEAD_RADIUS - 0.32)
    if "bike" in props:
        seat = (p["pelvis"][0], p["pelvis"][1] - TRUNK_WIDTH / 2)
        crank = _lerp(p["near-ankle"], p["far-ankle"], 0.5)
        base = min(crank[1] - 1.0, seat[1] - 3.0)
        under.append(("bike", seat, crank, base, p["near-hand"]))
        lows.append(base)
    if "small-ball" in props and figure.view == "feet":
        ball = _lerp(p["near-knee"], p["far-knee"], 0.5)
        gap = abs(p["near-knee"][0] - p["far-knee"][0])
        between.append(("circle", ball, min(0.35, max(0.2, gap / 2 - LIMB_WIDTH / 2)), "light"))
        if "squeeze" in props and finish:
            for side, sign in (("near", 1), ("far", -1)):
                knee = p[f"{side}-knee"]
                above.append(("push", (knee[0] + sign * 0.9, knee[1]), (knee[0] + sign * 0.25, knee[1])))
    elif "small-ball" in props:
        ball = _lerp(p["near-hip"], p["near-knee"], 0.93)
        between.append(("circle", ball, 0.3, "light"))
        if "squeeze" in props and finish:  # the knees press in on the ball from both sides
            above.append(("squeeze", ball, _angle(p["near-hip"], p["near-knee"])))
    if "band" in props and figure.view == "feet":
        a, b = _lerp(p["far-hip"], p["far-knee"], 0.85), _lerp(p["near-hip"], p["near-knee"], 0.85)
        above.append(("loop", a, b))
    elif "band" in props:
        for side in ("far", "near"):
            centre = _lerp(p[f"{side}-hip"], p[f"{side}-knee"], 0.8)
            angle = _angle(p[f"{side}-hip"], p[f"{side}-knee"])
            above.append(("band", centre, angle))
    if "strap" in props:
        above.append(("line", p["near-hand"], p["near-toe"]))
    if "weight" in props:
        above.append(("weight", p["near-hand"]))
    return under, between, above, lows


def _lerp(a, b, t):
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _angle(a, b):
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def prop_shapes(figure: Figure, props, finish: bool = False):
    under, between, above, _ = _prop_geometry(figure, props, finish)
    return under, between, above


def grounded(figure: Figure, props) -> float:
    """The floor's height for this figure: under its lowest point, or under its prop (a ball, a bike)."""
    return lowest_point(figure, _prop_geometry(figure, props)[3])
