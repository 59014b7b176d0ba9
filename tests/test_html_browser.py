"""The HTML version in a real browser: axe-core in headless Chromium, and what a screen reader hears.

Uses Debian's `chromium` (Playwright's own browser download is not reachable);
skipped, with the reason, where it or the Python packages are missing.
.ci/run installs them on a fresh machine.
"""

import re

import pytest
from conftest import CHROMIUM

from handouts.catalogue import EXAMPLE_CLINIC, load_library, read_file
from handouts.dosewords import dose_sentences
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.render.html import render_html

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (Debian: apt-get install "
                                                          "chromium; .ci/run does so when it runs as root)")
LIBRARY = load_library()
BRANDED = read_file(EXAMPLE_CLINIC, "clinic")[1][0]


@pytest.fixture
def page(browser, tmp_path):
    opened = browser.new_page()

    def show(handout):
        path = tmp_path / "sheet.html"
        path.write_bytes(render_html(handout))
        opened.goto(path.as_uri())
        return opened

    yield show
    opened.close()


SHEETS = [(sheet_id, branded) for sheet_id in sorted(LIBRARY.sheets) for branded in (True, False)]


@pytest.mark.parametrize("sheet_id, branded", SHEETS)
def test_axe_finds_no_serious_or_critical_violation(page, sheet_id, branded):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed (pip install -e '.[test]')")
    clinic = BRANDED if branded else Clinic()
    handout = plan_handout(LIBRARY, clinic=clinic, issued="2026-11-23", sheet=sheet_id,
                           patient="María Gómez" if branded else None, large_print=not branded)
    results = axe_module.Axe().run(page(handout))
    bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
    # Colour contrast (WCAG 2.1 AA) is among the rules that ran and passed.
    assert "color-contrast" in {rule["id"] for rule in results.response["passes"]}


def _find(spoken: list[str], text: str, start: int) -> int:
    """Where the words of `text` are heard, at or after `start` (-1 if not)."""
    wanted = re.findall(r"\w+", text.lower())
    for i in range(start, len(spoken) - len(wanted) + 1):
        if spoken[i:i + len(wanted)] == wanted:
            return i
    return -1


@pytest.mark.parametrize("sheet_id", sorted(LIBRARY.sheets))
def test_a_screen_reader_hears_name_dose_steps_cautions_and_picture_in_order(page, sheet_id):
    handout = plan_handout(LIBRARY, clinic=BRANDED, issued="2026-11-23", sheet=sheet_id, patient="María Gómez")
    tree = page(handout).locator("main").aria_snapshot()
    spoken = re.findall(r"\w+", tree.lower())
    at = 0
    for planned in handout.exercises:
        heard = [f"{planned.number}. {planned.exercise.name}",
                 " ".join(dose_sentences(planned.dose, often=not handout.pick_one)),
                 *planned.exercise.steps]
        if planned.cautions:
            heard.append(" ".join(planned.cautions))
        heard.append(planned.exercise.picture_text)
        for text in heard:
            found = _find(spoken, text, at)
            assert found >= 0, f"{sheet_id}: not heard in order after word {at}: {text!r}"
            at = found + 1
    for planned in handout.exercises:  # each drawing is an image, named by its text
        assert f'img "{planned.exercise.picture_text[:30]}' in tree
