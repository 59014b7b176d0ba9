"""Issue 12: the same choices mean the same sheet, whichever way they are given, and nothing collides."""

from pathlib import Path


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
