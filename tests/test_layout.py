"""The sheet's layout, read back from the PDF: pages against their budget, the
blank space at the foot of each page, bookmarks that open the right page,
page furniture, the locale, the card and the log."""

import io

import pdfplumber
import pytest
from pypdf import PdfReader

from handouts.catalogue import load_library
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.render.pdf import render_handout
from handouts.render.theme import theme_for

from conftest import pdf_text

# Letter, normal print: the most pages a shipped sheet may take. Large print may take twice as many.
BUDGET = {"si-joint-starter": 4, "si-joint-strength": 4, "si-joint-advanced": 4, "si-joint-aerobic": 3}
VARIANTS = [("letter", False), ("a4", False), ("letter", True), ("a4", True)]
CLINIC = Clinic(name="Riverbend Physiotherapy", phone="555-0142")


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def sheets(library):
    """Every shipped sheet in every variant, rendered once for this module."""
    built = {}
    for sheet_id in library.sheets:
        for paper, large in VARIANTS:
            handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet=sheet_id,
                                   page_size=paper, large_print=large)
            built[sheet_id, paper, large] = render_handout(handout).pdf
    return built


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


OVER_BUDGET = pytest.mark.xfail(strict=True, reason="open (issue 9): 5-8 pages in normal print against a budget "
                                                   "of 3-4, and large print one page past twice that once the "
                                                   "full help box is printed; strict, so it says so the day they fit")


@pytest.mark.parametrize("paper, large", [
    pytest.param("letter", False, marks=OVER_BUDGET), pytest.param("a4", False, marks=OVER_BUDGET),
    pytest.param("letter", True, marks=OVER_BUDGET), pytest.param("a4", True, marks=OVER_BUDGET)],
    ids=lambda v: str(v))
def test_every_shipped_sheet_fits_its_page_budget(library, sheets, paper, large):
    for sheet_id in library.sheets:
        budget = BUDGET.get(sheet_id, 4)
        if large:
            budget = 2 * page_count(sheets[sheet_id, paper, False])
        assert page_count(sheets[sheet_id, paper, large]) <= budget, (sheet_id, paper, large)


def outline_marks(data: bytes) -> list[tuple[str, int, float]]:
    """(title, page number, top) of every bookmark, in outline order."""
    reader = PdfReader(io.BytesIO(data))
    marks = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append((item.title, reader.get_destination_page_number(item) + 1, float(item.top)))

    walk(reader.outline)
    return marks


def test_bookmarks_open_the_page_where_each_section_starts(sheets):
    data = sheets["si-joint-starter", "letter", False]
    text = [page for page in pdf_text(data)]
    marks = outline_marks(data)
    assert len({page for _, page, _ in marks}) > 1  # not all on page 1
    for (title, page, _), (next_title, next_page, _) in zip(marks, marks[1:] + [("", 0, 0)]):
        if title == "Your exercises":  # no heading of its own: it opens the first exercise
            assert (next_title, next_page) == ("1. Knee to chest", page)
            continue
        # The section's heading is printed on the page its bookmark opens.
        assert " ".join(title.split()) in text[page - 1], (title, page)


def test_no_page_but_the_last_is_more_than_a_fifth_blank_unless_the_next_block_needs_more(sheets):
    for (sheet_id, paper, large), data in sheets.items():
        marks = outline_marks(data)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            for number, page in enumerate(pages[:-1], start=1):
                top, bottom = _frame(page)
                words = [w for w in page.extract_words() if top - 1 <= w["top"] <= bottom]
                lowest = max(w["bottom"] for w in words)
                blank = bottom - lowest
                if blank <= 0.2 * (bottom - top):
                    continue
                # The next page starts with a block taller than the space left here.
                next_page = pages[number]
                starts = sorted({round(next_page.height - t) for _, p, t in marks if p == number + 1})
                n_top, n_bottom = _frame(next_page)
                block_end = starts[1] if len(starts) > 1 else max(
                    w["bottom"] for w in next_page.extract_words() if w["bottom"] <= n_bottom)
                # Rules sit a little outside the text frame, and a block ends with its gap.
                allowance = theme_for(large).footer + theme_for(large).block_gap
                assert block_end - n_top + allowance > blank, (sheet_id, paper, large, number, round(blank))


def _frame(page) -> tuple[float, float]:
    """Top and bottom of the body text on a page: below the head's rule, above the footer's."""
    rules = sorted(line["top"] for line in page.lines if line["x1"] - line["x0"] > page.width * 0.8)
    return rules[0], rules[-1]


def test_later_pages_carry_the_clinic_and_patient_name_and_page_x_of_y(library):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="si-joint-starter",
                           patient="María Gómez")
    pages = pdf_text(render_handout(handout).pdf)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Riverbend Physiotherapy" in page and "María Gómez" in page


def test_a_blank_standard_sheet_has_lines_for_name_and_date(sheets):
    pages = pdf_text(sheets["si-joint-starter", "letter", False])
    assert "Name: ____" in pages[0] and "Date: ____" in pages[0]
    assert all("Name: ____" in page for page in pages[1:])


