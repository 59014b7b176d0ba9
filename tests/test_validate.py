"""`handouts validate`: clean on everything shipped, exact lines on broken files."""

import re
import shutil

import pytest

from handouts.catalogue import SHIPPED_CATALOGUE, load_library

from conftest import DATA

BAD = DATA / "bad"
CASES = sorted([*BAD.glob("*/*.yaml"), BAD / "duplicate"], key=str)


def test_shipped_catalogue_is_clean(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Reading grade (Flesch-Kincaid) of each exercise and avoid item, hardest first:")
    for item in ("glute-bridge", "knee-to-chest", "crossing-legs", "running"):
        assert re.search(rf"\d\.\d  {item}\b", result.stdout), item
    assert result.stdout.endswith("All good.\n")
    brief = run("validate", "--brief").stdout
    assert brief.startswith("Checked ") and "glute-bridge" not in brief
    assert result.stderr == ""
    shipped = load_library()
    counts = re.search(r"Checked \d+ files, (\d+) exercises, (\d+) avoid items, (\d+) conditions?, (\d+) standard sheets",
                       result.stdout)
    assert counts and tuple(map(int, counts.groups())) == (
        len(shipped.exercises), len(shipped.avoid), len(shipped.conditions), len(shipped.sheets))


def test_there_are_at_least_15_kinds_of_mistake():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: str(p.relative_to(BAD)))
def test_broken_file_gives_exact_lines(run, monkeypatch, case):
    monkeypatch.chdir(BAD)
    expected = case.with_suffix(".expected") if case.is_file() else BAD / f"{case.name}.expected"
    result = run("validate", case.relative_to(BAD))
    assert result.exit_code == 1
    want = expected.read_text().replace("{shipped}", str(SHIPPED_CATALOGUE))
    assert result.stderr == want
    assert "Traceback" not in result.output


def test_all_problems_in_a_folder_are_reported_together(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    for name in ("bad-kind.yaml", "reps-out-of-range.yaml"):
        shutil.copy(BAD / "exercises" / name, folder / name)
    result = run("validate", "mine")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 problems found."
    assert lines[0].startswith("mine/exercises/bad-kind.yaml:3:7: kind:")
    assert lines[1].startswith("mine/exercises/reps-out-of-range.yaml:12:9: dose.reps:")


def test_own_exercise_can_replace_shipped_one_only_on_purpose(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    text = (SHIPPED_CATALOGUE / "exercises" / "glute-bridge.yaml").read_text()
    (folder / "bridge.yaml").write_text(text.replace("name: Bridge", "name: Our bridge"))
    result = run("validate", "--catalogue", "mine")
    assert result.exit_code == 1
    assert "exercise 'glute-bridge' is already defined at" in result.stderr
    (folder / "bridge.yaml").write_text(text.replace("name: Bridge", "name: Our bridge") + "replaces: true\n")
    assert run("validate", "--catalogue", "mine").exit_code == 0
    assert run("show", "glute-bridge", "--catalogue", "mine").stdout.startswith("Our bridge  [glute-bridge]")


def test_catalogue_from_environment(run, tmp_path, monkeypatch):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(BAD / "exercises" / "bad-kind.yaml", folder / "x.yaml")
    monkeypatch.setenv("HANDOUTS_CATALOGUE", str(tmp_path / "mine"))
    result = run("list")
    assert result.exit_code == 1
    assert "kind: 'strech' is not one of" in result.stderr


def test_clinic_file_is_checked(run):
    result = run("validate", "--clinic", BAD / "clinic" / "bad-colour.yaml")
    assert result.exit_code == 1
    assert "colours.brand: 'blue' is not a colour" in result.stderr
