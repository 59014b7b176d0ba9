"""More than one condition (issue 16): listing by condition, choosing one for a hand-picked sheet,
and every entry naming its sources."""

import re
import shutil
from pathlib import Path

import pytest

from handouts.catalogue import load_library
from handouts.handout import BadChoice, plan_handout
from handouts.models import Clinic

SHIPPED = Path(__file__).parent.parent / "catalogue"
CLINIC = Clinic(name="Riverbend Physiotherapy", phone="555-0142")


@pytest.fixture(scope="module")
def library():
    return load_library()


def rows(output: str) -> list[str]:
    """The id in the first column of each table row."""
    return [line.split()[0] for line in output.splitlines()
            if re.match(r"^[a-z0-9]+(-[a-z0-9]+)*\s{2}", line) and not line.startswith("id ")]


def test_list_condition_shows_its_tagged_exercises_and_those_on_its_sheets(run, tmp_path):
    mine = tmp_path / "mine"
    (mine / "templates").mkdir(parents=True)
    (mine / "exercises").mkdir()
    # A clinic's own neck sheet with a bridge on it, and an untagged copy of an exercise: only the first joins.
    (mine / "templates" / "neck-extra.yaml").write_text(
        "id: neck-extra\ntitle: Extra\ncondition: neck-pain\nintro: Extra moves.\nexercises: [glute-bridge]\n")
    listed = run("list", "--condition", "neck-pain", "--catalogue", mine)
    assert listed.exit_code == 0, listed.output
    ids = rows(listed.stdout)
    assert "chin-tuck" in ids            # tagged neck-pain
    assert "glute-bridge" in ids         # on a neck-pain sheet, not tagged
    assert "pelvic-tilt" not in ids and "walking" not in ids
    assert listed.stdout.endswith(f"\n{len(ids)} exercises\n")
    strength = rows(run("list", "--condition", "neck-pain", "--kind", "strength").stdout)
    assert "lying-head-lift" in strength and "chin-tuck" not in strength


def test_list_sheets_for_one_condition(run):
    listed = run("list", "--sheets", "--condition", "low-back-pain")
    assert rows(listed.stdout) == ["low-back-pain-starter", "low-back-pain-strength"]
    assert "si-joint-starter" in rows(run("list", "--sheets").stdout)


def test_list_without_a_filter_groups_exercises_by_condition(run, library):
    out = run("list").stdout
    headings = [line for line in out.splitlines() if re.match(r"^\S.*\[[a-z-]+\]: \d+ exercises?$", line)]
    assert [h.split("[")[1].split("]")[0] for h in headings] == list(library.conditions)
    # Walking is on a low back sheet and an SI sheet: it shows under both.
    assert rows(out).count("walking") == 2
    assert out.endswith(f"\n{len(library.exercises)} exercises in all\n")


@pytest.mark.parametrize("args", [["list", "--condition", "nek-pain"], ["list", "--sheets", "--condition", "nek-pain"],
                                  ["build", "-e", "walking", "--condition", "nek-pain", "-o", "x.pdf"]])
