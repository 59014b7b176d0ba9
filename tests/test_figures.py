"""The figures: every shipped drawing agrees with its words and survives a photocopier."""

from pathlib import Path

import pytest

from handouts.catalogue import load_library
from handouts.figures.equipment import ground
from handouts.figures.skeleton import place
from handouts.pose import FLOOR_TOLERANCE, radius_of


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_on_floor_joints_rest_on_the_floor_in_every_position(library):
    for exercise in library.exercises.values():
        pose = exercise.pose
        for stance in pose.stances:
            figure = place(stance, pose.view)
            ground(figure, pose.props)
            for joint in pose.on_floor:
                assert figure.world[joint][1] - radius_of(joint) <= FLOOR_TOLERANCE, (exercise.id, joint)


def test_one_leg_and_both_legs_are_drawn_differently(library):
    one, both = (library.exercises[i].pose.finish for i in ("knee-to-chest", "double-knee-to-chest"))
    assert one.get("hips", 1) != both.get("hips", 1)


def test_lying_knee_movements_are_seen_three_quarter(library):
    for exercise_id in ("lower-trunk-rotation", "spinal-twist", "adductor-squeeze", "hip-abduction-band"):
        assert library.exercises[exercise_id].pose.view == "oblique", exercise_id


def test_the_key_says_how_to_read_near_and_far():
    from handouts.render.drawing import figure_key_drawing

    texts = [getattr(s, "text", "") for s in figure_key_drawing(font_size=9).contents]
    assert any("nearest" in t for t in texts) and any("far side" in t for t in texts)


def test_contact_sheet_builds(run, library):
    from pypdf import PdfReader

    result = run("pictures", "glute-bridge", "cat-cow", "-o", "gallery.pdf", "--png", "pngs")
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader("gallery.pdf").pages)
    assert "glute-bridge" in text and library.exercises["cat-cow"].name in text
    assert Path("pngs/cat-cow.png").read_bytes().startswith(b"\x89PNG")
    result = run("pictures", "si-joint-starter", "-o", "x.pdf")
    assert result.exit_code == 2 and "is not an exercise" in result.stderr


def lost_grey_pixels(image) -> int:
    """Pixels a 50% threshold turns white that are not anti-aliasing next to dark ink (the lead's measure)."""
    from PIL import ImageChops, ImageFilter

    grey = image.convert("L")
    mid = grey.point(lambda v: 255 if 128 <= v < 215 else 0)
    near = grey.point(lambda v: 255 if v < 128 else 0).filter(ImageFilter.MaxFilter(5))
    return ImageChops.subtract(mid, near).histogram()[255]


def test_every_drawing_survives_a_photocopier(run, library):
    pdfium = pytest.importorskip("pypdfium2")
    result = run("pictures", "-o", "gallery.pdf")
    assert result.exit_code == 0, result.output
    pages = pdfium.PdfDocument("gallery.pdf")
    lost = {number: lost_grey_pixels(page.render(scale=150 / 72).to_pil()) for number, page in enumerate(pages, 1)}
    assert all(count <= 120 for count in lost.values()), lost


