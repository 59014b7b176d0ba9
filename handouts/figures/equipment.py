"""Equipment and the floor, as typed shapes in picture coordinates (head heights, floor-relative).

Each shape knows the points that bound it; render/equipment.py draws them. Props
that hold the body up (a ball, a bike) also say how low they reach, so the
figure can be set down on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .skeleton import FLAT_VIEWS, RADIUS, THIGH, Figure, lowest

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
    """A rolled towel seen end-on, resting on the floor under the knee."""
    centre: tuple
    radius: float

    def bounds(self):
        x, y = self.centre
        return [(x - self.radius, y - self.radius), (x + self.radius, y + self.radius)]


@dataclass(frozen=True)
class Press:
    """Short arrows pressing in on something from both sides (a squeeze that does not move)."""
    pairs: tuple   # ((tail, tip), ...)

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
        # As thick as the gap under the knee allows, so the knee rests on it (a towel rolled up tight).
        radius = min(0.5, max(0.22, (knee[1] - RADIUS["knee"]) / 2 + 0.03))
        # Under the near knee itself (its z), so it stays under that knee in every position.
        behind.append(Roll(figure.project((knee[0], radius, knee[2])), radius))
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
    if "band" in props:
        front.append(Band(_band_loop(figure)))
    if "strap" in props and math.dist(w["near-hand"], w["near-ankle"]) < 2.6:  # once the hand reaches for the foot
        # From the hand to a loop round the front of the ankle: long enough to read as a strap in the hand.
        front.append(Strap(p["near-hand"], _lerp(p["near-ankle"], p["near-toe"], 0.3)))
    if "weight" in props:  # in the free hand: with a chair, the near hand holds the chair
        front.append(Dumbbell(p["far-hand" if "chair" in props else "near-hand"]))
    return behind, between, front


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