def test_an_unknown_condition_is_a_usage_error_with_a_suggestion(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "unknown condition 'nek-pain' — did you mean 'neck-pain'?" in result.stderr
    assert not Path("x.pdf").exists()


def test_a_hand_picked_sheet_takes_the_one_condition_its_exercises_share(library):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", exercises=("chin-tuck", "neck-turn"))
    assert handout.condition.id == "neck-pain"
    # An exercise on no condition's sheets and with no condition tag does not stand in the way.
    assert plan_handout(library, clinic=CLINIC, issued="2026-11-22",
                        exercises=("hip-extension", "chin-tuck")).condition.id == "neck-pain"
    assert handout.condition.name_in_sentence == "neck pain"
    assert plan_handout(library, clinic=CLINIC, issued="2026-11-22", exercises=("glute-bridge",),
                        condition="si-joint-pain").condition.name_in_sentence == "SI joint pain"


def test_a_hand_picked_sheet_that_fits_two_conditions_asks_which(library, run):
    with pytest.raises(BadChoice) as raised:
        plan_handout(library, clinic=CLINIC, issued="2026-11-22", exercises=("walking",))
    assert "these exercises fit low-back-pain and si-joint-pain; pick one of:" \
           in str(raised.value)
    with pytest.raises(BadChoice, match="no one condition has all of these exercises"):
        plan_handout(library, clinic=CLINIC, issued="2026-11-22", exercises=("chin-tuck", "pelvic-tilt"))
    result = run("build", "-e", "walking", "-o", "x.pdf")
    assert result.exit_code == 2 and "--condition" in result.stderr and not Path("x.pdf").exists()


@pytest.mark.parametrize("kind, name", [("exercises", "chin-tuck"), ("conditions", "neck-pain"),
                                        ("avoid", "neck"), ("precautions", "falls")])
def test_validate_refuses_an_entry_with_no_sources(run, tmp_path, kind, name):
    folder = tmp_path / "mine" / kind
    folder.mkdir(parents=True)
    text = (SHIPPED / kind / f"{name}.yaml").read_text()
    if kind == "avoid":  # a list of items: empty the first item's sources
        text = text.replace("  sources:\n    - title: \"Neck pain (NHS, 2023)\"\n", "  sources: []\n", 1)
    else:
        text = re.sub(r"^sources:\n(  - .*\n|    .*\n)+", "sources: []\n", text, flags=re.M)
    text = text.replace(f"id: {name}\n", f"id: my-{name}\n", 1).replace("- id: neck-collar", "- id: my-collar")
    (folder / "x.yaml").write_text(text)
    line = text.splitlines().index(next(l for l in text.splitlines() if l.strip().startswith("sources: []"))) + 1
    result = run("validate", tmp_path / "mine")
    assert result.exit_code == 1
    assert re.search(rf"x\.yaml:{line}:\d+: sources: is empty; name the guidance this follows", result.stdout
                     + result.stderr), result.output


@pytest.mark.parametrize("item_id, title", [
    ("chin-tuck", "Neck Pain: Revision 2017"), ("low-back-pain", "NICE guideline NG59"),
    ("long-bed-rest", "Back pain (NHS, 2022)"), ("pregnancy", "ACOG")])
def test_show_prints_the_sources(run, item_id, title):
    shown = run("show", item_id).stdout
    assert "Sources:" in shown and title in shown.split("Sources:")[-1]


def test_advice_tied_to_equipment_prints_only_where_an_exercise_uses_it(library):
    # Band advice on a sheet with no band (the rotator cuff starter) sent patients looking for one.
    band_advice = [a.text for a in library.conditions["rotator-cuff-pain"].advice if "resistance band" in a.when]
    assert band_advice
    for sheet in ("rotator-cuff-pain-starter", "rotator-cuff-pain-strength"):
        handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet=sheet)
        has_band = any("resistance band" in p.exercise.equipment for p in handout.exercises)
        assert all((text in handout.before_you_start) == has_band for text in band_advice), sheet


def test_advice_may_not_name_unknown_equipment(run, tmp_path):
    mine = tmp_path / "catalogue"
    shutil.copytree(SHIPPED, mine)
    condition = mine / "conditions" / "rotator-cuff-pain.yaml"
    condition.write_text(condition.read_text().replace("when: [resistance band]", "when: [rubber band]"))
    result = run("validate", "--catalogue", mine)
    assert result.exit_code != 0
    assert "when: 'rubber band' is not a kind, attribute or piece of equipment" in result.output


def test_the_page_one_label_never_repeats_the_words_that_follow_it(library):
    """"Low back pain: Low back pain is very common…" reads as a mistake; each condition's label
    (its own phrase, or its name) must differ from how its about lines begin."""
    from types import SimpleNamespace

    from handouts.locale import Locale
    from handouts.render.sections import about_heading

    for condition in library.conditions.values():
        label = about_heading(SimpleNamespace(locale=Locale(), condition=condition))
        assert not condition.about.lower().startswith(label.lower()), (condition.id, label)
