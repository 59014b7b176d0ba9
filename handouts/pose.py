"""Poses: a small description of a body position that the sheet draws as a figure.

An exercise's `pose:` gives a start and a finish position as joint angles.
Angles are in degrees:

    trunk      direction from the hips to the shoulders: 90 standing upright,
               180 lying with the head to the left, 0 head to the right
    hips       0 = thigh in line with the body, 90 = thigh at a right angle in
               front (as when sitting), up to 150; -30 = leg back behind you
    knees      0 = straight, 90 = right angle, up to 160
    ankles     angle between shin and foot: 90 = foot square to the shin, larger pulls the
               toes up, smaller points them; about 15 lays the foot in line with the shin
               (kneeling with the tops of the feet flat on the floor)
    shoulders  0 = arm along the body toward the hips, 90 = arm straight out
               in front, 180 = arm overhead
    elbows     0 = straight, up to 150
    neck       0 = head in line with the body, positive = chin toward chest
    back       0 = straight back, positive = rounded up like a cat, negative = hollow
    roll       a leg tipped about the body's long axis: knee out to the side
               (positive) or in across the body (negative)
    turn       the shin swung across the body about the thigh (positive: foot
               toward the other leg, as in a figure four)
    spread     an arm swung out to the side: 90 = out like the letter T
    nod        the head tipped on the top of the neck: positive = chin in and down
               (with a small negative neck, the head slides straight back: a chin tuck)
    look       the head turned to look to one side: positive = toward the near side
               (seen from the front, toward the right of the picture); the nose shows it
    rotate     the forearm swung about the upper arm, elbow bent: positive turns
               the hand out to the side (turning the arm out), negative in
               across the belly (turning it in), as in rotator cuff work
    wrist      the hand bent back at the wrist, fingers toward the head: 90 = the
               palm flat and facing where the forearm points, as in a tai chi push
               (0, the default, draws a plain round hand)
    splay      a leg swung out to its own side at the hip (positive), or in toward
               the other leg (negative): a foot that reaches out sideways, or feet
               set one in front of the other on a line (heel to toe)

`view:` is how the picture looks at the body (see figures/skeleton.py): `side`
(the default, a little from above so the far limbs show), `oblique` (three-quarter,
for lying knee and pelvis movements), `above` (lying on the side, from above),
`front` (hip and shoulder angles swing the limbs out to the sides), `feet`,
`three-quarter` (a standing or sitting figure from in front and a little above,
for an arm turning out or in with the elbow at the side, or a foot turning), `level`
(lying on the side, seen low from in front and toward the feet: a clam's opening knee),
`toward-head` (lying on the side, from in front, a little above and toward the head: stacked
bent knees, the head on a pillow, the top forearm turning up), `high` (lying on the back, from
higher above: arms taken overhead with a stick across the hands), `side-behind`
(standing, from the side and a little behind: both arms reaching back to hands joined behind the back show as
a V, where from the side the far arm hid behind the near one), and `floor-level`
(lying on the back, seen from the side with the eye at floor level: a gap under the low back or under the head
shows as white above the mat, and closes when it touches down; the far limbs hide behind the near ones).

A value is one number (both sides) or [near, far]: the near side is drawn dark,
the far side white with a dark outline. `finish` repeats only what changes;
`then:` adds a second finish for moves that go two ways (cat and cow), and
`both_ways: true` draws two-headed arrows for moves repeated back and forth.
`pushes:` draws a short straight arrow that stops just before a joint and points the
way it moves, as a finger would push it (a chin tuck: in front of the face, pointing back).
`hold: true` says the finish is a position held still, not a move (balancing on one leg): its panel is
captioned "Hold" and carries a stopwatch, and the pose has no arrow to suggest movement.
`from_above: true` adds, beside the finish, a small view of it from straight above, labelled "From above":
arms raised a little in front of the side (in a V) look the same as arms straight out from the front. Lying, it
shows the whole body across a box over the legs, head the same way as the side view: arms stretched past the head
in a V, which from the side lie one behind the other.
`from_behind: true` adds, in front of the finish's feet, a small view of it from behind, labelled "From
behind": both arms reaching back to hands joined behind the back show over the back, where from the side one
hid the other. With the prop `shoulder-blades` that view also shows the two shoulder blades on the back, close to
the spine, each with a short arrow in toward it: a squeeze that from the side shows only as elbows drawn back.
`start_from_above: true` adds, past the start's feet, a small view of the start from the ceiling, head at the
top, labelled "From above": a lying figure four's crossed leg, whose shin from the side points at the viewer,
lies flat there and makes the 4.
`leads:` draws the same straight arrow just past the joint instead, pointing on the way it goes, as a foot
presses a pedal away (a path arrow there curves down, which reads as pushing down).
`anchor:` names a joint that stays put on the floor (the knees, sitting back to the
heels): arrows then show the move as seen from it, not from the hips.
Lengths are in head heights, as an artist draws a figure 7 heads tall.
"""

from __future__ import annotations

from dataclasses import dataclass


FLOOR_TOLERANCE = 0.3  # head heights: a joint this close to the floor rests on it

VIEWS = ("side", "oblique", "above", "front", "feet", "three-quarter", "level", "toward-head", "high", "head-end",
         "overhead", "floor-level", "side-behind")
ANGLES = ("trunk", "hips", "knees", "ankles", "shoulders", "elbows", "neck", "back", "roll", "turn", "spread",
          "nod", "look", "rotate", "wrist", "splay")