@pytest.mark.parametrize("paper, date, number, spelling", [
    ("letter", "November 22, 2026", "911", "program at a glance"),
    ("a4", "22 November 2026", "999", "programme at a glance"),
])
def test_the_locale_follows_the_paper(sheets, paper, date, number, spelling):
    text = " ".join(pdf_text(sheets["si-joint-aerobic", paper, False]))
    assert date in text and f"({number})" in text and spelling in text
    assert ("pedaling" in text) == (paper == "letter") and ("pedalling" in text) == (paper == "a4")
    assert "2026-11-22" not in text


def test_the_clinic_sets_its_own_locale_and_emergency_number(library):
    clinic = Clinic(name="Klinik", phone="01 23", locale="en-GB", emergency_number="112")
    handout = plan_handout(library, clinic=clinic, issued="2026-11-22", sheet="si-joint-starter")
    text = " ".join(pdf_text(render_handout(handout).pdf))
    assert "(112)" in text and "22 November 2026" in text and "911" not in text


def test_without_a_clinic_phone_there_is_a_line_to_write_it(library):
    handout = plan_handout(library, clinic=Clinic(), issued="2026-11-22", sheet="si-joint-starter")
    text = " ".join(pdf_text(render_handout(handout).pdf))
    assert "Your clinic's phone: ____" in text
    assert "When to get help When to get help" not in " ".join(text.split())  # no heading said twice


def test_log_fits_the_prescription(library):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="si-joint-starter", log_weeks=3)
    data = render_handout(handout).pdf
    log = " ".join(page for page in pdf_text(data) if "Your exercise log" in page)
    twice = [p.number for p in handout.exercises if p.dose.times_per_day == 2]
    assert twice and log.count("AM PM") == len(twice) * 3  # a pair of boxes each week
    for week in (1, 2, 3):
        assert f"Week {week}" in log
    assert "Date" in log and "Pain 0–10" in log and "after your last exercise of the day" in log.lower()
    assert "write how many minutes" not in log  # nothing on this sheet is timed
    timed = pdf_text(render_handout(plan_handout(library, clinic=CLINIC, issued="2026-11-22",
                                                 sheet="si-joint-aerobic")).pdf)
    assert "min" in " ".join(page for page in timed if "Your exercise log" in page).split()


def test_a_timed_exercise_done_twice_a_day_has_a_minutes_space_per_session(library):
    # Ankle alphabet is 2 minutes, twice a day: the patient writes each session's minutes, adding up nothing.
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="ankle-sprain-starter", log_weeks=1)
    timed = [p for p in handout.exercises if p.dose.minutes]
    assert timed and all(p.dose.times_per_day == 2 for p in timed)
    log = " ".join(" ".join(page for page in pdf_text(render_handout(handout).pdf)
                            if "Your exercise log" in page).split())
    assert log.count("AM min PM min") == len(timed)
    assert "write how many minutes" in log
    # Beside the other exercises' tick boxes, the key names the timed ones (PEMAT-P reviewer c).
    assert f"For exercise {timed[0].number}, write how many minutes you did in its boxes, instead of a tick." in log
    once = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="ankle-sprain-starter", log_weeks=1,
                        dose_changes=(("ankle-alphabet", "times_per_day", 1),))
    log = " ".join(" ".join(page for page in pdf_text(render_handout(once).pdf)
                            if "Your exercise log" in page).split())
    assert "AM min" not in log and "min" in log.split()


def test_a_log_with_an_evening_column_says_what_eve_means(library):
    # The neck sheet is three times a day: AM, PM and Eve columns, and the key names all three.
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="neck-pain-starter", log_weeks=1)
    assert any(p.dose.times_per_day == 3 for p in handout.exercises)
    log = " ".join(" ".join(page for page in pdf_text(render_handout(handout).pdf)
                            if "Your exercise log" in page).split())
    assert "AM PM Eve" in log and "Eve for the evening" in log and "PM for the afternoon" in log


def test_every_log_page_has_its_title_and_key(library):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="si-joint-strength",
                           log_weeks=12, large_print=True)
    pages = [page for page in pdf_text(render_handout(handout).pdf) if "Week " in page]
    assert len(pages) > 1
    for page in pages:
        assert "Your exercise log" in page and "The numbers are the exercises:" in page


@pytest.mark.parametrize("large", [False, True])
def test_the_card_is_one_page_with_every_exercise(library, large):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="si-joint-advanced",
                           large_print=large)
    sheet = render_handout(handout)
    card_only = render_handout(handout, card="only")
    with_card = render_handout(handout, card="add")
    assert card_only.pages == 1 and with_card.pages == sheet.pages + 1
    card = pdf_text(card_only.pdf)[0]
    for planned in handout.exercises:
        assert f"{planned.number}. {planned.exercise.name}" in card
    assert pdf_text(with_card.pdf)[-1] == card.replace("Page 1 of 1", f"Page {with_card.pages} of {with_card.pages}")


