"""Issue 12: the same choices mean the same sheet, whichever way they are given, and nothing collides."""

from dataclasses import replace
from pathlib import Path

import pytest

from handouts.catalogue import load_library


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_default_names_carry_the_variant_so_a_large_print_copy_never_lands_on_the_normal_one(run):
    assert run("build", "-e", "glute-bridge", "--date", "2026-11-22").exit_code == 0
    assert run("build", "-e", "glute-bridge", "--date", "2026-11-22", "--large-print", "--page-size", "a4").exit_code == 0
    letter = run("build", "-e", "glute-bridge", "--date", "2026-11-22", "--page-size", "letter")  # the default paper
    assert letter.exit_code == 0 and "Unchanged custom-sheet-2026-11-22.pdf" in letter.stderr
    assert sorted(p.name for p in Path.cwd().glob("*.pdf")) == [
        "custom-sheet-2026-11-22-large-a4.pdf", "custom-sheet-2026-11-22.pdf"]


def test_a_second_patient_of_the_same_name_never_replaces_the_first_ones_sheet(run):
    first = run("build", "-e", "glute-bridge", "--patient", "Ann Lee", "--date", "2026-11-22")
    assert first.exit_code == 0, first.output
    [made] = Path.cwd().glob("*.pdf")
    assert made.name == "custom-sheet-ann-lee-2026-11-22.pdf"
    kept = made.read_bytes()
    other = run("build", "-e", "glute-bridge", "--set", "glute-bridge.reps=5", "--patient", "Ann Lee",
                "--date", "2026-11-22")
    assert other.exit_code == 1
    assert other.stderr.splitlines()[-1] + "\n" == (f"error: {made.name}: already holds a different sheet; give another name with -o, "
                            "or add --force to replace it\n")
    assert made.read_bytes() == kept and [p.name for p in Path.cwd().iterdir() if p.suffix == ".pdf"] == [made.name]
    assert run("build", "-e", "glute-bridge", "--set", "glute-bridge.reps=5", "--patient", "Ann Lee",
               "--date", "2026-11-22", "--force").exit_code == 0
    assert made.read_bytes() != kept


def test_the_same_sheet_built_again_is_unchanged(run):
    assert run("build", "-e", "glute-bridge", "-o", "s.pdf", "--date", "2026-11-22").exit_code == 0
    again = run("build", "-e", "glute-bridge", "-o", "s.pdf", "--date", "2026-11-22")
    assert again.exit_code == 0 and "Unchanged s.pdf" in again.stderr and "Saved" not in again.stderr


def test_minutes_on_a_repetition_exercise_warns_and_strict_stops_it(run):
    result = run("build", "-e", "glute-bridge", "--set", "glute-bridge.minutes=5", "-o", "s.pdf")
    assert result.exit_code == 0
    assert "'glute-bridge' has both minutes (5) and reps (10); give reps for a repeated move or minutes for a " \
           "timed activity, not both" in result.stderr
    strict = run("build", "-e", "glute-bridge", "--set", "glute-bridge.minutes=5", "-o", "t.pdf", "--strict")
    assert strict.exit_code == 1 and "--strict treats them as errors, so nothing was written" in strict.stderr
    assert not Path("t.pdf").exists()


def test_a_hold_on_a_timed_activity_warns(library):
    from handouts.handout import plan_handout
    from handouts.models import Clinic
    from handouts.safety import handout_warnings

    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", exercises=("walking",), condition="si-joint-pain",
                           dose_changes=(("walking", "hold_seconds", 5), ("walking", "reps", 3)))
    messages = [w.message for w in handout_warnings(handout)]
    assert "'walking' is timed (10 minutes) but has a hold (5 seconds); a timed activity has no hold, " \
           "so remove the hold" in messages
    plain = plan_handout(library, clinic=Clinic(), issued="2026-11-22", exercises=("walking", "glute-bridge"))
    assert not [w for w in handout_warnings(plain) if "timed" in w.message or "both minutes" in w.message]


# -- one request, one plan -----------------------------------------------------------------

