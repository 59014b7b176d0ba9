"""Issue 12: the same choices mean the same sheet, whichever way they are given, and nothing collides."""

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
