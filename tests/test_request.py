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

    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", exercises=("walking",),
                           dose_changes=(("walking", "hold_seconds", 5), ("walking", "reps", 3)))
    messages = [w.message for w in handout_warnings(handout)]
    assert "'walking' is timed (10 minutes) but has a hold (5 seconds); a timed activity has no hold, " \
           "so remove hold_seconds" in messages
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