CHOICES = dict(sheet="si-joint-starter", drop=("spinal-twist",), add=("cat-cow",), patient="Ann Lee",
               doses=(("glute-bridge", "side", "each side"), ("glute-bridge", "hold_seconds", 4)),
               clinician="Dr Ruiz", note="Start slowly.", log_weeks=3, precautions=("falls",))


def test_the_same_choices_give_the_same_plan_and_pdf_whichever_way_they_come(run, library, tmp_path):
    from handouts.handout import plan
    from handouts.models import Clinic
    from handouts.patients import read_patient_list
    from handouts.programmes import load_programme
    from handouts.render.pdf import render_handout
    from handouts.request import Request

    # 1. command-line options
    options = run("build", "si-joint-starter", "--drop", "spinal-twist", "-e", "cat-cow", "--patient", "Ann Lee",
                  "--set", "glute-bridge.side=each side", "--set", "glute-bridge.hold=4", "--clinician", "Dr Ruiz",
                  "--note", "Start slowly.", "--log-weeks", "3", "--precaution", "falls", "--date", "2026-11-22",
                  "-o", "options.pdf", "--save", "ann.yaml")
    assert options.exit_code == 0, options.output
    # 2. a patient-list row: `set` is read like --set, spaces inside a value and all
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheet,exercises,drop,set,clinician,note,log_weeks,precautions,date\n"
                        "Ann Lee,si-joint-starter,cat-cow,spinal-twist,glute-bridge.side=each side; glute-bridge.hold=4,"
                        "Dr Ruiz,Start slowly.,3,falls,2026-11-22\n", encoding="utf-8")
    [row] = read_patient_list(patients)
    assert row.problems == ()
    # 3. a programme file (what --save wrote), with the alias `hold:` as --set takes it
    saved = load_programme(Path("ann.yaml"))
    written = Path("ann.yaml").read_text("utf-8").replace("hold_seconds: 4", "hold: 4")
    Path("alias.yaml").write_text(written, "utf-8")
    aliased = load_programme(Path("alias.yaml"))

    expected = Request(**CHOICES)
    for request in (row.request, saved, aliased):
        given = {k: getattr(request, k) for k in CHOICES}
        assert Request(**{**given, "doses": tuple(sorted(given["doses"]))}) == replace(
            expected, doses=tuple(sorted(expected.doses)))
    plans = [plan(library, r, clinic=Clinic(), issued="2026-11-22").handout for r in (row.request, saved, aliased)]
    assert plans[0] == plans[1] == plans[2]
    assert render_handout(plans[0]).pdf == Path("options.pdf").read_bytes()
    batch = run("batch", "--patients", patients, "-o", "out", "--jobs", "1", "--quiet")
    assert batch.exit_code == 0, batch.output
    assert Path("out/ann-lee-si-joint-starter-normal-letter.pdf").read_bytes() == Path("options.pdf").read_bytes()


def test_a_patient_list_keeps_spaces_inside_a_set_value(tmp_path):
    from handouts.patients import read_patient_list

    patients = tmp_path / "list.csv"
    patients.write_text("patient,exercises,set\n"
                        "Ann,glute-bridge walking,glute-bridge.side=each side walking.minutes=20\n"
                        "Bob,glute-bridge,glute-bridge.side=each sid\n", encoding="utf-8")
    ann, bob = read_patient_list(patients)
    assert ann.problems == () and ann.request.doses == (("glute-bridge", "side", "each side"),
                                                        ("walking", "minutes", 20))
    assert [str(p) for p in bob.problems] == [
        f"{patients}:3: set: side 'each sid' must be one of: left, right, each side, both together, "
        "alternate sides — did you mean 'each side'?"]


def test_show_gives_the_planned_session_time_of_a_pick_one_sheet(run, library):
    from handouts.handout import plan_handout
    from handouts.models import Clinic

    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", sheet="si-joint-aerobic")
    assert handout.pick_one
    shown = run("show", "si-joint-aerobic").stdout
    assert f"One of these a session: about {handout.session_minutes} minutes a session" in shown
    every_one = sum(p.dose.minutes for p in handout.exercises)
    assert f"about {every_one} minutes" not in shown and f"About {every_one} minutes" not in shown