def test_validate_warns_about_an_exercise_without_a_picture(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    (folder / "lift.yaml").write_text(
        "id: my-lift\nname: My leg lift\nkind: strength\nposition: lying on your back\nbody_area: [hips]\n"
        "equipment: [none]\nsummary: It helps.\nsteps: [Lie on your back., Lift one leg.]\ndose: {reps: 10}\n"
        "sources: [Our notes]\n")
    result = run("validate", "--brief", tmp_path / "mine")
    assert "'my-lift' has no picture" in result.stderr, result.stderr


def test_a_move_that_goes_two_ways_shows_both_shapes(library):
    from handouts.render.drawing import pose_drawing

    pose = library.exercises["cat-cow"].pose
    assert pose.both_ways and pose.then is not None
    assert pose.finish.get("back") > 0 > pose.then.get("back")  # rounded up, then dipped
    assert pose.start.get("back") == 0  # from a flat back
    drawing = pose_drawing(pose, 500, 200, 30, 9)
    assert [s.text for s in drawing.contents if hasattr(s, "text")] == ["Start", "Next", "Then"]


def test_pose_drawing_fits_its_box(library):
    from handouts.render.drawing import pose_drawing

    for exercise in library.exercises.values():
        for width, height in ((180, 110), (500, 140)):
            drawing = pose_drawing(exercise.pose, width, height, 20, 8)
            assert drawing.width <= width + 0.01 and drawing.height <= height + 0.01, exercise.id


def test_contact_sheet_of_a_catalogue_leaves_out_exercises_without_a_pose(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    (folder / "lift.yaml").write_text(
        "id: my-lift\nname: My leg lift\nkind: strength\nposition: lying on your back\nbody_area: [hips]\n"
        "equipment: [none]\nsummary: It helps.\nsteps: [Lie on your back., Lift one leg.]\ndose: {reps: 10}\n"
        "sources: [Our notes]\n")
    result = run("pictures", "--catalogue", tmp_path / "mine", "-o", "all.pdf")
    assert result.exit_code == 0 and "Not drawn (no pose): my-lift" in result.stderr
    result = run("pictures", "my-lift", "--catalogue", tmp_path / "mine", "-o", "one.pdf")
    assert result.exit_code == 1 and "no pose to draw for: my-lift" in result.stderr


def _grounded(pose, stance):
    figure = place(stance, pose.view)
    ground(figure, pose.props)
    return figure


def _to_segment(point, a, b) -> float:
    """How far a point is from the segment a-b (3D)."""
    import math

    ab = [q - p for p, q in zip(a, b)]
    t = sum((c - p) * d for c, p, d in zip(point, a, ab)) / (sum(d * d for d in ab) or 1.0)
    t = max(0.0, min(1.0, t))
    return math.dist(point, [p + d * t for p, d in zip(a, ab)])


def test_knee_hugs_bring_the_knee_to_the_chest_with_the_hands_on_it(library):
    # Round 1 readers saw a "dead bug" (thigh upright, shin level, arms up): the hip now bends well past
    # 90 degrees, the knee is bent, and the near hand is on the shin just below the knee.
    for exercise_id in ("knee-to-chest", "double-knee-to-chest"):
        pose = library.exercises[exercise_id].pose
        finish = pose.finish
        assert finish.get("hips", 0) >= 120 and finish.get("knees", 0) >= 110, exercise_id
        w = _grounded(pose, finish).world
        assert _to_segment(w["near-hand"], w["near-knee"], w["near-ankle"]) < 0.45, exercise_id


def test_both_knees_shows_the_far_leg_beside_the_near_one(library):
    import math

    pose = library.exercises["double-knee-to-chest"].pose
    p = _grounded(pose, pose.finish).points
    assert pose.finish.get("hips", 1) >= 110  # the far knee is up too
    assert math.dist(p["near-knee"], p["far-knee"]) > 0.3 or math.dist(p["near-ankle"], p["far-ankle"]) > 0.5


def test_figure_four_rests_the_ankle_on_the_other_knee_in_both_positions(library):
    import math

    pose = library.exercises["figure-four-stretch"].pose
    for stance in pose.stances:
        w = _grounded(pose, stance).world
        assert math.dist(w["far-ankle"], w["near-knee"]) < 0.45
    lifted = _grounded(pose, pose.finish).world
    assert lifted["near-ankle"][1] > 0.5  # the bottom leg's foot is off the floor at the finish


def test_side_lying_stretch_shows_a_strap_from_hand_to_ankle(library):
    import math

    from handouts.figures.equipment import Strap, equipment

    pose = library.exercises["side-lying-quad-stretch"].pose
    figure = _grounded(pose, pose.finish)
    straps = [s for s in equipment(figure, pose.props, True)[2] if isinstance(s, Strap)]
    assert len(straps) == 1
    strap = straps[0]
    assert strap.a == figure.points["near-hand"] and math.dist(strap.a, strap.b) > 0.8
    assert pose.finish.get("knees", 0) >= 120  # heel toward the bottom


def test_tai_chi_stands_on_a_level_floor_with_both_feet_down(library):
    # Seen obliquely, round 1 readers saw a slanted floor and floating feet: tai chi is drawn side on.
    pose = library.exercises["tai-chi"].pose
    assert pose.view == "side"
    assert {"near-ankle", "far-ankle"} <= set(pose.on_floor)


def test_the_arrow_starts_on_the_leg_that_steps(library):
    import math

    pose = library.exercises["reverse-lunge"].pose
    start, finish = (_grounded(pose, s).world for s in pose.stances)
    moved = {side: math.dist(start[f"{side}-ankle"], finish[f"{side}-ankle"]) for side in ("near", "far")}
    stepping = max(moved, key=moved.get)
    assert pose.arrows == (f"{stepping}-ankle",)


def test_figure_four_shows_the_4_and_lifts_the_near_foot(library):
    # Round 2 readers saw "a compact tuck" or "both knees to chest": the far ankle rests on top of the near
    # knee, the far knee is turned out to the side (well away from the body's middle), the near foot is flat
    # at the start and off the floor at the finish, with the hands behind the near thigh.
    pose = library.exercises["figure-four-stretch"].pose
    start, finish = (_grounded(pose, s) for s in pose.stances)
    for figure in (start, finish):
        w = figure.world
        assert w["far-ankle"][1] > w["near-knee"][1]  # on top of the knee, not beside it
        assert w["far-knee"][2] < w["far-hip"][2] - 0.7  # the far knee turned out, away from the body
        p = figure.points  # and in the picture the far thigh rises clear of the near leg
        assert p["far-knee"][1] > p["near-knee"][1] + 0.3
    assert start.world["near-ankle"][1] - radius_of("near-ankle") < 0.1  # foot flat on the floor
    assert finish.world["near-ankle"][1] > 1.5  # lifted
    w = finish.world
    assert _to_segment(w["near-hand"], w["near-hip"], w["near-knee"]) < 0.6  # hands behind the near thigh


def test_tai_chi_holds_a_ball_and_shifts_the_weight(library):
    # Round 2 readers: "could be punching", "the legs never change". Hands one above the other round an
    # imagined (dashed) ball, swapped at the finish, while the weight moves from the back leg to the front one.
    from handouts.figures.equipment import Ball, equipment

    pose = library.exercises["tai-chi"].pose
    start, finish = (_grounded(pose, s) for s in pose.stances)
    for figure, top in ((start, "near"), (finish, "far")):
        w = figure.world
        low = "far" if top == "near" else "near"
        assert w[f"{top}-hand"][1] - w[f"{low}-hand"][1] > 0.8, top
        balls = [s for s in equipment(figure, pose.props)[1] if isinstance(s, Ball)]
        assert len(balls) == 1 and balls[0].imagined and balls[0].radius >= 0.35

    def share(figure):  # how far the pelvis is from the back foot toward the front foot (0 to 1)
        w = figure.world
        back, front = w["far-ankle"][0], w["near-ankle"][0]
        return (w["pelvis"][0] - back) / (front - back)

    assert share(start) < 0.4 < 0.6 < share(finish)
    assert start.world and pose.start.get("knees", 1) > 45 and pose.finish.get("knees", 0) > 45  # the bent knee moves


def test_tai_chi_arrows_follow_each_hand_on_its_own_side(library):
    from handouts.render.drawing import pose_drawing  # noqa: F401  (the arrows are built there)
    from handouts.render import drawing

    pose = library.exercises["tai-chi"].pose
    start = _grounded(pose, pose.start)
    first = drawing._arrow_path(pose, "near-hand", start)
    second = drawing._arrow_path(pose, "far-hand", start, flip=True)
    assert first and second and not drawing._overlaps(second, first)


def test_standing_figures_have_a_dark_line_under_the_feet(library):
    from handouts.figures.equipment import floor_shape

    for exercise_id in ("good-morning", "tai-chi"):
        pose = library.exercises[exercise_id].pose
        lying = _grounded(pose, pose.start).lying  # as the drawing does: a bow forward still stands
        for stance in pose.stances:
            figure = _grounded(pose, stance)
            line = floor_shape(figure, lying).under_feet
            assert line, exercise_id
            (ax, ay), (bx, by) = line
            for side in ("near", "far"):  # the line passes under each foot
                x, y = figure.points[f"{side}-ankle"]
                t = (x - ax) / (bx - ax)
                assert 0 < t < 1 and abs(ay + (by - ay) * t - y) < 0.5, (exercise_id, side)


def _props(library, exercise_id, kind):
    """The grounded figures of an exercise's positions, each with its equipment shape of one kind."""
    from handouts.figures.equipment import equipment

    pose = library.exercises[exercise_id].pose
    out = []
    for index, stance in enumerate(pose.stances):
        figure = _grounded(pose, stance)
        shapes = [s for group in equipment(figure, pose.props, index > 0) for s in group if isinstance(s, kind)]
        assert len(shapes) == 1, (exercise_id, shapes)
        out.append((figure, shapes[0]))
    return out


def test_sit_to_stand_sits_on_the_seat_and_the_chair_stays_behind_once_standing(library):
    from handouts.figures.equipment import Seat

    (sitting, seat), (standing, left) = _props(library, "sit-to-stand", Seat)
    pelvis = sitting.points["pelvis"]
    assert seat.back[0] < pelvis[0] < seat.front[0]  # the seat is under the pelvis
    assert abs(pelvis[1] - 0.4 - seat.front[1]) < 0.3  # and the pelvis rests on it
    # Standing, the chair is where it was: the same way behind the feet, at the same height.
    for figure, chair in ((sitting, seat), (standing, left)):
        heels = figure.points["near-ankle"][0]
        assert chair.front[0] < heels
    gaps = [f.points["near-ankle"][0] - c.front[0] for f, c in ((sitting, seat), (standing, left))]
    assert abs(gaps[0] - gaps[1]) < 0.6 and abs(seat.front[1] - left.front[1]) < 0.3


def test_a_step_holds_the_near_foot_up_and_the_other_on_the_floor_until_it_steps_up(library):
    from handouts.figures.equipment import STEP_HEIGHT, Step, _foot_bottom

    (start, _), (finish, step) = _props(library, "step-up", Step)
    assert _foot_bottom(start, "near") == pytest.approx(STEP_HEIGHT, abs=0.05)
    assert _foot_bottom(start, "far") == pytest.approx(0.0, abs=0.1)
    assert _foot_bottom(finish, "far") == pytest.approx(STEP_HEIGHT, abs=0.1)  # both feet up on the step
    top = [y for _, y in step.top]
    assert min(top) <= finish.points["near-ankle"][1] <= max(top) + 0.2


def test_the_rolled_towel_lies_on_the_floor_under_the_knee(library):
    from handouts.figures.equipment import Roll

    for exercise_id in ("knee-press", "short-arc-quad"):
        for figure, roll in _props(library, exercise_id, Roll):
            knee = figure.points["near-knee"]
            assert abs(roll.centre[0] - knee[0]) < 0.05, exercise_id
            assert roll.centre[1] - roll.radius < 0.05, exercise_id  # on the floor
            assert knee[1] - 0.16 - (roll.centre[1] + roll.radius) < 0.25, exercise_id  # the knee rests on it


def test_the_wall_slide_keeps_the_back_on_the_wall(library):
    from handouts.figures.equipment import Wall

    for figure, wall in _props(library, "wall-squat", Wall):
        back = figure.points["pelvis"][0] - 0.4
        assert 0.0 <= back - (wall.x + 0.18) < 0.2
        assert wall.height > figure.points["head"][1]


def test_hands_on_the_wall_touch_it(library):
    from handouts.figures.equipment import Wall

    for figure, wall in _props(library, "standing-calf-stretch", Wall):
        hand = max(figure.points[f"{s}-hand"][0] for s in ("near", "far"))
        assert abs(wall.x - hand) < 0.3 and wall.height > figure.points["near-hand"][1]


def test_the_clam_opens_the_top_knee_clear_of_the_bottom_one_with_the_feet_together(library):
    pose = library.exercises["clam"].pose
    assert pose.view == "level"
    start, finish = (_grounded(pose, s).points for s in (pose.start, pose.finish))
    start_gap, finish_gap = (p["near-knee"][1] - p["far-knee"][1] for p in (start, finish))
    assert start_gap < 0.9 and finish_gap > start_gap + 0.5  # stacked knees, then the top one lifts clear
    assert abs(finish["near-ankle"][1] - finish["far-ankle"][1]) < 0.9  # the feet stay stacked together
