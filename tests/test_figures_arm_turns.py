"""Drawing rotator cuff and calf work: an arm turning about a still elbow, a band tied to a door, a wall
the hands reach for, and arrows that start beside a joint that waits before it moves."""

import math

import pytest

from handouts.catalogue import load_library
from handouts.figures.equipment import BandLine, Door, Wall, equipment, ground
from handouts.figures.skeleton import place, radius_of
from handouts.pose import DEFAULTS, Pose, Stance, check_pose


def stance(**angles):
    merged = {**DEFAULTS, "trunk": 90}
    merged.update({k: tuple(v) if isinstance(v, list) else v for k, v in angles.items()})
    return Stance(merged)


def grounded(s, view="side", props=()):
    figure = place(s, view)
    ground(figure, props)
    return figure


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_turning_the_arm_swings_the_hand_to_its_own_side_about_a_still_elbow():
    bent = dict(elbows=[90, 90])
    straight_on = grounded(stance(**bent)).world
    out = grounded(stance(**bent, rotate=[70, 70])).world
    across = grounded(stance(**bent, rotate=[-60, -60])).world
    for side, outward in (("near", 1), ("far", -1)):
        elbow = straight_on[f"{side}-elbow"]
        assert out[f"{side}-elbow"] == pytest.approx(elbow) == across[f"{side}-elbow"]
        # Turned out, the hand is out past its elbow; turned in, it crosses toward the other side.
        assert (out[f"{side}-hand"][2] - elbow[2]) * outward > 0.9
        assert (across[f"{side}-hand"][2] - elbow[2]) * outward < -0.9
        # The forearm keeps its length and stays level with the elbow.
        for world in (out, across):
            assert math.dist(world[f"{side}-hand"], elbow) == pytest.approx(1.25)
            assert world[f"{side}-hand"][1] == pytest.approx(elbow[1], abs=1e-9)


def test_a_stance_without_a_turn_stores_no_turn_so_older_sheets_keep_their_id(library):
    # The sheet id hashes every stored angle; exercises that never give `rotate` must hash as before.
    glute_bridge = library.exercises["glute-bridge"].pose
    assert all("rotate" not in s.angles for s in glute_bridge.stances)
    assert glute_bridge.start.get("rotate") == 0


def test_seen_three_quarter_the_turning_forearm_crosses_the_picture(library):
    for exercise_id, outward_at_finish in (("band-turn-out", True), ("band-turn-in", False)):
        pose = library.exercises[exercise_id].pose
        assert pose.view == "three-quarter"
        start, finish = (grounded(s, pose.view).points for s in (pose.start, pose.finish))
        # The near side is on the picture's left: turned out, the hand is left of its elbow.
        def reach(points):
            return points["near-hand"][0] - points["near-elbow"][0]
        out, inward = (reach(finish), reach(start)) if outward_at_finish else (reach(start), reach(finish))
        assert out < -0.7 and inward > 0.7, exercise_id


def test_a_band_tied_to_a_door_stays_tied_while_the_hand_moves():
    pose = Pose("three-quarter", stance(elbows=[90, 0], rotate=[-60, 0]), stance(elbows=[90, 0], rotate=[80, 0]),
                props=("door-band",))
    start, finish = (grounded(s, pose.view) for s in pose.stances)
    shapes = [equipment(figure, pose.props, index > 0, start) for index, figure in enumerate((start, finish))]
    doors = [next(s for s in behind if isinstance(s, Door)) for behind, _, _ in shapes]
    bands = [[s for s in front if isinstance(s, BandLine)] for _, _, front in shapes]
    assert doors[0] == doors[1]  # same door, same handle, in both pictures
    for figure, door, lines in zip((start, finish), doors, bands):
        assert len(lines) == 1  # one arm works: one band
        assert lines[0].hand == figure.points["near-hand"] and lines[0].anchor == door.handle
        assert door.top[1] - door.bottom[1] > figure.points["head"][1] - door.bottom[1]  # taller than the person
    # The band runs on along the start forearm, across the tummy: the door is on the far side, and the
    # band is longer once the hand has turned out.
    assert math.dist(*(bands[1][0].hand, bands[1][0].anchor)) > math.dist(*(bands[0][0].hand, bands[0][0].anchor))


def test_a_row_holds_the_band_in_both_hands():
    pose = Pose("side", stance(shoulders=80), stance(shoulders=-10, elbows=100), props=("door-band",))
    start = grounded(pose.start)
    lines = [s for s in equipment(start, pose.props)[2] if isinstance(s, BandLine)]
    assert {line.hand for line in lines} == {start.points["near-hand"], start.points["far-hand"]}
    door = next(s for s in equipment(start, pose.props)[0] if isinstance(s, Door))
    assert door.handle[0] > max(start.points["near-hand"][0], start.points["far-hand"][0])  # out in front


def test_a_wall_the_hands_reach_for_stands_where_they_touch_it_in_every_position(library):
    for exercise_id in ("wall-walk", "standing-calf-stretch"):
        pose = library.exercises[exercise_id].pose
        start = grounded(pose.start)
        walls = []
        for index, s in enumerate(pose.stances):
            figure = grounded(s)
            wall = next(w for w in equipment(figure, pose.props, index > 0, start)[0] if isinstance(w, Wall))
            walls.append(wall)
            assert abs(figure.points["near-hand"][0] + radius_of("hand") - wall.x) < 0.3, exercise_id
            assert wall.height > figure.points["head"][1], exercise_id
        assert len(set(walls)) == 1, exercise_id


def test_a_wall_by_the_feet_is_as_before():
    figure = grounded(stance())
    wall = next(w for w in equipment(figure, ("wall",))[0] if isinstance(w, Wall))
    assert wall == Wall(figure.points["near-toe"][0] + 0.15, 3.0)


def test_an_arrow_starts_beside_a_joint_that_waits_before_it_moves(library):
    # Rising on the toes, the head does not rise until the toes are lower than the heels: the path's first
    # points repeat, and the arrow once started inside the head, drawn sideways.
    from handouts.render.drawing import _arrow_path

    pose = library.exercises["calf-raise"].pose
    start = grounded(pose.start, pose.view, pose.props)
    path = _arrow_path(pose, "head", start)
    head = start.points["head"]
    assert all(math.dist(p, head) > radius_of("head") for p in path)
    assert path[-1][1] - path[0][1] > 2 * abs(path[-1][0] - path[0][0])  # it points up


def test_check_pose_knows_how_far_an_arm_turns():
    pose = Pose("side", stance(elbows=90), stance(elbows=90, rotate=120))
    assert any("rotate" in problem and "-90 to 90" in problem for problem in check_pose(pose))


def test_toes_that_draw_letters_get_a_round_arrow_beside_them():
    from handouts.render import drawing

    pose = Pose("side", stance(trunk=90, hips=90, ankles=90), stance(trunk=90, hips=90, ankles=60),
                props=("circles",), arrows=("near-toe",), on_floor=("pelvis",))
    start = grounded(pose.start)
    path = drawing._loop_beside(drawing._arrow_path(pose, "near-toe", start))
    centre = (sum(p[0] for p in path) / len(path), sum(p[1] for p in path) / len(path))
    # Round: it goes right round its centre (points above, below, left and right of it)...
    assert {(p[0] > centre[0], p[1] > centre[1]) for p in path} == {(True, True), (True, False), (False, True),
                                                                   (False, False)}
    # ...and sits beside the toes, never over them.
    toe = start.points["near-toe"]
    assert all(math.dist(p, toe) > radius_of("toe") for p in path)
