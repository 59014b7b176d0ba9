"""Equipment and the floor, as typed shapes in picture coordinates (head heights, floor-relative).

Each shape knows the points that bound it; render/equipment.py draws them. Props
that hold the body up (a ball, a bike) also say how low they reach, so the
figure can be set down on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .skeleton import FLAT_VIEWS, FOOT, RADIUS, THIGH, Figure, lowest

BALL_RADIUS = 1.35      # a 65 cm exercise ball
SMALL_BALL = 0.42       # a small soft ball, about 20 cm
CRANK = 0.55
MAT_THICKNESS = 0.14
BAND_REACH = 2.4        # a door band is tied this far beyond the hand, along the start forearm
DOOR_HEIGHT = 8.6       # a door is a little taller than the figure
RAIL_HALF_LENGTH = 1.6  # a stair rail runs this far either side of the hand that holds it
# A dining chair to sit on, side-on (head heights): the seat top is where a seated thigh rests, as high as
# the knee of someone sitting with knees at a right angle, so a seated figure's feet are on the floor.
SEAT_HEIGHT = 1.65
SEAT_DEPTH = 1.6
SEAT_BACK = 2.0       # the backrest above the seat
# Standing up from the seat (sit to stand), it stays where it was: its front edge this far behind the heels.
SEAT_BEHIND_HEELS = 0.7
STEP_HEIGHT = 0.8     # a bottom stair or low step, about 18 cm
STEP_HALF_WIDTH = 0.95  # across the body: wide enough for both feet
ELBOW_TOWEL = 0.26    # a small towel rolled up between the elbow and the side
TOWEL_WIDTH = 0.36    # a towel folded lengthwise, about 8 cm: twice as wide as a band
FOREHEAD_TOWEL = 0.38       # a towel rolled up under the forehead (lying face down): half its width, about 17 cm across
FOREHEAD_TOWEL_FLAT = 0.45   # its height over its width: a soft roll squashed flat by the head, not a round wheel
FOREHEAD_TOWEL_HALF = 0.5    # half its length, across the body: it shows out on both sides of the head
TAP_REACH = 1.85      # how far from the standing foot the other foot reaches to tap the floor
TAP_SPOT = 0.38       # the radius of a spot to tap


@dataclass(frozen=True)
class Ground:
    """The floor (standing) or a mat (lying, kneeling, sitting): its top face, and how thick its edge is."""
    outline: tuple
    thickness: float
    mat: bool
    under_feet: tuple = ()   # standing, seen in 3D: a dark line across the floor under the feet

    def bounds(self):
        return list(self.outline) + [(x, y - self.thickness) for x, y in self.outline] + list(self.under_feet)


@dataclass(frozen=True)
class Ball:
    """An exercise ball, or one imagined between the hands."""

    centre: tuple
    radius: float
    squash: float = 1.0   # under 1: pressed from the sides
    imagined: bool = False  # held between the hands of a standing figure (tai chi's "holding a ball"): dashed

    def bounds(self):
        x, y = self.centre
        return [(x - self.radius, y - self.radius), (x + self.radius, y + self.radius)]


@dataclass(frozen=True)
class Band:
    """A resistance band looped around both thighs."""
    loop: tuple

    def bounds(self):
        return list(self.loop)


@dataclass(frozen=True)
class Strap:
    """A band or strap between two points."""

    a: tuple
    b: tuple

    def bounds(self):
        return [self.a, self.b]


@dataclass(frozen=True)
class Towel:
    """A towel from the hands round the ball of the foot: wide and white, with stripes, never a band."""

    hand: tuple
    foot: tuple   # where it wraps round the sole, at the ball of the foot
    width: float

    def bounds(self):
        (hx, hy), (fx, fy), r = self.hand, self.foot, self.width
        return [(hx - r, hy - r), (hx + r, hy + r), (fx - r, fy - r), (fx + r, fy + r)]


@dataclass(frozen=True)
class Stick:
    """A stick held across both hands (picture points): the good arm helps the sore one."""

    a: tuple
    b: tuple

    def bounds(self):
        return [self.a, self.b]


@dataclass(frozen=True)
class Dumbbell:
    """A small weight held in the hand."""

    centre: tuple

    def bounds(self):
        x, y = self.centre
        return [(x - 0.6, y - 0.35), (x + 0.6, y + 0.35)]


@dataclass(frozen=True)
class Chair:
    """A side-on chair with its backrest top under the hand, seat away from the person."""
    back_top: tuple
    facing: int   # +1: the seat reaches right of the backrest

    def bounds(self):
        x, y = self.back_top
        return [(x, 0.0), (x + self.facing * 1.5, y)]


@dataclass(frozen=True)
class Bike:
    """An exercise bike: seat, pedal crank and handlebar."""

    seat: tuple
    crank: tuple
    hand: tuple

    def bounds(self):
        (sx, sy), (cx, cy), (hx, hy) = self.seat, self.crank, self.hand
        return [(sx - 1.2, 0.0), (max(cx, hx) + 1.2, max(sy, hy) + 0.3), (cx, cy - CRANK - 0.2)]


@dataclass(frozen=True)
class Water:
    """Pool water up to a level."""

    level: float

    def bounds(self):
        return [(0.0, self.level + 0.3)]


@dataclass(frozen=True)
class Pillow:
    """A pillow or folded towel under the body."""

    centre: tuple
    width: float
    height: float

    def bounds(self):
        x, y = self.centre
        return [(x - self.width / 2, y - self.height / 2), (x + self.width / 2, y + self.height / 2)]


@dataclass(frozen=True)
class Wall:
    """A wall to lean on or hold."""

    x: float
    height: float

    def bounds(self):
        return [(self.x, 0.0), (self.x + 0.2, self.height)]


@dataclass(frozen=True)
class Door:
    """The edge of an open door, floor to above head height, with its handle: a band is tied to the handle."""
    bottom: tuple
    top: tuple
    handle: tuple

    def bounds(self):
        return [self.bottom, self.top, self.handle]


@dataclass(frozen=True)
class BandLine:
    """A band stretched from a hand to where it is tied (a door handle)."""
    hand: tuple
    anchor: tuple

    def bounds(self):
        return [self.hand, self.anchor]


@dataclass(frozen=True)
class Seat:
    """A chair the person sits on (or stands up from), side-on: seat, legs and a backrest behind."""
    back: tuple    # back edge of the seat top
    front: tuple   # front edge of the seat top
    top: tuple     # top of the backrest

    def bounds(self):
        return [self.back, self.front, self.top, (self.back[0], 0.0), (self.front[0], 0.0)]


@dataclass(frozen=True)
class Step:
    """A box-shaped step seen from the camera: its top face and its front face (picture points)."""
    top: tuple
    face: tuple

    def bounds(self):
        return list(self.top) + list(self.face)


@dataclass(frozen=True)
class Rail:
    """A stair rail held in the near hand: a level bar at the hand, on two posts down to the floor."""
    ends: tuple      # the bar's two ends (picture points)
    feet: tuple      # where each post meets the floor, below its end

    def bounds(self):
        return list(self.ends) + list(self.feet)


@dataclass(frozen=True)
class Roll:
    """A rolled towel seen end-on, resting on the floor under the knee (or on the body, under the elbow)."""
    centre: tuple
    radius: float
    on_body: bool = False  # drawn over the trunk but under the near arm: the elbow rests on it

    def bounds(self):
        x, y = self.centre
        return [(x - self.radius, y - self.radius), (x + self.radius, y + self.radius)]


@dataclass(frozen=True)
class RollAcross:
    """A rolled towel lying across the body on the floor (picture points of its two ends): striped along its
    length, its near end drawn end-on as a roll, so it reads as a towel and not a limb or a stick."""
    near: tuple
    far: tuple
    radius: float       # half its width
    flat: float = 1.0   # its height over its width: below 1, a soft roll squashed flat (an oval end)

    def bounds(self):
        r, h = self.radius, self.radius * self.flat
        return [(x + dx, y + dy) for x, y in (self.near, self.far) for dx in (-r, r) for dy in (-h, h)]


@dataclass(frozen=True)
class FloorMark:
    """An outline on the floor (picture points), drawn dashed: where a foot goes next (a sole, a spot to tap)."""
    outline: tuple

    def bounds(self):
        return list(self.outline)


@dataclass(frozen=True)
class Press:
    """Short arrows pressing in on something from both sides (a squeeze that does not move)."""
    pairs: tuple   # ((tail, tip), ...)
    bold: bool = False   # full-weight arrows, where thin ones were lost beside a small head

    def bounds(self):
        return [p for pair in self.pairs for p in pair]


def _lerp(a, b, t):
    return tuple(p + (q - p) * t for p, q in zip(a, b))


def support_low(figure: Figure, props) -> float:
    """How low a prop under the body reaches (world y), or +inf without one."""
    lows = [math.inf]
    if "stability-ball" in props:
        lows.append(_ball_centre(figure)[1] - BALL_RADIUS)
    if "bike" in props:
        lows.append(_bike_base(figure))
    if "step" in props:
        # The near foot stands on the step (the leg that steps up or stays up): the step reaches the floor.
        lows.append(_foot_bottom(figure, "near") - STEP_HEIGHT)
    return min(lows)


def _foot_bottom(figure, side):
    w = figure.world
    return min(w[f"{side}-ankle"][1] - RADIUS["ankle"], w[f"{side}-toe"][1] - RADIUS["toe"])


def _facing(figure: Figure) -> int:
    """+1 when the person faces the right of the picture (the toes point that way), else -1."""
    w = figure.world
    return 1 if w["near-toe"][0] >= w["near-ankle"][0] else -1


def sitting(figure: Figure) -> bool:
    """The thighs run forward from an upright trunk: the person sits on the seat."""
    w = figure.world
    thigh = tuple(k - h for k, h in zip(w["near-knee"], w["near-hip"]))
    return thigh[1] > -0.6 * THIGH and w["shoulder"][1] > w["pelvis"][1] + 1.0


def _seat(figure: Figure) -> Seat:
    """Under the pelvis when sitting; behind the heels, where it was, once the person has stood up."""
    w = figure.world
    face = _facing(figure)
    if sitting(figure):
        top = w["pelvis"][1] - RADIUS["pelvis"] * 0.75
        front = w["pelvis"][0] + face * (SEAT_DEPTH - 0.5)
    else:
        heels = min((w[f"{s}-ankle"][0] for s in ("near", "far")), key=lambda x: x * face)
        top, front = SEAT_HEIGHT, heels - face * SEAT_BEHIND_HEELS
    back = front - face * SEAT_DEPTH
    project = lambda x, y: figure.project((x, y, 0.0))  # noqa: E731 - the chair stands in the body's plane
    return Seat(project(back, top), project(front, top), project(back, top + SEAT_BACK))


def _step(figure: Figure) -> Step:
    """A step under the near foot (and any other foot level with it), wide enough for both feet."""
    w = figure.world
    height = _foot_bottom(figure, "near")
    xs = [w[f"near-{j}"][0] for j in ("ankle", "toe")]
    if abs(_foot_bottom(figure, "far") - height) < 0.2:
        xs += [w[f"far-{j}"][0] for j in ("ankle", "toe")]
    left, right = min(xs) - 0.45, max(xs) + 0.45
    corners = lambda y, z: [(left, y, z), (right, y, z)]  # noqa: E731
    top = corners(height, STEP_HALF_WIDTH) + corners(height, -STEP_HALF_WIDTH)[::-1]
    face = corners(height, STEP_HALF_WIDTH)[::-1] + corners(0.0, STEP_HALF_WIDTH)
    return Step(tuple(figure.project(c) for c in top), tuple(figure.project(c) for c in face))


def _rail(figure: Figure) -> Rail:
    """A level rail through the near hand, just beyond the near side, long enough to span a step and a stride."""
    x, y, z = figure.world["near-hand"]
    ends = [(x + dx, y - RADIUS["hand"] * 0.5, z + 0.1) for dx in (-RAIL_HALF_LENGTH, RAIL_HALF_LENGTH)]
    return Rail(tuple(figure.project(e) for e in ends), tuple(figure.project((ex, 0.0, ez)) for ex, _, ez in ends))


def _wall_behind(figure: Figure) -> Wall:
    """A wall against the back: it touches the back of the pelvis and shoulders."""
    w = figure.world
    face = _facing(figure)
    backs = [figure.project(w[j])[0] - face * RADIUS[r] for j, r in (("pelvis", "pelvis"), ("shoulder", "chest"))]
    x = min(backs) if face > 0 else max(backs)
    height = figure.project(w["head"])[1] + 0.8
    return Wall(x - 0.2 if face > 0 else x, height)


def _ball_centre(figure):
    w = figure.world
    along = _lerp(w["pelvis"], w["shoulder"], 0.2)
    return along[0], along[1] - RADIUS["waist"] - BALL_RADIUS, 0.0


def _bike_base(figure):
    w = figure.world
    crank = _lerp(w["near-ankle"], w["far-ankle"], 0.5)
    return min(crank[1] - CRANK - 0.9, w["pelvis"][1] - 3.0)


def ground(figure: Figure, props) -> None:
    """Set the figure down: its lowest part, or the prop it rests on, on y = 0."""
    figure.lift(-min(lowest(figure), support_low(figure, props)))


def floor_shape(figure: Figure, lying: bool, extent=()) -> Ground:
    """The floor strip or mat under a grounded figure, reaching past the body and its props."""
    xs = [p[0] for p in figure.world.values()] + [x for x in extent]
    left, right = min(xs) - 0.7, max(xs) + 0.7
    if figure.view in FLAT_VIEWS:
        return Ground(((left, 0.0), (right, 0.0)), MAT_THICKNESS * 1.6 if lying else MAT_THICKNESS, lying)
    reach = max(abs(p[2]) for p in figure.world.values()) + 0.5
    corners = [(left, 0.0, reach), (right, 0.0, reach), (right, 0.0, -reach), (left, 0.0, -reach)]
    under = ()
    if not lying:
        # The line the feet stand on: a pale floor with its only dark edge out in front, away from the feet,
        # looked like a floating figure once a photocopier dropped the tint.
        feet = [figure.world[f"{s}-ankle"] for s in ("near", "far")]
        x, z = (sum(p[i] for p in feet) / 2 for i in (0, 2))
        if figure.view == "three-quarter":  # seen from in front: the line runs across, from side to side
            under = (figure.project((x, 0.0, z + 1.5)), figure.project((x, 0.0, z - 1.5)))
        else:
            under = (figure.project((min(left, x - 1.5), 0.0, z)), figure.project((max(right, x + 1.5), 0.0, z)))
    return Ground(tuple(figure.project(c) for c in corners), MAT_THICKNESS, lying, under)


def equipment(figure: Figure, props, finish: bool = False, start: Figure | None = None):
    """(behind the figure, between its far and near sides, in front of it) for a grounded figure.

    `start` is the grounded start position: a wall or a door stays where it was at the start.
    """
    w, p = figure.world, figure.points
    start = start or figure
    behind, between, front = [], [], []
    if "stability-ball" in props:
        behind.append(Ball(figure.project(_ball_centre(figure)), BALL_RADIUS))
    if "pillow" in props:
        head = p["head"]
        behind.append(Pillow((head[0], head[1] - RADIUS["head"] - 0.15), 1.4, 0.36))
    if "water" in props:
        behind.append(Water(p["shoulder"][1] - 1.9))  # waist deep, as the steps say
    if "wall" in props:
        behind.append(_wall(figure, start))
    if "door-band" in props:
        anchor = _door_anchor(start)
        bottom, top = (anchor[0], 0.0, anchor[2]), (anchor[0], DOOR_HEIGHT, anchor[2])
        behind.append(Door(figure.project(bottom), figure.project(top), figure.project(anchor)))
        front.extend(BandLine(p[f"{side}-hand"], figure.project(anchor)) for side in _band_hands(start))
    if "wall-behind" in props:
        behind.append(_wall_behind(figure))
    if "seat" in props:
        behind.append(_seat(figure))
    if "step" in props:
        behind.append(_step(figure))
    if "rail" in props:
        behind.append(_rail(figure))
    if "towel-roll" in props:
        knee = w["near-knee"]
        # As thick as the gap under the knee allows at the start, so the knee rests on it (a towel rolled up
        # tight); the same towel at the finish, so a knee pressed down sinks into it rather than the roll
        # shrinking to a thin-lined dot that a photocopier greys away.
        rest = start.world["near-knee"]
        radius = min(0.5, max(0.22, (rest[1] - RADIUS["knee"]) / 2 + 0.03))
        # Under the near knee itself (its z), so it stays under that knee in every position: in front of the far
        # leg (a far leg lying flat hid it), behind the near one.
        between.append(Roll(figure.project((knee[0], radius, knee[2])), radius))
    if "elbow-towel" in props:
        front.append(_elbow_towel(figure))
    if "forehead-towel" in props:  # in front of the far arm, under the head and the near arm
        between.append(_forehead_towel(figure))
    if "footprints" in props:
        behind.extend(_footprints(start))
    if "tap-spots" in props:
        behind.extend(_tap_spots(start))
    if "chair" in props:
        hand = p["near-hand"]
        facing = 1 if hand[0] >= p["pelvis"][0] else -1
        behind.append(Chair((hand[0] + facing * 0.1, hand[1] - 0.1), facing))
    if "bike" in props:
        crank = _lerp(w["near-ankle"], w["far-ankle"], 0.5)
        seat = (w["pelvis"][0], w["pelvis"][1] - RADIUS["pelvis"], 0.0)
        between.append(Bike(figure.project(seat), figure.project(crank), p["near-hand"]))
    if "small-ball" in props and not figure.lying and figure.view not in FLAT_VIEWS:
        # Standing, the ball is held between the hands: tai chi's imagined ball, drawn dashed. Between the far
        # and near arms, so the near hand shows in front of it and the far hand behind.
        hands = [w["near-hand"], w["far-hand"]]
        centre = _lerp(*hands, 0.5)
        radius = max(0.3, math.dist(*(figure.project(h) for h in hands)) / 2 - RADIUS["hand"] * 0.5)
        between.append(Ball(figure.project(centre), radius, imagined=True))
    elif "small-ball" in props:
        knees = _lerp(w["near-knee"], w["far-knee"], 0.5)
        hips = _lerp(w["near-hip"], w["far-hip"], 0.5)
        centre = _lerp(hips, knees, 0.86)
        gap = math.dist(w["near-knee"], w["far-knee"]) - 2 * RADIUS["knee"]
        radius = max(0.3, min(SMALL_BALL, gap / 2 + 0.04))
        squeezed = "squeeze" in props and finish
        # Drawn in front: seen from above, the ball shows between the knees rather than hidden by the near one.
        front.append(Ball(figure.project(centre), radius, 0.8 if squeezed else 1.0))
        if squeezed:
            front.append(_press(figure, centre))
    if "hand-press" in props and finish:
        front.append(_head_press(figure))
    if "band" in props:
        front.append(Band(_band_loop(figure)))
    if "strap" in props and math.dist(w["near-hand"], w["near-ankle"]) < 2.6:  # once the hand reaches for the foot
        # From the hand to a loop round the front of the ankle: long enough to read as a strap in the hand.
        front.append(Strap(p["near-hand"], _lerp(p["near-ankle"], p["near-toe"], 0.3)))
    if "stick" in props:  # across both hands, a little past each: one thing held in both hands
        near, far = w["near-hand"], w["far-hand"]
        front.append(Stick(figure.project(_lerp(near, far, -0.3)), figure.project(_lerp(near, far, 1.3))))
    if "towel" in props:  # between the far and near sides: the near foot and hand show in front of it
        between.append(_towel(p))
    if "weight" in props:  # in the free hand: with a chair, the near hand holds the chair
        front.append(Dumbbell(p["far-hand" if "chair" in props else "near-hand"]))
    return behind, between, front


def _towel(p) -> Towel:
    """From the near hand round the sole at the ball of the foot: the towel lies against the sole, on the side
    away from the shin, so the foot is plainly inside it."""
    ankle, toe, knee = p["near-ankle"], p["near-toe"], p["near-knee"]
    ball = _lerp(ankle, toe, 0.7)
    along = _unit((toe[0] - ankle[0], toe[1] - ankle[1]))
    shin = (ankle[0] - knee[0], ankle[1] - knee[1])
    across = (shin[0] - along[0] * (shin[0] * along[0] + shin[1] * along[1]),
              shin[1] - along[1] * (shin[0] * along[0] + shin[1] * along[1]))
    sole = _unit(across)
    reach = RADIUS["toe"] + TOWEL_WIDTH * 0.3
    return Towel(p["near-hand"], (ball[0] + sole[0] * reach, ball[1] + sole[1] * reach), TOWEL_WIDTH)


def _elbow_towel(figure: Figure) -> Roll:
    """A rolled towel between the near elbow and the side of the body, the elbow resting on it.

    Drawn over the trunk and under the near arm, on the body's side of the elbow: lying on the side, the
    top elbow rests on it (round 2 readers could not make out a towel hidden in the body)."""
    w = figure.world
    elbow, pelvis, shoulder = w["near-elbow"], w["pelvis"], w["shoulder"]
    axis = tuple(s - p for s, p in zip(shoulder, pelvis))
    along = max(0.0, min(1.0, sum((e - p) * a for e, p, a in zip(elbow, pelvis, axis)) / sum(a * a for a in axis)))
    to_axis = tuple(p + a * along - e for p, a, e in zip(pelvis, axis, elbow))
    # As thick as the gap between the elbow and the side of the chest, so the elbow rests on it.
    radius = max(ELBOW_TOWEL, (math.hypot(*to_axis) - RADIUS["elbow"] - RADIUS["waist"]) / 2)
    # A little toward the hips, so the forearm hanging across the tummy does not hide it.
    hips = _unit(tuple(-a for a in axis))
    centre = tuple(e + i * (RADIUS["elbow"] + radius) + h * radius * 0.8
                   for e, i, h in zip(elbow, _unit(to_axis), hips))
    return Roll(figure.project(centre), radius, on_body=True)


def _forehead_towel(figure: Figure) -> RollAcross:
    """Lying face down: a towel rolled up across the body under the forehead, so the nose is off the floor.

    On the floor under the forehead, toward the top of the head; drawn under the head, so the head lies on it and
    its ends show on both sides of the head (the sure sign of a face turned down to the floor: readers could not
    tell front from back by the body alone). A soft roll, squashed flat: drawn round, its end read as a wheel."""
    w = figure.world
    head, neck = w["head"], w["neck"]
    crown = _unit((head[0] - neck[0], 0.0, head[2] - neck[2]))   # along the floor, toward the top of the head
    across = _unit(_cross(crown, (0.0, 1.0, 0.0)))
    # Under the forehead, toward the top of the head (seen from above, the head covers a roll right under its
    # middle, and the towel then showed only as slivers); the face's lower half, nose down, stays clear of it.
    ahead = RADIUS["head"] * 0.85
    middle = (head[0] + crown[0] * ahead, FOREHEAD_TOWEL * FOREHEAD_TOWEL_FLAT, head[2] + crown[2] * ahead)
    ends = [tuple(m + a * sign * FOREHEAD_TOWEL_HALF for m, a in zip(middle, across)) for sign in (1, -1)]
    near, far = sorted(ends, key=lambda e: -e[2])   # the near end is the one toward the viewer (z > 0)
    return RollAcross(figure.project(near), figure.project(far), FOREHEAD_TOWEL, FOREHEAD_TOWEL_FLAT)


def _press(figure: Figure, centre) -> Press:
    w = figure.world
    pairs = []
    for side in ("near", "far"):
        knee = _lerp(w[f"{side}-hip"], w[f"{side}-knee"], 0.86)
        out = tuple(k - c for k, c in zip(knee, centre))
        length = math.hypot(*out) or 1
        unit = tuple(c / length for c in out)
        tip = tuple(k + u * (RADIUS["knee"] + 0.12) for k, u in zip(knee, unit))
        tail = tuple(k + u * (RADIUS["knee"] + 0.85) for k, u in zip(knee, unit))
        pairs.append((figure.project(tail), figure.project(tip)))
    return Press(tuple(pairs))


def _footprints(start: Figure, count: int = 2):
    """Soles on the floor straight on from the front foot at the start, each heel at the last one's toes: steps
    on one line, heel to toe (round 6 readers could not see the heel touch the toes at the size of a foot)."""
    w = start.world
    front = max(("near", "far"), key=lambda s: w[f"{s}-toe"][0])
    heel, z = w[f"{front}-ankle"][0] - RADIUS["ankle"], w[f"{front}-ankle"][2]
    length, half = FOOT + RADIUS["ankle"] + RADIUS["toe"], 0.25
    prints = []
    for k in range(1, count + 1):
        back = heel + k * length + 0.02
        outline = []
        for step in range(24):  # a sole: an oval, a little wider at the ball of the foot than at the heel
            a = 2 * math.pi * step / 24
            along = back + length / 2 * (1 - math.cos(a))
            width = half * (0.8 + 0.25 * (1 - math.cos(a)) / 2)
            outline.append(start.project((along, 0.0, z + width * math.sin(a))))
        prints.append(FloorMark(tuple(outline)))
    return prints


def _tap_spots(start: Figure):
    """Spots on the floor behind, out to the side of and in front of the foot that stands, where the other foot
    reaches to tap: one leg reaching three ways (round 6 readers took a single reach back for a lunge)."""
    w = start.world
    stand, reach = sorted(("near", "far"), key=lambda s: _foot_bottom(start, s))
    x, z = w[f"{stand}-ankle"][0], w[f"{reach}-ankle"][2]
    out = 1 if z >= w[f"{stand}-ankle"][2] else -1
    spots = ((x - TAP_REACH, z), (x + 0.3, z + out * TAP_REACH * 0.85), (x + TAP_REACH * 0.9 + FOOT, z))
    marks = []
    for cx, cz in spots:
        marks.append(FloorMark(tuple(start.project((cx + TAP_SPOT * math.cos(a), 0.0, cz + TAP_SPOT * math.sin(a)))
                                     for a in (2 * math.pi * k / 20 for k in range(20)))))
    return marks


def _head_press(figure: Figure) -> Press:
    """The head pushes into the near hand and the hand pushes back: two arrows that meet where they touch.

    A hand at the forehead alone read as a salute; the meeting arrows say the head presses and does not move.
    """
    w = figure.world
    head, hand = w["head"], w["near-hand"]
    way = _unit(tuple(h - c for h, c in zip(hand, head)))   # from the middle of the head out to the hand
    behind = tuple(c - u * (RADIUS["head"] + 0.12) for c, u in zip(head, way))
    beyond = tuple(h + u * (RADIUS["hand"] + 0.12) for h, u in zip(hand, way))
    length = 1.2
    return Press(((figure.project(tuple(b - u * length for b, u in zip(behind, way))), figure.project(behind)),
                  (figure.project(tuple(b + u * length for b, u in zip(beyond, way))), figure.project(beyond))),
                 bold=True)


def _wall(figure: Figure, start: Figure):
    """A wall just past the toes, or where the hands touch it at the start (facing it, hands on it)."""
    hand = start.points["near-hand"]
    x = start.points["near-toe"][0] + 0.15
    reaching = hand[0] > x and hand[1] > start.points["pelvis"][1]
    if reaching:
        x = hand[0] + RADIUS["hand"]
    # Reaching for it, the wall stands taller than the person, so it is the same wall in every position.
    return Wall(x, start.points["head"][1] + 1.5 if reaching else 3.0)


def _band_hands(start: Figure):
    """The near hand holds the band; the far hand too when it mirrors the near one (a row with both arms)."""
    w = start.world
    (nx, ny, nz), (fx, fy, fz) = w["near-hand"], w["far-hand"]
    both = math.dist((nx, ny, nz), (fx, fy, -fz)) < 0.2
    return ("near", "far") if both else ("near",)


def _door_anchor(start: Figure):
    """Where the band is tied: on along the start forearm, level, BAND_REACH past the hand (between the hands
    for a band held in both)."""
    w = start.world
    hands = _band_hands(start)
    hand = _lerp(w["near-hand"], w["far-hand"], 0.5) if len(hands) == 2 else w["near-hand"]
    x, _, z = (h - e for h, e in zip(w["near-hand"], w["near-elbow"]))
    length = math.hypot(x, z) or 1.0
    return hand[0] + x / length * BAND_REACH, hand[1], hand[2] + z / length * BAND_REACH


def _band_loop(figure: Figure):
    """A stadium loop around both thighs just above the knees, in 3D, seen through the camera."""
    w = figure.world
    near, far = (_lerp(w[f"{s}-hip"], w[f"{s}-knee"], 0.78) for s in ("near", "far"))
    thigh = tuple(k - h for k, h in zip(w["near-knee"], w["near-hip"]))
    across = tuple(n - f for n, f in zip(near, far))
    if math.hypot(*across) < 0.05:
        across = (0.0, 0.0, 1.0)
    across = _unit(across)
    up = _unit(_cross(_unit(thigh), across))
    r = RADIUS["hip"] * 0.8 + 0.06
    loop = []
    for centre, start in ((near, -90), (far, 90)):
        for step in range(13):
            a = math.radians(start + step * 15)
            loop.append(figure.project(tuple(c + r * (math.cos(a) * u + math.sin(a) * v)
                                             for c, u, v in zip(centre, across, up))))
    return tuple(loop)


def _unit(v):
    length = math.hypot(*v) or 1
    return tuple(c / length for c in v)


def _cross(a, b):
    return a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
