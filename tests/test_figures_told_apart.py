"""Drawings that readers mixed up with a look-alike: each shows the one thing that tells it apart."""

import dataclasses
import math

import pytest

from handouts.catalogue import load_library
from handouts.figures.equipment import Pillow, Roll, equipment, ground
from handouts.figures.skeleton import RADIUS, place


@pytest.fixture(scope="module")
def library():
    return load_library()


def positions(library, exercise_id):
    """Each position of an exercise, grounded, with all its equipment shapes."""
    pose = library.exercises[exercise_id].pose
    start = None
    out = []
    for index, stance in enumerate(pose.stances):
        figure = place(stance, pose.view)
        ground(figure, pose.props)
        start = start or figure
        out.append((figure, [s for group in equipment(figure, pose.props, index > 0, start) for s in group]))
    return out


def bend(points, a, b, c):
    """The angle at b, in the picture, between b->a and b->c (180: straight)."""
    (ax, ay), (bx, by), (cx, cy) = points[a], points[b], points[c]
    turn = math.atan2(ay - by, ax - bx) - math.atan2(cy - by, cx - bx)
    return abs(math.degrees((turn + math.pi) % (2 * math.pi) - math.pi))


def test_arm_turn_out_on_the_side_rests_the_elbow_on_a_towel_with_the_head_on_a_pillow(library):
    # Seen from above, readers took it for lying face down (a "ball superman") and could not find the towel.
    for figure, shapes in positions(library, "side-lying-turn-out"):
        p = figure.points
        towel = next(s for s in shapes if isinstance(s, Roll))
        elbow = p["near-elbow"]
        assert towel.on_body  # over the trunk, under the arm: the elbow lies on it
        assert math.dist(towel.centre, elbow) < RADIUS["elbow"] + towel.radius + 0.1
        assert towel.centre[1] < elbow[1]  # under the elbow, toward the body
        pillow = next(s for s in shapes if isinstance(s, Pillow))
        assert abs(pillow.centre[0] - p["head"][0]) < 0.3
        assert bend(p, "near-hip", "near-knee", "near-ankle") < 150  # the knees show bent, stacked
    (start, _), (finish, _) = positions(library, "side-lying-turn-out")
    assert finish.points["near-hand"][1] > finish.points["near-elbow"][1] + 0.8  # the hand up toward the ceiling
    assert start.points["near-hand"][1] < start.points["near-elbow"][1]           # from across the tummy


def captions(drawing):
    """Every word drawn, panels and all, in drawing order."""
    def walk(node):
        for item in getattr(node, "contents", ()):
            yield from ([item.text] if hasattr(item, "text") else walk(item))
    return list(walk(drawing))


def test_balance_on_one_leg_is_a_hold_not_a_march(library):
    # With a knee-lift arrow, readers took it for marching on the spot or a hamstring curl.
    from handouts.render.drawing import pose_drawing

    pose = library.exercises["single-leg-balance"].pose
    assert pose.hold and not pose.arrows and not pose.pushes
    assert captions(pose_drawing(pose, 400, 200, 20)) == ["Start", "Hold"]
    assert captions(pose_drawing(library.exercises["marching-on-the-spot"].pose, 400, 200, 20)) == ["Start", "Finish"]
    (start, _), (held, _) = positions(library, "single-leg-balance")
    for side in ("near", "far"):
        assert start.world[f"{side}-ankle"][1] - RADIUS["ankle"] < 0.1  # both feet down
    assert held.world["near-ankle"][1] - RADIUS["ankle"] < 0.1              # standing on the near leg
    assert held.world["far-ankle"][1] - RADIUS["ankle"] > 0.5               # the other foot clear of the floor
    assert held.world["far-knee"][0] > held.world["far-hip"][0] + 1.0       # its knee up in front


def test_a_held_position_may_not_carry_an_arrow(library):
    from handouts.pose import check_pose

    pose = dataclasses.replace(library.exercises["single-leg-balance"].pose, arrows=("far-knee",))
    assert check_pose(pose) == ["hold: a position held still has no arrows and no second finish (they show a "
                                "move); drop `arrows:`, `pushes:`, `leads:` and `then:`, or drop `hold:`"]


def test_the_calf_stretch_towel_is_wide_and_pulls_the_toes_toward_you(library):
    # Drawn as a red band, readers took it for the band foot push; an earlier finish pointed the toes away.
    from handouts.figures.equipment import Strap, Towel
    from handouts.render.drawing import _arrow_path

    (start, start_shapes), (finish, shapes) = positions(library, "towel-calf-stretch")
    assert not any(isinstance(s, Strap) for s in start_shapes + shapes)  # no band-coloured strap
    for figure, found in ((start, start_shapes), (finish, shapes)):
        towel = next(s for s in found if isinstance(s, Towel))
        assert towel.width >= 2 * 0.16  # at least twice as wide as a band
        assert math.dist(towel.hand, figure.points["near-hand"]) < 0.01
        ball = [a + (t - a) * 0.7 for a, t in zip(figure.points["near-ankle"], figure.points["near-toe"])]
        assert math.dist(towel.foot, ball) < 0.4  # round the ball of the foot
    hip = start.points["near-hip"][0]
    assert abs(finish.points["near-toe"][0] - hip) < abs(start.points["near-toe"][0] - hip) - 0.3  # toes come back
    pose = library.exercises["towel-calf-stretch"].pose
    path = _arrow_path(pose, "near-toe", start)
    assert path[-1][0] < path[0][0]  # the arrow points back toward the body (the person faces right)