PAIRED = ("hips", "knees", "ankles", "shoulders", "elbows", "roll", "turn", "spread", "rotate", "wrist", "splay")
DEFAULTS = {"hips": 0, "knees": 0, "ankles": 90, "shoulders": 0, "elbows": 0, "neck": 0, "back": 0, "roll": 0,
            "turn": 0, "spread": 0, "nod": 0, "look": 0}
# Angles added since sheets began carrying an id: kept in a stance only when its pose gives them, so every older
# exercise reads (and hashes into its sheet id, handout.fingerprint) exactly as before.
LATER_DEFAULTS = {"rotate": 0, "wrist": 0, "splay": 0}
# How far human joints bend (degrees); the validator refuses anything outside.
LIMITS = {
    "trunk": (-360, 360),
    "hips": (-35, 150),
    "knees": (0, 160),
    "ankles": (10, 160),   # 10: a foot pointed in line with the shin, as when kneeling
    "shoulders": (-60, 190),
    "elbows": (0, 155),
    "neck": (-45, 70),
    "back": (-35, 45),
    "roll": (-80, 80),
    "turn": (-60, 100),
    "spread": (-20, 170),   # 180 would be the arm straight up past the ear
    "nod": (-30, 40),
    "look": (-80, 80),
    "rotate": (-90, 90),
    "wrist": (0, 90),
    "splay": (-30, 60),
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
         "bike", "wall", "door-band", "circles", "seat", "step", "wall-behind", "towel-roll", "elbow-towel", "towel", "stick",
         "forehead-towel",
         "rail", "hand-press", "letters", "footprints", "tap-spots", "loop", "shoulder-blades")
JOINTS = ("pelvis", "waist", "shoulder", "head", "near-knee", "far-knee", "near-ankle", "far-ankle", "near-toe", "far-toe",
          "near-elbow", "far-elbow", "near-hand", "far-hand", "nose")


@dataclass(frozen=True)
class Stance:
    """One position: every angle, with near and far values for paired joints."""

    angles: dict

    def get(self, name: str, side: int = 0) -> float:
        value = self.angles[name] if name in self.angles else LATER_DEFAULTS[name]
        return value[side] if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Pose:
    """An exercise's drawing: the view, the start and finish stances, props and arrows."""

    view: str
    start: Stance
    finish: Stance
    props: tuple[str, ...] = ()
    arrows: tuple[str, ...] = ()
    on_floor: tuple[str, ...] = ()
    floor: bool = True  # false: no floor or mat is drawn
    then: Stance | None = None  # a second finish, for moves that go two ways (cat and cow)
    both_ways: bool = False     # the move is repeated back and forth: two-headed arrows
    anchor: str | None = None   # a joint that stays put (a knee on the mat): arrows follow the body about it
    pushes: tuple[str, ...] = ()  # joints pushed the way they move: a straight arrow up to each
    hold: bool = False          # the finish is held still (balance on one leg): "Hold" and a stopwatch, no arrow
    from_above: bool = False    # a small view from straight above beside the finish: arms a little in front of the side
    leads: tuple[str, ...] = ()  # joints that push something away: a straight arrow just past each, pointing on
    from_behind: bool = False   # a small view from behind beside the finish: both arms reaching back to joined hands
    start_from_above: bool = False  # lying: a small view of the start from the ceiling past the feet (a figure four)

    @property
    def stances(self) -> tuple[Stance, ...]:
        return (self.start, self.finish) + ((self.then,) if self.then is not None else ())


def check_pose(pose: Pose) -> list[str]:
    """Plain-words reasons this pose cannot be drawn as a person would stand or lie."""
    # Imported here: a command that takes its poses from the parsed-catalogue cache never places a figure.
    from .figures.skeleton import place, radius_of

    problems = []
    limits = {**LIMITS, **(FRONT_LIMITS if pose.view == "front" else {})}
    for label, stance in zip(("start", "finish", "then"), pose.stances):
        for name in ANGLES:
            for side, side_word in ((0, "near "), (1, "far ")):
                value = stance.get(name, side)
                low, high = limits[name]
                if not low <= value <= high:
                    who = side_word if isinstance(stance.angles.get(name), tuple) else ""
                    problems.append(f"{label}.{name}: {who}{value:g} degrees is not how a human joint bends; "
                                    f"use {low} to {high}")
                if name not in PAIRED:
                    break
    if pose.hold and (pose.arrows or pose.pushes or pose.leads or pose.then is not None):
        problems.append("hold: a position held still has no arrows and no second finish (they show a move); "
                        "drop `arrows:`, `pushes:`, `leads:` and `then:`, or drop `hold:`")
    if "shoulder-blades" in pose.props and not pose.from_behind:
        problems.append("props: shoulder-blades are drawn in the view from behind; add `from_behind: true`")
    if problems:
        return problems
    if pose.start_from_above and not place(pose.start, pose.view).lying:
        problems.append("start_from_above: the view from the ceiling is for a person lying down; "
                        "drop it, or give a lying position")
    from .figures.equipment import ground

    for label, stance in zip(("start", "finish", "then"), pose.stances):
        figure = place(stance, pose.view)
        ground(figure, pose.props)
        for joint in pose.on_floor:
            height = figure.world[joint][1] - radius_of(joint)
            if height > FLOOR_TOLERANCE:
                problems.append(f"{label}: the {joint.replace('-', ' ')} floats {height:.1f} head heights above "
                                "the floor; change the angles so it rests on the floor, or drop it from on_floor")
    return problems


def __getattr__(name: str):
    """`place` and `radius_of` as before, from figures.skeleton, loaded only when asked for (PEP 562)."""
    if name in ("place", "radius_of"):
        from .figures import skeleton

        return getattr(skeleton, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
