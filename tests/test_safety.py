"""Clinical safety: clashes with the do-not-do list, dose limits, plain language."""

import textwrap
from pathlib import Path

import pytest

from handouts.catalogue import load_library
from handouts.dosewords import exercise_seconds, session_minutes
from handouts.models import DOSE_LIMITS, Dose
from handouts.readability import long_sentences, reading_grade, syllables, unexplained_medical_words
from handouts.review import review_library

from conftest import pdf_text


def write_sheet(folder: Path, text: str) -> Path:
    sheets = folder / "mine" / "templates"
    sheets.mkdir(parents=True, exist_ok=True)
    path = sheets / "sheet.yaml"
    path.write_text(textwrap.dedent(text))
    return folder / "mine"


@pytest.mark.parametrize("exercise, avoid_id, load", [
    ("reverse-lunge", "long-strides", "long-stride"),
    ("stationary-cycling", "long-cycling", "cycling"),
    ("kickstand-deadlift", "weight-on-one-side", "single-leg, uneven-load"),
    ("figure-four-stretch", "crossing-legs", "crossed-legs"),
])
def test_clash_with_do_not_do_list_is_warned(run, exercise, avoid_id, load):
    result = run("build", "-e", exercise, "-o", "out.pdf")
    assert result.exit_code == 0
    library = load_library()
    line = (f"build: warning: exercises[1]: '{library.exercises[exercise].name}' ({exercise}) clashes with "
            f"do-not-do item '{library.avoid[avoid_id].name}' ({avoid_id}): both are {load}. Drop one, or "
            f"acknowledge it in the sheet: acknowledge: {{{avoid_id}: <the safe limit>}}")
    assert line in result.stderr.splitlines()


def test_strict_turns_warnings_into_errors_and_writes_nothing(run):
    # stair-climbing, long-strides, weight-on-one-side (skipping down stairs is the landing, not one leg)
    result = run("build", "-e", "reverse-lunge", "--strict", "-o", "out.pdf")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == \
        "3 warnings; --strict treats them as errors, so nothing was written."
    assert not Path("out.pdf").exists()


def test_acknowledged_clash_is_quiet_and_its_limit_is_printed(run, tmp_path):
    folder = write_sheet(tmp_path, """\
        id: my-bike-sheet
        title: Cycling, gently
        condition: si-joint-pain
        intro: Short rides only.
        exercises:
          - id: stationary-cycling
            acknowledge:
              long-cycling: "Short, slow rides only: up to 20 minutes."
        avoid: [long-cycling, running]
        """)
    result = run("build", "my-bike-sheet", "--catalogue", folder, "--strict", "--clinic", "example", "-o", "out.pdf")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    assert "Do it this way: Short, slow rides only: up to 20 minutes." in " ".join(pdf_text(Path("out.pdf").read_bytes()))
    # Without the acknowledgement the same sheet warns, at the entry's line.
    sheet = folder / "templates" / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("  - id: stationary-cycling\n    acknowledge:\n"
                                               "      long-cycling: \"Short, slow rides only: up to 20 minutes.\"\n",
                                               "  - stationary-cycling\n"))
    result = run("validate", "--catalogue", folder)
    assert result.exit_code == 0
    assert f"{sheet}:6:5: warning: exercises[1]: 'Easy cycling on an exercise bike'" in result.stderr
    assert run("validate", "--catalogue", folder, "--strict").exit_code == 1


def test_acknowledging_what_does_not_clash_is_warned(run, tmp_path):
    folder = write_sheet(tmp_path, """\
        id: my-sheet
        title: A sheet
        condition: si-joint-pain
        intro: Hello.
        exercises:
          - id: glute-bridge
            acknowledge: {running: Not needed.}
        avoid: [running]
        """)
    result = run("validate", "--catalogue", folder)
    assert "exercises[1].acknowledge: 'running' does not clash with 'glute-bridge' here; remove it" in result.stderr