def test_arm_raise_with_help_holds_a_stick_in_both_hands_and_ends_beyond_the_head(library):
    # Readers could not see the hands helping each other, and the finish arms seemed to lie over the face.
    from handouts.figures.equipment import Stick

    (start, start_shapes), (finish, finish_shapes) = positions(library, "assisted-arm-raise")
    for figure, shapes in ((start, start_shapes), (finish, finish_shapes)):
        stick = next(s for s in shapes if isinstance(s, Stick))
        for side in ("near", "far"):  # one stick, in both hands
            hand = figure.points[f"{side}-hand"]
            a, b = stick.a, stick.b
            t = ((hand[0] - a[0]) * (b[0] - a[0]) + (hand[1] - a[1]) * (b[1] - a[1])) / math.dist(a, b) ** 2
            assert 0.1 < t < 0.9
            assert math.dist(hand, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)) < 0.05
    w = start.world
    assert w["near-hand"][1] > w["shoulder"][1] + 2.0  # straight up above the chest
    w = finish.world
    head_way = w["head"][0] - w["pelvis"][0]
    assert (w["near-hand"][0] - w["head"][0]) * head_way > 1.5  # out beyond the head, not over the face
    assert w["near-hand"][1] < w["head"][1] + 0.3                # lowered back toward the floor


def test_arm_raise_at_an_angle_shows_from_above_the_arms_in_front_of_the_side(library):
    # Seen from the front, readers could not see that the arms go a little in front of the side.
    from handouts.render.drawing import ABOVE_CAMERA, pose_drawing

    pose = library.exercises["arm-raise-at-an-angle"].pose
    assert pose.from_above
    assert "From above" in captions(pose_drawing(pose, 400, 200, 20))
    assert "From above" not in captions(pose_drawing(library.exercises["band-turn-out"].pose, 400, 200, 20))
    (_, _), (finish, _) = positions(library, "arm-raise-at-an-angle")
    finish.angle = ABOVE_CAMERA
    p = finish.points
    for side in ("near", "far"):
        shoulder, hand = p[f"{side}-shoulder"], p[f"{side}-hand"]
        out = abs(hand[0] - shoulder[0])
        forward = hand[1] - shoulder[1]  # the person faces the top of the view from above
        assert 20 < math.degrees(math.atan2(forward, out)) < 45, side  # a V, about 30 degrees in front of the side


def test_the_band_foot_push_points_down_and_a_lead_arrow_points_on(library):
    # Readers swapped "Foot push down against a band" with a second band push (pressing a pedal away) whose
    # steps said the same thing; that second one is gone, and the push-down arrow ends pointing at the floor.
    from dataclasses import replace

    from handouts.render.drawing import _arrow_path, _push_path

    down = library.exercises["band-push-down"].pose
    (start, _), _ = positions(library, "band-push-down")
    path = _arrow_path(down, "near-toe", start)
    (ax, ay), (bx, by) = path[-2], path[-1]
    assert by < ay and abs(by - ay) > abs(bx - ax)  # its arrow ends pointing down, toward the floor
    # `leads:` (a clinic's own pose may use it): a level arrow from just past the toes, pointing on.
    led = replace(down, arrows=(), leads=("near-toe",))
    (tx, ty), (hx, hy) = _push_path(led, "near-toe", start, lead=True)
    toe = start.points["near-toe"]
    assert math.dist((tx, ty), toe) < math.dist((hx, hy), toe)   # from beside the toes, on the way they go


def test_shoulder_blade_squeeze_shows_the_blades_squeezing_in_from_behind_and_the_elbows_led_straight_back(library):
    # Round 13: a round arrow at the elbow read as a trunk twist, and "nothing shows the shoulder blades" (a band
    # row came to mind). Now a straight arrow leads the elbow back, the elbow ends behind the back with the forearm
    # level, and the view from behind shows both blades by the spine with an arrow in toward each.
    from reportlab.graphics.shapes import PolyLine

    from handouts.figures.skeleton import Figure
    from handouts.render import drawing

    pose = library.exercises["shoulder-blade-squeeze"].pose
    assert pose.from_behind and "shoulder-blades" in pose.props and not {"band", "door-band"} & set(pose.props)
    (start, _), (finish, _) = positions(library, "shoulder-blade-squeeze")
    p = finish.points
    front = 1 if p["near-toe"][0] > p["near-ankle"][0] else -1
    assert (p["waist"][0] - p["near-elbow"][0]) * front > RADIUS["waist"]       # the elbow plainly behind the back
    assert abs(p["near-hand"][1] - p["near-elbow"][1]) < 0.3                    # the forearm stays level
    assert (p["near-hand"][0] - p["near-elbow"][0]) * front > 0.8                # and points forward
    (tail, tip) = drawing._push_path(pose, "near-elbow", start, lead=True)
    assert tail[1] == pytest.approx(tip[1]) and (tail[0] - tip[0]) * front > 0.8  # straight back, level

    behind = Figure(world=finish.world, view=finish.view, angle=drawing.BEHIND_CAMERA).points
    spine = behind["shoulder"][0]
    for outline, (out, into) in drawing.shoulder_blades(behind):
        inner = min(outline, key=lambda q: abs(q[0] - spine))
        assert abs(inner[0] - spine) < abs(out[0] - spine) * 0.25               # the blade's edge by the spine
        assert abs(into[0] - spine) < abs(out[0] - spine)                       # its arrow points in toward it

    def arrows_from_behind(exercise_id):
        found = library.exercises[exercise_id].pose
        group = next(g for g in drawing.pose_drawing(found, 400, 200, 20, 9).contents
                     if any(getattr(i, "text", "") == "From behind" for i in getattr(g, "contents", ())))
        return sum(isinstance(i, PolyLine) for i in group.contents)

    assert arrows_from_behind("shoulder-blade-squeeze") >= 2   # the squeeze arrows, drawn in the view from behind
    assert arrows_from_behind("chest-stretch") == 0            # the chest stretch's view shows the joined hands only