def test_the_sheet_id_changes_when_a_clinic_catalogue_renames_an_option(tmp_path):
    from handouts.handout import plan_handout
    from handouts.models import Clinic

    shipped = load_library()
    mine = tmp_path / "exercises"
    mine.mkdir()
    text = Path(shipped.exercises["bridge-band"].where.path).read_text("utf-8")
    text = text.replace("id: bridge-band", "id: bridge-band\nreplaces: true")
    text = text.replace("how_to: \"Bridge with a band:", "how_to: \"Banded bridge:")
    (mine / "bridge-band.yaml").write_text(text, "utf-8")
    renamed = load_library([tmp_path])
    before, after = (plan_handout(lib, clinic=Clinic(), issued="2026-11-22", exercises=("glute-bridge",))
                     for lib in (shipped, renamed))
    assert any(h.startswith("Banded bridge:") for h in after.exercises[0].harder)
    assert before.sheet_id != after.sheet_id


def test_the_renderer_takes_only_the_planned_handout():
    import inspect

    from handouts.render.pdf import render_handout

    assert list(inspect.signature(render_handout).parameters) == ["handout", "card", "pdfa"]


# -- errors that point at the cause -----------------------------------------------------------

SHEET = """id: my-sheet
title: My sheet
condition: si-joint-pain
intro: Do these.
exercises:
  - my-bridge
"""


def test_a_sheet_using_an_exercise_whose_file_failed_says_so(run, tmp_path):
    folder = tmp_path / "mine"
    (folder / "exercises").mkdir(parents=True)
    (folder / "templates").mkdir()
    bridge = Path(load_library().exercises["glute-bridge"].where.path).read_text("utf-8")
    broken = bridge.replace("id: glute-bridge", "id: my-bridge").replace("kind: strength", "kind: strenth")
    (folder / "exercises" / "my-bridge.yaml").write_text(broken, "utf-8")
    (folder / "templates" / "my-sheet.yaml").write_text(SHEET, "utf-8")
    result = run("validate", "--brief", folder)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "unknown exercise 'my-bridge'" not in result.stderr
    assert lines[-2] == f"{folder / 'templates' / 'my-sheet.yaml'}:6:5: exercises[1]: exercise 'my-bridge' could " \
                        "not be loaded (see the errors above)"
    assert any("my-bridge.yaml" in line and "kind" in line for line in lines[:-2])


def test_a_long_name_for_a_field_gets_did_you_mean(run, tmp_path):
    PROGRAMMES = Path("config/handouts/programmes")
    PROGRAMMES.mkdir(parents=True)
    (PROGRAMMES / "ann.yaml").write_text("patient: Ann\nsheet: si-joint-starter\n"
                                         "doses:\n  glute-bridge: {repetitions: 12}\n", "utf-8")
    result = run("build", "--programme", "ann")
    assert result.exit_code == 1
    assert ":4:18: doses.glute-bridge.repetitions: unknown field — did you mean 'reps'?" in result.stderr


@pytest.mark.parametrize("text, message", [
    ("id: x\nname: X\n  kind: strength\n",
     "x.yaml:3:7: line 3 is indented more than the line above it; line it up with that line, "
     "or end that line with `:` if this one belongs under it"),
    ("id: x\nsteps:\n\t- Lie down.\n", "x.yaml:3:1: line 3 has a tab; use spaces to indent (YAML does not allow tabs there)"),
    ("steps:\n  - Lie down.\n - Stand up.\n",
     "x.yaml:3:2: line 3 is indented less than the lines it belongs with; line it up with them "
     "(use the same number of spaces)"),
])
def test_yaml_layout_mistakes_are_said_in_plain_words(text, message):
    from handouts.errors import ValidationFailed
    from handouts.yamlfile import parse_yaml

    with pytest.raises(ValidationFailed) as failed:
        parse_yaml(text, "x.yaml")
    assert str(failed.value) == message