def test_pictures_beside_the_steps_read_from_arms_length(library):
    """Normal print: standing figures at least 1.5 in tall, lying ones 2.2 in long; large print never smaller."""
    from handouts.render.sheet_picture import UPRIGHT, exercise_picture
    from handouts.render.styles import make_style
    from handouts.render.fonts import Markup
    from handouts.render.theme import LARGE, NORMAL

    normal, large = (make_style(theme, "#1F5C8B", "#E8F0F7") for theme in (NORMAL, LARGE))
    for exercise in library.exercises.values():
        if exercise.pose is None:
            continue
        size = exercise_picture(exercise, normal, Markup()).figure_size
        bar = 1.5 * 72 if exercise.position in UPRIGHT else 2.2 * 72
        assert size >= bar - 0.5, (exercise.id, round(size))
        assert exercise_picture(exercise, large, Markup()).figure_size >= size, exercise.id


def test_page_one_explains_the_condition_with_its_diagram(sheets):
    first = pdf_text(sheets["si-joint-starter", "letter", False])[0]
    # The condition's own label (about_heading_si-joint-pain), and the diagram's label beside it.
    assert "Your SI joints:" in first and "SI joints" in first.replace("Your SI joints:", "")
    assert "Your back: Low back pain is very common" in pdf_text(sheets["low-back-pain-starter", "letter", False])[0]


def test_sessions_of_different_length_each_get_their_time(library):
    handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", exercises=("knee-to-chest", "glute-bridge"),
                           dose_changes=(("knee-to-chest", "times_per_day", 2), ("glute-bridge", "times_per_day", 1)))
    first, second = handout.session_times
    assert first > second
    text = pdf_text(render_handout(handout).pdf)[0]
    assert f"the first time in a day, about {first} minutes; the second time, about {second} minutes" in text


def test_every_time_a_day_a_dose_allows_has_its_own_words(library):
    """'The first time in a day … the sixth time': one word per session, as many as a dose may ask for."""
    from handouts.models import DOSE_LIMITS

    words = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet="si-joint-starter").locale.words
    said = [words(f"time_for_session_{n}", minutes="5 minutes") for n in range(1, DOSE_LIMITS["times_per_day"][1] + 1)]
    assert len(set(said)) == len(said)


def test_every_page_survives_a_photocopier(sheets):
    """At a 50% threshold no mark that is not the edge of darker ink disappears (rules, boxes, figures)."""
    import pypdfium2

    from test_figures import lost_grey_pixels

    for (sheet_id, paper, large), data in sheets.items():
        if paper != "letter" and not large:
            continue  # Letter normal and both large-print papers cover every kind of mark
        for number, page in enumerate(pypdfium2.PdfDocument(data), start=1):
            lost = lost_grey_pixels(page.render(scale=150 / 72).to_pil())
            assert lost <= 120, (sheet_id, paper, large, number, lost)  # the before-stop hook's limit


def test_a_page_with_urgent_signs_says_how_urgent_they_are(library, sheets):
    """The help box may run onto the next page; the signs there must still sit under their tier's
    heading ("Call today…"), or a patient reads them with no idea what to do."""
    for (sheet_id, paper, large), data in sheets.items():
        handout = plan_handout(library, clinic=CLINIC, issued="2026-11-22", sheet=sheet_id,
                               page_size=paper, large_print=large)
        for number, text in enumerate(pdf_text(data), 1):
            for tier in handout.red_flags:
                # An item worded as an exercise stop sign too is found in that box instead.
                own = [" ".join(item.split()) for item in tier.items if item not in handout.stop_signs]
                if any(item in text for item in own):
                    assert tier.heading in text, (sheet_id, paper, large, number, tier.heading)
        # Where a tier runs on, its heading there says so, and only there.
        for tier in handout.red_flags:
            again = handout.locale.words("red_flag_continued", heading=tier.heading)
            own = [" ".join(item.split()) for item in tier.items if item not in handout.stop_signs]
            pages = [" ".join(text.split()) for text in pdf_text(data)
                     if any(item in " ".join(text.split()) for item in own)]
            if pages:
                assert f"{tier.heading}. " in pages[0] and again not in pages[0], (sheet_id, paper, large)
                assert all(again in page for page in pages[1:]), (sheet_id, paper, large, tier.heading)


def test_a_box_that_runs_onto_the_next_page_says_its_heading_continues(tmp_path):
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from handouts.render.fonts import register_fonts
    from handouts.render.story import boxed
    from handouts.render.styles import make_style
    from handouts.render.theme import NORMAL

    register_fonts()
    style = make_style(NORMAL, "#1F5C8B", "#E8F0F7")
    rows = [Paragraph("<b>Call today.</b> Call your clinic", style["label"])]
    rows += [Paragraph(f"Sign number {n}", style["cell"]) for n in range(80)]
    box = boxed(rows, style, width=300,
                continued=Paragraph("<b>Call today (continued).</b> Call your clinic", style["label"]))
    out = tmp_path / "box.pdf"
    SimpleDocTemplate(str(out), pagesize=letter).build([box])
    pages = pdf_text(out.read_bytes())
    assert len(pages) >= 2
    assert "Call today." in pages[0] and "(continued)" not in pages[0]
    assert all("Call today (continued)." in page for page in pages[1:])
