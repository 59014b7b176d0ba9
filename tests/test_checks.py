"""Coherence, precautions, balance support, fear words and sources: each check with a sheet that trips it."""

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from handouts.catalogue import load_library
from handouts.checks import coherence, library_findings
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.safety import handout_warnings

SHEETS = ("si-joint-starter", "si-joint-strength", "si-joint-advanced", "si-joint-aerobic")
PRECAUTIONS = ("pregnancy", "hip-replacement", "knee-replacement", "osteoporosis", "falls")


def write(folder: Path, kind: str, name: str, text: str) -> Path:
    path = folder / "mine" / kind / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return folder / "mine"


def sheet(folder, body, name="sheet"):
    return write(folder, "templates", name, "id: my-sheet\ntitle: My sheet\ncondition: si-joint-pain\n"
                                               "intro: Hello.\n" + textwrap.dedent(body))


def plan(folder=None, **options):
    library = load_library([folder] if folder else [])
    return library, plan_handout(library, clinic=Clinic(), issued="2026-01-01", **options)


def messages(handout):
    return [p.message for p in handout_warnings(handout)]


HOPPING = """\
    id: hop-drill
    name: Small hops
    kind: balance
    position: standing
    body_area: [legs]
    equipment: [none]
    summary: Small hops on the spot.
    steps: [Hop on the spot.]
    dose: {reps: 5, times_per_day: 1, days_per_week: 5}
    attributes: [impact]
    support: Hold a counter.
    sources: ["Test (Body, 2020)"]
    """


# -- coherence ---------------------------------------------------------------

def test_how_often_against_the_doses(tmp_path):
    folder = sheet(tmp_path, "how_often: Once a day, every day\nexercises: [glute-bridge, knee-to-chest]\n")
    _, handout = plan(folder, sheet="my-sheet")
    found = messages(handout)
    assert any("'glute-bridge' is dosed 5 days a week" in m for m in found)
    assert any("'knee-to-chest' is dosed 2 times a day" in m for m in found)


@pytest.mark.parametrize("text, per_day, per_week", [
    ("Once or twice a day, every day", {1, 2}, {7}),
    ("Once a day, 4 or 5 days a week", {1}, {4, 5}),
    ("3 times a day, most days", {3}, {5, 6, 7}),
    ("Whenever you like", None, None),
])
def test_how_often_words_are_read(text, per_day, per_week):
    assert coherence.stated_times_per_day(text) == per_day
    assert coherence.stated_days_per_week(text) == per_week


def test_session_time_against_each_session(tmp_path):
    folder = sheet(tmp_path, "exercises: [knee-to-chest, glute-bridge, bird-dog]\n")
    _, handout = plan(folder, sheet="my-sheet")
    assert handout.sessions == ((1, 2, 3), (1,))
    assert len(handout.session_times) == 2 and handout.session_times[0] > handout.session_times[1]
    assert any("its sessions differ" in m for m in messages(handout))


def test_weekly_target_against_the_doses(tmp_path):
    folder = sheet(tmp_path, "exercises: [walking]\nnote: Aim for about 150 minutes a week.\n")
    _, handout = plan(folder, sheet="my-sheet")
    assert any("says 150 minutes a week, but the doses add up to about 50" in m for m in messages(handout))


def test_limit_against_dose_and_harder(tmp_path):
    folder = sheet(tmp_path, """\
        exercises:
          - id: stationary-cycling
            dose: {minutes: 15}
            acknowledge: {long-cycling: "Short rides, up to 10 minutes."}
        avoid: [long-cycling]
        """)
    _, handout = plan(folder, sheet="my-sheet")
    found = messages(handout)
    assert any("dosed 15 minutes but its printed limit is 10 minutes" in m for m in found)
    assert any("goes past the printed limit of 10 minutes" in m for m in found)


def test_cross_reference_to_an_exercise_not_on_the_sheet(tmp_path):
    write(tmp_path, "exercises", "reach", """\
        id: easy-reach
        name: Easy reach
        kind: mobility
        position: standing
        body_area: [trunk]
        equipment: [none]
        summary: A reach.
        steps: [Reach up.]
        dose: {reps: 5}
        easier: [triangle-pose, glute-bridge, Reach only a little.]
        sources: ["Test"]
        """)
    folder = sheet(tmp_path, "exercises: [easy-reach]\n")
    _, handout = plan(folder, sheet="my-sheet")
    planned = handout.exercises[0]
    # triangle-pose has no how-to: refused (left off, warned); glute-bridge prints its one-line how-to.
    assert planned.dropped_options == ("triangle-pose",)
    assert planned.easier[0].startswith("Bridge: lie on your back")
    assert planned.easier[1] == "Reach only a little."
    assert any("points to 'triangle-pose'" in m for m in messages(handout))
    assert any("points to 'triangle-pose', which has no `how_to:`" in p.message
               for p in library_findings(load_library([folder])))


