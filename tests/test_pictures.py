"""Line drawings of every exercise, drawn from the pose in the catalogue."""

import io
import textwrap
from pathlib import Path

import pytest

from handouts.locale import Locale
from pypdf import PdfReader

from handouts.catalogue import load_library
from handouts.pose import check_pose

from conftest import DATA

PICTURE = DATA / "pictures" / "photo.png"


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_every_shipped_exercise_has_a_valid_pose(library):
    for exercise in library.exercises.values():
        assert exercise.pose is not None, exercise.id
        assert check_pose(exercise.pose) == [], exercise.id


def _captions(data: bytes) -> list[list[str]]:
    """Per page, the chunks of text that are exactly a drawing's caption."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found = []
        page.extract_text(visitor_text=lambda text, *_: found.append(text.strip())
                          if text.strip() in ("Start", "Finish", "Then", "Hold") else None)
        pages.append(found)
    return pages


@pytest.mark.parametrize("extra", [(), ("--large-print",)])
def test_each_exercise_block_contains_its_drawing(run, library, extra):
    for sheet_id, sheet in library.sheets.items():
        result = run("build", sheet_id, *extra, "-o", f"{sheet_id}.pdf")
        assert result.exit_code == 0
        data = Path(f"{sheet_id}.pdf").read_bytes()
        reader = PdfReader(io.BytesIO(data))
        captions = _captions(data)
        for entry in sheet.exercises:
            summary = Locale("en-US").spell(library.exercises[entry.exercise].summary)
            page = next(n for n, p in enumerate(reader.pages) if summary in " ".join(p.extract_text().split()))
            # The last panel is the finish, or "Hold" for a position held still (balance on one leg).
            assert "Start" in captions[page] and {"Finish", "Then", "Hold"} & set(captions[page]), \
                (sheet_id, entry.exercise)
        assert sum(c.count("Start") for c in captions) == len(sheet.exercises)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF"), (".svg", b"<?xml")])
def test_show_picture_saves_a_preview(run, suffix, magic):
    result = run("show", "glute-bridge", "--picture", f"bridge{suffix}")
    assert result.exit_code == 0, result.output
    data = Path(f"bridge{suffix}").read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in data and b"Finish" in data


def test_show_picture_mistakes(run):
    result = run("show", "glute-bridge", "--picture", "bridge.gif")
    assert result.exit_code == 2 and "'bridge.gif' must end in .png, .pdf, .svg" in result.stderr
    result = run("show", "running", "--picture", "x.png")
    assert result.exit_code == 2 and "'running' is not an exercise, so it has no picture" in result.stderr


def _write_exercise(folder: Path, pose: str, extra: str = "") -> Path:
    exercises = folder / "mine" / "exercises"
    exercises.mkdir(parents=True, exist_ok=True)
    path = exercises / "lift.yaml"
    path.write_text(textwrap.dedent("""\
        id: my-lift
        name: My leg lift
        kind: strength
        position: lying on your back
        body_area: [hips]
        equipment: [none]
        summary: It helps.
        picture_text: "Start: lying on your back. Finish: one leg lifted."
        steps: [Lie on your back., Lift one leg.]
        dose: {reps: 10}
        sources: [Our notes]
        """) + extra + textwrap.dedent(pose))
    return path


@pytest.mark.parametrize("pose, message", [
    ("pose:\n  start: {knees: -20}\n  finish: {}\n",
     "pose: start.knees: -20 degrees is not how a human joint bends; use 0 to 160"),
    ("pose:\n  start: {hips: 40}\n  finish: {elbows: [0, 200]}\n",
     "pose: finish.elbows: far 200 degrees is not how a human joint bends; use 0 to 155"),
    ("pose:\n  start: {hips: 40, knees: 90, ankles: 50}\n  finish: {hips: 90, knees: 0}\n  on_floor: [near-ankle]\n",
     "pose: finish: the near ankle floats 4.1 head heights above the floor; change the angles so it rests on "
     "the floor, or drop it from on_floor"),
    ("pose:\n  start: {hips: bent}\n  finish: {}\n", "pose.start.hips: must be an angle in degrees or [near, far], like 90"),
    ("pose:\n  start: {}\n  finish: {}\n  props: [yoga-block]\n", "pose.props: 'yoga-block' is not one of:"),
    ("pose:\n  start: {}\n  finish: {}\n  arrows: [near-kne]\n", "— did you mean 'near-knee'?"),
    ("pose:\n  start: {}\n  finish: {}\n  anchor: near-kne\n", "pose.anchor: 'near-kne' is not one of:"),
    ("pose:\n  start: {ankles: 5}\n  finish: {}\n",
     "pose: start.ankles: 5 degrees is not how a human joint bends; use 10 to 160"),
    ("pose:\n  start: {}\n", "pose.finish: missing; add a line `finish: `"),
    ("pose:\n  view: feet\n  start: {hips: 40, knees: 90}\n  finish: {roll: 95}\n",
     "pose: finish.roll: 95 degrees is not how a human joint bends; use -80 to 80"),
    ("pose:\n  start: {}\n  finish: {}\n  props: [shoulder-blades]\n",
     "pose: props: shoulder-blades are drawn in the view from behind; add `from_behind: true`"),
])
def test_pose_mistakes_are_refused_with_a_clear_line(run, tmp_path, pose, message):
    path = _write_exercise(tmp_path, pose)
    result = run("validate", tmp_path / "mine")
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert str(path) in result.stderr


def test_catalogue_image_takes_precedence_with_its_credit(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(PICTURE.read_bytes())
    _write_exercise(tmp_path, "pose:\n  start: {}\n  finish: {hips: 60}\n",
                    extra="image: photo.png\nimage_credit: Photo by Ann Lee, CC BY 4.0\n")
    result = run("build", "-e", "my-lift", "--condition", "si-joint-pain", "--catalogue", tmp_path / "mine",
                 "-o", "sheet.pdf")
    assert result.exit_code == 0, result.output
    pages = PdfReader("sheet.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Photo by Ann Lee, CC BY 4.0" in text
    assert all(c == [] for c in _captions(Path("sheet.pdf").read_bytes()))  # the photo, not the drawing
    images = [name for page in pages for name, obj in page["/Resources"].get("/XObject", {}).items()
              if obj.get_object()["/Subtype"] == "/Image"]
    assert len(set(images)) == 1  # one photo, shown in the table on page 1 and beside the steps


def test_drawings_add_little_to_the_file(run):
    # A sheet of 6 drawn exercises stays small: vector lines, no bitmaps (each figure is drawn twice:
    # large beside its steps and as a thumbnail on page 1).
    result = run("build", "si-joint-advanced", "-o", "sheet.pdf")
    assert result.exit_code == 0
    assert Path("sheet.pdf").stat().st_size < 200_000


def test_seen_from_the_feet_knees_fall_to_one_side():
    from handouts.pose import Stance, place

    base = {"trunk": 180, "hips": 40, "knees": 90, "ankles": 90, "shoulders": 0, "elbows": 0, "neck": 0,
            "back": 0, "roll": 0}
    upright = place(Stance(base), "feet")
    rolled = place(Stance({**base, "roll": (45, -45)}), "feet")
    for side in ("near", "far"):
        assert rolled.points[f"{side}-knee"][0] > upright.points[f"{side}-knee"][0]  # both knees to one side
        assert rolled.points[f"{side}-knee"][1] < upright.points[f"{side}-knee"][1]  # and lower
        assert abs(rolled.points[f"{side}-ankle"][1] - upright.points[f"{side}-ankle"][1]) < 0.3  # feet stay down