def test_shipped_sheets_build_with_no_warning(run):
    for sheet in ("si-joint-starter", "si-joint-strength", "si-joint-advanced", "si-joint-aerobic"):
        result = run("build", sheet, "--strict", "--clinic", "example", "-o", f"{sheet}.pdf")
        assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


@pytest.mark.parametrize("field", sorted(DOSE_LIMITS))
def test_hard_dose_limits_at_and_beyond_each_edge(run, tmp_path, field):
    low, high, unit = DOSE_LIMITS[field]
    for good in (low, high):
        assert run("build", "-e", "glute-bridge", "--set", f"glute-bridge.{field}={good}", "-o", "ok.pdf",
                   "--force").exit_code == 0
    for bad in (low - 1, high + 1):
        result = run("build", "-e", "glute-bridge", "--set", f"glute-bridge.{field}={bad}", "-o", "bad.pdf")
        assert result.exit_code == 2
        assert f"{bad} is out of range; use a number from {low} to {high} {unit}" in result.stderr
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    source = Path(load_library().exercises["glute-bridge"].where.path).read_text()
    bad_yaml = source.replace("dose:\n", f"dose:\n  {field}: {high + 1}\n", 1).replace("id: glute-bridge", "id: my-bridge")
    bad_yaml = "\n".join(line for line in bad_yaml.splitlines()
                         if not (line.startswith(f"  {field}:") and line.strip() != f"{field}: {high + 1}"))
    (folder / "x.yaml").write_text(bad_yaml + "\n")
    result = run("validate", tmp_path / "mine")
    assert result.exit_code == 1
    assert f"dose.{field}: {high + 1} is out of range; use a number from {low} to {high} {unit}" in result.stderr


def test_soft_limit_on_number_of_exercises(run):
    six = ["-e", "knee-to-chest", "-e", "cat-cow", "-e", "glute-bridge", "-e", "bird-dog", "-e", "side-plank",
           "-e", "adductor-squeeze"]
    assert "exercises on one sheet" not in run("build", *six, "-o", "a.pdf").stderr
    result = run("build", *six, "-e", "hip-extension", "-o", "b.pdf")
    assert ("build: warning: exercises: 7 exercises on one sheet; patients do fewer exercises better — "
            "keep it to 6 or fewer") in result.stderr


def test_soft_limit_on_session_length(run):
    ok = run("build", "-e", "walking", "--condition", "si-joint-pain", "--set", "walking.minutes=30", "-o", "a.pdf")
    assert "a session takes" not in ok.stderr
    long = run("build", "-e", "walking", "--condition", "si-joint-pain", "--set", "walking.minutes=31", "-o", "b.pdf")
    assert "build: warning: exercises: a session takes about 31 minutes; keep it to 30 or less" in long.stderr