def test_options_on_the_sheet_point_to_their_number():
    _, handout = plan(sheet="si-joint-starter")
    by_id = {p.exercise.id: p for p in handout.exercises}
    assert by_id["spinal-twist"].easier == (
        "On a day this is too much, do exercise 2, “Knee rolls side to side”, in its place.",)
    # Both are on the sheet: the gentler one never says "move on to" the other.
    assert not any("exercise 5" in t for t in by_id["lower-trunk-rotation"].harder)
    assert by_id["knee-to-chest"].harder[0].startswith("Both knees to chest: lie on your back")
    every = [t for p in handout.exercises for t in (*p.easier, *p.harder)]
    assert not any("ask your clinician first" in t.lower() for t in every)


def test_advice_that_fits_only_some_sheets(tmp_path):
    write(tmp_path, "conditions", "cond", """\
        id: my-condition
        name: My condition
        about: A short line.
        before_you_start:
          - Keep your knees soft in standing exercises.
          - text: Start each stretch gently.
            when: [stretch]
        call_clinician_if: [You feel worse.]
        sources: ["Test"]
        """)
    folder = write(tmp_path, "templates", "sheet", """\
        id: my-sheet
        title: My sheet
        condition: my-condition
        intro: Hello.
        exercises: [glute-bridge]
        """)
    _, handout = plan(folder, sheet="my-sheet")
    assert handout.before_you_start == ("Keep your knees soft in standing exercises.",)
    assert any("speaks of standing exercises, but this sheet has none" in m for m in messages(handout))


def test_do_not_do_item_contradicted_without_exception():
    _, handout = plan(sheet="si-joint-advanced")
    assert not coherence.avoid_findings(handout)
    item = next(a for a in handout.avoid_items if a.id == "weight-on-one-side")
    limits = [dict(p.acknowledged)["weight-on-one-side"] for p in handout.exercises if p.number in (5, 6)]
    # Each exercise's own limit is named, so the lunge never borrows the kickstand's.
    assert item.exception == " ".join(f"Fine in exercise {n}, done as shown there: {limit}"
                                      for n, limit in zip((5, 6), limits))
    stripped = replace(handout, avoid_items=tuple(replace(a, exception=None) for a in handout.avoid_items))
    assert any("no exception printed" in p.message for p in coherence.avoid_findings(stripped))


# -- the planned sheet ---------------------------------------------------------

@pytest.mark.parametrize("sheet_id", SHEETS)
def test_every_shipped_sheet_has_the_three_tier_box_and_pain_guide(sheet_id):
    _, handout = plan(sheet=sheet_id)
    assert [t.tier for t in handout.red_flags] == ["emergency", "today", "soon"]
    assert [t.contact for t in handout.red_flags] == ["emergency", "clinic", "clinic"]
    emergency = " ".join(handout.red_flags[0].items).lower()
    for early_sign in ("anus", "wiping", "peeing", "sexual", "both legs"):
        assert early_sign in emergency
    today = " ".join(handout.red_flags[1].items).lower()
    for item in ("fever", "night", "weight", "cancer", "lump", "keeps getting worse"):
        assert item in today
    soon = " ".join(handout.red_flags[2].items).lower()
    for item in ("three weeks", "before age 45", "3 months"):
        assert item in soon
    assert all(t.sources for t in handout.red_flags)
    assert [l.colour for l in handout.pain_guide.levels] == ["green", "amber", "red"]
    assert handout.pain_guide.sources
    assert "pregnant" in handout.ask_before and "weak bones" in handout.ask_before
    assert handout.next_step and handout.about.count(".") == 2
    assert handout.avoid_heading == "Go easy on these for now"


def test_advice_and_stop_signs_fit_the_sheet():
    _, starter = plan(sheet="si-joint-starter")
    _, aerobic = plan(sheet="si-joint-aerobic")
    _, advanced = plan(sheet="si-joint-advanced")
    assert not any("standing" in a.lower() for a in starter.before_you_start)
    assert any("stretch" in a.lower() for a in starter.before_you_start)
    assert not any("stretch" in a.lower() for a in aerobic.before_you_start)
    assert starter.stop_signs == ()
    assert any("chest" in s for s in aerobic.stop_signs) and any("chest" in s for s in advanced.stop_signs)


def test_equipment_with_household_stand_ins():
    _, handout = plan(sheet="si-joint-strength")
    items = {e.item: e for e in handout.equipment}
    band = next(e for e in handout.equipment if "band" in e.item)
    assert band.stand_in == "an old pair of stockings or tights, tied in a loop" and band.exercises == (4,)
    assert all(e.item != "none" for e in items.values())