def test_every_command_says_error_in_one_format(run):
    unknown = run("build", "-e", "glute-brige", "--drop", "walking")
    assert unknown.exit_code == 2 and "Usage:" not in unknown.stderr
    assert unknown.stderr.splitlines() == [  # every wrong choice at once, each by its option
        "error: -e/--add: unknown exercise 'glute-brige' — did you mean 'glute-bridge'?; `handouts list` shows them",
        "error: --drop: 'walking' is not on this sheet"]
    typed = run("build", "--page-size", "a5")
    assert typed.exit_code == 2 and typed.stderr.startswith("Usage: ")
    assert typed.stderr.splitlines()[-1].startswith("error: --page-size: ")
    for result in (unknown, typed, run("list", "--kind", "x"), run("nosuch")):
        assert "Error:" not in result.stderr


# -- no leaks -------------------------------------------------------------------------------

def test_the_batch_command_run_in_process_gives_ctrl_c_back(run):
    import signal

    def mine(*_):
        pass

    before = signal.signal(signal.SIGINT, mine)
    try:
        result = run("batch", "si-joint-aerobic", "-o", "out", "--jobs", "1", "--quiet")
        assert result.exit_code == 0, result.output
        assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_batch_run_in_process_gives_ctrl_c_back(tmp_path, library):
    import signal

    from handouts.batch import run_batch, standard_jobs
    from handouts.models import Clinic

    def mine(*_):
        pass

    before = signal.signal(signal.SIGINT, mine)
    try:
        jobs = standard_jobs(library, Clinic(), ["si-joint-aerobic"], ["letter"], ["normal"], "2026-11-22", False)
        report = run_batch(jobs, tmp_path / "out", library, workers=1)
        assert report.count("built") == 1
        assert signal.getsignal(signal.SIGINT) is mine
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGINT, before)


def test_fonts_live_in_an_object_the_renderer_holds(library):
    from handouts.handout import plan_handout
    from handouts.models import Clinic
    from handouts.render import fonts as fonts_module
    from handouts.render.pdf import SheetRenderer

    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", exercises=("glute-bridge",))
    loaded = fonts_module.load_fonts()
    renderer = SheetRenderer(handout)
    assert renderer.fonts is loaded and renderer.markup.fonts is loaded and fonts_module.load_fonts() is loaded
    assert ord("M") in loaded.body
    assert not [name for name, value in vars(fonts_module).items()
                if isinstance(value, (dict, set, list)) and not name.startswith("__")]


# -- a thin command line ----------------------------------------------------------------------

def test_only_the_renderer_imports_reportlab():
    import ast

    package = Path(__file__).parent.parent / "handouts"
    importers = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            if any(name == "reportlab" or name.startswith("reportlab.") for name in names):
                importers.append(path.relative_to(package).as_posix())
    assert importers and all(name.startswith("render/") for name in importers), importers


def test_paper_sizes_and_print_styles_are_named_in_one_place():
    from handouts import paper
    from handouts.render.pdf import PAPER
    from handouts.render.theme import theme_for

    assert tuple(PAPER) == paper.PAGE_SIZES
    assert theme_for(True) != theme_for(False) and paper.PRINT_STYLES == ("normal", "large")
    cli_source = (Path(__file__).parent.parent / "handouts" / "cli.py").read_text("utf-8")
    assert '"letter", "a4"' not in cli_source and '"normal", "large"' not in cli_source


@pytest.mark.parametrize("minutes, said", [((10, 10), "Time needed: about 10 minutes each time."),
                                            ((5, 15), "Time needed: 5 to 15 minutes, for the one you pick.")])
def test_a_pick_one_sheet_says_its_time_once_when_every_choice_takes_as_long(library, minutes, said):
    """The knee activity sheet said "Time needed: 10 to 10 minutes": a range only when the choices differ."""
    from handouts.handout import plan_handout
    from handouts.models import Clinic
    from handouts.render.sections import time_needed

    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", exercises=("walking", "stationary-cycling"),
                           dose_changes=(("walking", "minutes", minutes[0]), ("stationary-cycling", "minutes", minutes[1])))
    handout = replace(handout, pick_one=True)
    assert time_needed(handout) == said