def test_hold_without_reps_and_aerobic_in_reps(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    base = "kind: {kind}\nposition: standing\nbody_area: [hips]\nequipment: [none]\nsummary: It helps.\n" \
           "steps: [Stand tall.]\nsources: [Our notes]\n"
    (folder / "hold.yaml").write_text("id: my-hold\nname: My hold\n" + base.format(kind="stretch")
                                      + "dose: {hold_seconds: 20}\n")
    (folder / "march.yaml").write_text("id: my-march\nname: My march\n" + base.format(kind="aerobic")
                                       + "dose: {reps: 20}\n")
    result = run("validate", tmp_path / "mine")
    assert result.exit_code == 0
    assert f"{folder / 'hold.yaml'}:10:7: warning: dose: 'my-hold' has a hold but no reps; say how many times to do it" \
        in result.stderr.replace(str(tmp_path / 'mine' / 'exercises'), str(folder))
    assert "warning: dose: 'my-march' is aerobic but dosed in reps; give minutes instead" in result.stderr


def test_session_time_estimate_worked_example():
    # 2 rounds x 2 sides x 10 reps x (5 s hold + 3 s to move) = 320 s, plus one 30 s rest between rounds.
    bridge = Dose(sets=2, reps=10, hold_seconds=5, rest_seconds=30, side="each side")
    assert exercise_seconds(bridge) == 350
    # 1 round of 8 reps, 4 s rest after each but the last: 8 x 3 s + 7 x 4 s = 52 s.
    assert exercise_seconds(Dose(reps=8, rest_seconds=4)) == 52
    walk = Dose(minutes=10)
    assert exercise_seconds(walk) == 600
    # 350 + 600 + 30 s to get ready for the second exercise = 980 s -> 17 minutes, rounded up.
    assert session_minutes([bridge, walk]) == 17


def test_time_estimate_is_printed(run):
    assert run("build", "-e", "walking", "-e", "glute-bridge", "-o", "a.pdf").exit_code == 0
    # Walking 10 min + bridge 10 x (6 + 3) s + 9 x 10 s rest = 180 s + 30 s between -> 810 s -> 14 minutes.
    assert "Time needed: about 14 minutes each time." in " ".join(pdf_text(Path("a.pdf").read_bytes()))


def test_syllables_of_known_words():
    known = {"cat": 1, "knees": 1, "squeeze": 1, "stretches": 2, "lying": 2, "table": 2, "gently": 2,
             "exercise": 3, "position": 3, "rehabilitation": 6, "hopes": 1, "lifted": 2}
    assert {word: syllables(word) for word in known} == known


def test_reading_grade_of_known_texts():
    # 6 words, 1 sentence, 6 syllables: 0.39 x 6 + 11.8 x 1 - 15.59 = -1.45
    assert reading_grade(["The cat sat on the mat."]).grade == -1.4
    # 9 words, 1 sentence, 36 syllables (con-tra-lat-er-al, hy-per-mo-bil-i-ty, ne-ces-si-tates,
    # in-di-vid-u-al-ized, re-ha-bil-i-ta-tion, pro-grams, for, ev-er-y, pa-tient):
    # 0.39 x 9 + 11.8 x 36 / 9 - 15.59 = 35.12
    hard = reading_grade(["Contralateral hypermobility necessitates individualized rehabilitation programs for every patient."])
    assert (hard.words, hard.sentences, hard.grade) == (9, 1, 35.1)


def test_long_sentences_and_medical_words():
    long = "Lie on your back and bend your knees and then slowly lift your hips off the floor and hold them there for a while."
    assert long_sentences(long) == [long]
    assert long_sentences("Lie on your back. Bend your knees.") == []
    assert unexplained_medical_words("Lie supine on the floor.") == ["supine"]
    assert unexplained_medical_words("Lie supine (on your back) on the floor.") == []


def test_validate_flags_hard_text_with_its_line(run, tmp_path):
    folder = tmp_path / "mine" / "avoid"
    folder.mkdir(parents=True)
    (folder / "hard.yaml").write_text(
        "- id: contralateral-loading\n"
        "  name: Contralateral asymmetrical loading\n"
        "  reason: Asymmetrical loading of the contralateral sacroiliac articulation exacerbates symptomatology considerably in susceptible individuals.\n"
        "  loads: [uneven-load]\n"
        "  sources: [Our notes]\n")
    result = run("validate", tmp_path / "mine")
    lines = result.stderr.splitlines()
    path = folder / "hard.yaml"
    assert any(line.startswith(f"{path}:1:3: warning: 'contralateral-loading' reads at grade") for line in lines)
    assert f"{path}:2:9: warning: name: 'contralateral' is a medical word; use plain words, or explain it in " \
           "brackets right after it" in lines
    assert f"{path}:3:11: warning: reason: 'sacroiliac' is a medical word; use plain words, or explain it in " \
           "brackets right after it" in lines


def test_shipped_text_reads_at_grade_6_or_lower():
    review = review_library(load_library())
    assert review.mean_grade <= 6
    assert review.worst[1] <= 8
    assert review.warnings == []