def test_a_counter_stands_in_for_a_chair_only_where_you_stand():
    """A counter is something to hold, not a seat: a sheet whose chair is only sat on does not offer one."""
    _, seated = plan(exercises=("seated-knee-extension", "seated-hamstring-stretch"), condition="knee-osteoarthritis")
    _, standing = plan(exercises=("seated-knee-extension", "calf-raise"), condition="knee-osteoarthritis")
    chair = [e for e in seated.equipment if "chair" in e.item.lower()]
    assert chair and chair[0].stand_in is None
    chair = [e for e in standing.equipment if "chair" in e.item.lower()]
    assert chair and "counter" in chair[0].stand_in


def test_nicknames_are_explained_and_balance_work_names_support():
    library, handout = plan(sheet="si-joint-advanced")
    by_id = {p.exercise.id: p for p in handout.exercises}
    assert "bike" in by_id["kickstand-deadlift"].nickname
    assert "counter" in by_id["kickstand-deadlift"].support
    assert "counter" in by_id["reverse-lunge"].support
    for name in ("bird-dog", "good-morning", "ball-superman", "kickstand-deadlift", "figure-four-stretch", "cat-cow"):
        assert library.exercises[name].nickname


# -- precautions ---------------------------------------------------------------

@pytest.mark.parametrize("precaution, sheet_id, drop", [
    ("pregnancy", "si-joint-advanced", "ball-superman"),
    ("hip-replacement", "si-joint-starter", None),
])
def test_precaution_rules_out_a_shipped_exercise(run, precaution, sheet_id, drop):
    result = run("build", sheet_id, "--precaution", precaution, "-o", "out.pdf")
    assert result.exit_code == 1
    assert "is ruled out by the precaution" in result.stderr
    assert not Path("out.pdf").exists()


@pytest.mark.parametrize("precaution", ["knee-replacement", "falls"])
def test_precaution_rules_out_impact(run, tmp_path, precaution):
    folder = write(tmp_path, "exercises", "hop", HOPPING)
    result = run("build", "-e", "hop-drill", "--condition", "si-joint-pain", "--precaution", precaution,
                 "--catalogue", folder, "-o", "out.pdf")
    assert result.exit_code == 1
    assert f"'hop-drill' is ruled out by the precaution '{precaution}' (impact)" in result.stderr


@pytest.mark.parametrize("precaution", ["osteoporosis", "pregnancy"])
def test_precaution_changes_impact_and_strict_stops_it(run, tmp_path, precaution):
    folder = write(tmp_path, "exercises", "hop", HOPPING)
    result = run("build", "-e", "hop-drill", "--condition", "si-joint-pain", "--precaution", precaution,
                 "--catalogue", folder, "-o", "out.pdf")
    assert result.exit_code == 0
    assert f"'hop-drill' is changed by the precaution '{precaution}' (impact" in result.stderr
    strict = run("build", "-e", "hop-drill", "--condition", "si-joint-pain", "--precaution", precaution,
                 "--catalogue", folder, "--strict", "-o", "out2.pdf")
    assert strict.exit_code == 1 and not Path("out2.pdf").exists()


@pytest.mark.parametrize("precaution", PRECAUTIONS)
def test_precaution_passes_a_sheet_it_does_not_touch(run, precaution):
    # The side leg lift is on the SI and the knee sheets: the sheet names its condition.
    result = run("build", "-e", "side-lying-leg-lift", "--condition", "si-joint-pain", "--precaution", precaution,
                 "--strict", "-o", "out.pdf")
    assert result.exit_code == 0, result.stderr


def test_precaution_change_is_a_warning_printed_with_the_exercise():
    _, handout = plan(sheet="si-joint-strength", precautions=("pregnancy",))
    bridge = next(p for p in handout.exercises if p.exercise.id == "glute-bridge")
    assert any("16 weeks" in c for c in bridge.changes)
    assert any("changed by the precaution 'pregnancy'" in m for m in messages(handout))
    note = handout.precaution_notes[0]
    assert note.title == "Because you are pregnant" and note.stop_signs and note.sources
    assert any("chest" in s for s in handout.stop_signs)  # pregnancy brings the exercise stop signs too


def test_one_leg_change_replaces_the_standing_one():
    _, handout = plan(sheet="si-joint-advanced", precautions=("falls",))
    lunge = next(p for p in handout.exercises if p.exercise.id == "reverse-lunge")
    assert lunge.changes == ("Unsteady: hold a chair or counter with both hands the whole time.",)


