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