def test_acknowledged_precaution_builds_with_its_limit(tmp_path):
    folder = sheet(tmp_path, """\
        exercises:
          - id: knee-to-chest
            acknowledge: {hip-replacement: "Your surgeon has said bending past a right angle is fine now."}
        """)
    _, handout = plan(folder, sheet="my-sheet", precautions=("hip-replacement",))
    assert not [p for p in handout_warnings(handout) if p.severity == "error"]
    assert handout.exercises[0].changes == ("Your surgeon has said bending past a right angle is fine now.",)


def test_unknown_precaution_suggests(run):
    result = run("build", "si-joint-starter", "--precaution", "pregnant", "-o", "out.pdf")
    assert result.exit_code == 2
    assert "unknown precaution 'pregnant' — did you mean 'pregnancy'?" in result.stderr


def test_precautions_column_in_a_patient_list(run, tmp_path):
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheet,precautions\nAna,si-joint-strength,pregnancy\nBo,si-joint-advanced,pregnancy\n")
    result = run("batch", "--patients", patients, "-o", "out")
    assert result.exit_code == 1
    assert "built    ana-si-joint-strength-normal-letter.pdf" in result.stderr
    assert "'ball-superman' is ruled out by the precaution 'pregnancy'" in result.stderr


def test_list_and_show_precautions(run):
    result = run("list", "--precautions")
    assert result.exit_code == 0
    for precaution in PRECAUTIONS:
        assert precaution in result.stdout
    shown = run("show", "hip-replacement").stdout
    assert "Exercises it rules out:" in shown and "knee-to-chest" in shown and "(NHS, 2023)" in shown
    condition = run("show", "si-joint-pain").stdout
    assert "Red flags, emergency:" in condition and "Source: Cauda equina syndrome (NHS, 2023)" in condition
    plan_text = run("show", "si-joint-strength", "--precaution", "pregnancy").stdout
    assert "Because you are pregnant:" in plan_text and "For you: Pregnant:" in plan_text


# -- catalogue checks in validate ----------------------------------------------

def test_fear_words_are_flagged_with_an_alternative(run, tmp_path):
    write(tmp_path, "exercises", "scary", HOPPING.replace("summary: Small hops on the spot.",
                                                          "summary: Hops that avoid damage to your unstable joint."))
    result = run("validate", "--catalogue", tmp_path / "mine")
    assert "'damage' can frighten a patient; try 'sore' or 'irritated'" in result.stderr
    assert "'unstable' can frighten" in result.stderr and "JOSPT 2018" in result.stderr


def test_balance_work_without_support_and_progressions_that_remove_it(run, tmp_path):
    write(tmp_path, "exercises", "hop", HOPPING.replace("    support: Hold a counter.\n", "")
          .replace("attributes: [impact]", "attributes: [single-leg]\n    harder: [Do it with no support.]"))
    result = run("validate", "--catalogue", tmp_path / "mine")
    assert "'hop-drill' is one-leg or balance work; add `support:`" in result.stderr
    assert "harder[1]: 'Do it with no support.' takes support away" in result.stderr


def test_sources_are_required_for_clinical_statements(run, tmp_path):
    write(tmp_path, "conditions", "bare", """\
        id: bare-condition
        name: Bare
        about: One. Two. Three.
        before_you_start: [Go slowly.]
        call_clinician_if: [You feel worse.]
        pain_guide: {green: Fine., amber: Less., red: Stop., sources: ["A blog post"]}
        sources: ["Test"]
        """)
    write(tmp_path, "precautions", "p", """\
        id: my-precaution
        name: Mine
        title: Because of this
        rules_out: [impact]
        advice: [Take care.]
        sources: ["A leaflet with no year"]
        """)
    result = run("validate", "--catalogue", tmp_path / "mine")
    err = result.stderr
    assert "pain_guide.sources: name the guidance it follows by title, body and year" in err
    assert "red_flags.emergency: missing" in err and "stop_signs: missing" in err
    assert "about: is 3 sentences" in err
    assert "p.yaml:1:1: warning: sources: name the guidance it follows" in err


def test_shipped_catalogue_passes_validate_strict(run):
    result = run("validate", "--strict", "--brief")
    assert result.exit_code == 0, result.stderr
    assert not library_findings(load_library())


@pytest.mark.parametrize("sheet_id", SHEETS)
@pytest.mark.parametrize("precaution", ((),))
def test_shipped_sheets_pass_every_check(sheet_id, precaution):
    _, handout = plan(sheet=sheet_id, precautions=precaution)
    assert handout_warnings(handout) == []


def test_every_patient_text_reads_at_grade_6_or_lower():
    from handouts.review import review_library

    review = review_library(load_library())
    assert review.mean_grade <= 6
    graded = dict(review.grades)
    for item_id in ("si-joint-pain", *PRECAUTIONS, *SHEETS):
        assert graded[item_id] <= 6, item_id
