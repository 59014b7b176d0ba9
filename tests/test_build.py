"""`handouts build`: what must be on the printed page, read back from the PDF."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.catalogue import EXAMPLE_CLINIC, load_library
from handouts.dosewords import dose_sentences
from handouts.locale import Locale

from conftest import folded, pdf_text

PATIENT = "Zoë Łukasiewicz-Núñez"


@pytest.fixture(scope="module")
def library():
    return load_library()


def build(run, *args, out="sheet.pdf"):
    result = run("build", *args, "--date", "2026-11-21", "-o", out)
    assert result.exit_code == 0, result.output
    return Path(out).read_bytes(), result


@pytest.mark.parametrize("sheet", sorted(load_library().sheets))
def test_everything_a_patient_needs_is_on_the_page(run, library, sheet):
    from handouts.catalogue import EXAMPLE_CLINIC as clinic_file
    from handouts.clinicfile import load_clinic
    from handouts.handout import plan_handout

    data, _ = build(run, sheet, "--patient", PATIENT, "--clinic", EXAMPLE_CLINIC)
    pages = pdf_text(data)
    text = " ".join(pages)
    spell = Locale("en-US").spell  # a Letter sheet prints American spelling
    handout = plan_handout(library, clinic=load_clinic(clinic_file), issued="2026-11-21", sheet=sheet,
                           patient=PATIENT)
    expected = [PATIENT, handout.title, handout.about, *handout.before_you_start, handout.ask_before,
                *(level.text for level in handout.pain_guide.levels), *handout.stop_signs]
    for planned in handout.exercises:
        expected += [planned.name, *planned.exercise.steps, *dose_sentences(planned.dose, not handout.pick_one),
                     *planned.cautions,
                     *planned.easier, *planned.harder]
    for item in handout.avoid_items:
        expected += [item.name, item.reason] + ([item.exception] if item.exception else [])
    for tier in handout.red_flags:
        expected += [tier.heading, *tier.items]
    for line in filter(None, expected):
        assert folded(spell(line)) in text, line
    assert "go to the emergency department or call the emergency number (911)" in text
    assert "(555-0142)" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Riverbend Physiotherapy" in page


@pytest.mark.parametrize("variant", [(), ("--large-print",), ("--page-size", "a4"),
                                     ("--large-print", "--page-size", "a4")], ids=" ".join)
def test_exercise_blocks_are_never_split(run, library, variant):
    for sheet_id, sheet in library.sheets.items():
        data, _ = build(run, sheet_id, *variant, out=f"{sheet_id}.pdf")
        spell = Locale("a4" in variant and "en-GB" or "en-US").spell
        pages = pdf_text(data)
        from handouts.handout import plan_handout
        from handouts.models import Clinic

        handout = plan_handout(library, clinic=Clinic(), issued="2026-11-21", sheet=sheet_id)
        for planned in handout.exercises:
            exercise = planned.exercise
            last = (planned.harder or planned.easier or planned.cautions)[-1]
            # The page that starts the block also holds its last line, after the start.
            summary, last = spell(exercise.summary), spell(last)
            first_pages = [page for page in pages if summary in page]
            assert len(first_pages) == 1, (sheet_id, exercise.id)
            page = first_pages[0]
            assert folded(last) in page[page.index(summary):], (sheet_id, exercise.id, variant)


def test_metadata_outline_and_page_size(run, library):
    data, _ = build(run, "si-joint-starter", "--patient", "Ann Lee", "--clinic", EXAMPLE_CLINIC)
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta.title == "Home exercises for SI joint pain, for Ann Lee"  # viewers show it (DisplayDocTitle)
    assert meta.author == "Riverbend Physiotherapy"
    assert meta.subject == "Home exercise sheet: SI joint pain, for Ann Lee"
    assert "Knee to chest" in reader.metadata.get("/Keywords")
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    names = [library.exercises[e.exercise].name for e in library.sheets["si-joint-starter"].exercises]
    assert titles[:5] == ["Home exercises for SI joint pain", "Your program at a glance", "What you need",
                          "Before you start", "Pain guide: how much pain is all right"]
    assert titles[5] == "Your exercises"
    assert titles[6:12] == [f"{n}. {name}" for n, name in enumerate(names, start=1)]
    assert titles[12:] == ["Go easy on these for now", "When to get help", "When to move on", "Your exercise log"]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4, _ = build(run, "si-joint-starter", "--page-size", "a4", out="a4.pdf")
    box = PdfReader(io.BytesIO(a4)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_fonts_are_embedded_and_not_base14(run):
    data, _ = build(run, "si-joint-starter", "--patient", "İpek Şahin")
    reader = PdfReader(io.BytesIO(data))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(font["/BaseFont"])
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
    assert all("Helvetica" not in name and "Times" not in name for name in seen)
    assert any("Atkinson" in name for name in seen)
    assert any("NotoSans" in name for name in seen)  # the dotted İ comes from the fallback font


def test_same_inputs_give_identical_bytes_and_sheet_id(run):
    first, result1 = build(run, "si-joint-starter", "--patient", PATIENT, out="a.pdf")
    second, result2 = build(run, "si-joint-starter", "--patient", PATIENT, out="b.pdf")
    assert first == second
    sheet_id = re.search(r"sheet (\w{4}-\w{4})", result1.stderr).group(1)
    assert f"Sheet {sheet_id}" in pdf_text(first)[0]
    other, result3 = build(run, "si-joint-starter", "--patient", "Someone Else", out="c.pdf")
    assert re.search(r"sheet (\w{4}-\w{4})", result3.stderr).group(1) != sheet_id


def _font_sizes_of(data: bytes, needle: str) -> set:
    sizes = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        def visit(text, cm, tm, font, size):
            if needle in text:
                sizes.add(round(size * tm[0], 1))
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_body_is_at_least_18pt(run, library):
    step = library.exercises["knee-to-chest"].steps[1][:14]  # short enough to sit on one line
    normal, _ = build(run, "si-joint-starter", out="n.pdf")
    large, _ = build(run, "si-joint-starter", "--large-print", out="l.pdf")
    assert _font_sizes_of(normal, step) and min(_font_sizes_of(normal, step)) >= 12
    assert _font_sizes_of(large, step) and min(_font_sizes_of(large, step)) >= 18


def test_user_text_is_escaped_and_unicode_prints(run):
    data, result = build(run, "-e", "glute-bridge", "--patient", "<b>Zoë</b> & Co", "--note", "Tempo & <slow>",
                         "--clinician", "Dr Ölçer")
    text = pdf_text(data)[0]
    assert "Tempo & <slow>" in text
    assert "<b>Zoë</b> & Co" in text
    assert "Dr Ölçer" in text
    assert "warning" not in result.stderr.replace("warning: no clinic phone", "")


def test_a_letter_no_font_has_is_refused_before_anything_is_written(run):
    # Once a warning (the sheet printed a box); now an error, so no name is ever printed as a box.
    result = run("build", "-e", "walking", "--condition", "si-joint-pain", "--patient", "Ann ☃", "--date", "2026-11-21", "-o", "sheet.pdf")
    assert result.exit_code == 1
    assert "error: cannot print 'Ann ☃': the sheet's fonts have no ☃ (U+2603)." in result.stderr
    assert not Path("sheet.pdf").exists()


def test_hand_picked_exercises_with_dose_changes(run):
    data, _ = build(run, "-e", "knee-to-chest", "-e", "glute-bridge", "--set", "glute-bridge.reps=12",
                    "--set", "glute-bridge.hold=5", "--set", "knee-to-chest.side=left")
    text = " ".join(pdf_text(data))
    assert "1. Knee to chest" in text and "2. Bridge" in text
    assert "Do 12 times. Hold each for 5 seconds." in text
    assert "Do 3 times on your left side only." in text
    assert "Home exercises for SI joint pain" in text


def test_add_and_drop_on_a_standard_sheet(run):
    data, _ = build(run, "si-joint-starter", "--drop", "spinal-twist", "--add", "cat-cow", "--log-weeks", "3")
    text = " ".join(pdf_text(data))
    assert "5. Lying twist with knees up" not in text
    # An option that pointed at it is printed as a one-line how-to instead.
    assert "Harder: Lying twist: lie on your back" in text and "Ask your clinician first" not in text
    assert "6. Back round and dip (cat and cow)" in text
    assert "Week 3" in text and "Week 4" not in text
    assert "Pain 0–10" in text and "Day 7" in text


@pytest.mark.parametrize("args, message", [
    (["si-joint-startr"], "unknown standard sheet 'si-joint-startr' — did you mean 'si-joint-starter'?"),
    (["-e", "glute-brige"], "unknown exercise 'glute-brige' — did you mean 'glute-bridge'?"),
    (["si-joint-starter", "--set", "glute-bridge.rep=12"], "'rep' is not a dose field — did you mean 'reps'?"),
    (["si-joint-starter", "--set", "glute-bridge.reps=500"], "500 is out of range; use a number from 1 to 50 times"),
    (["si-joint-starter", "--set", "glute-bridge.reps=ten"], "'ten' is not a whole number"),
    (["si-joint-starter", "--set", "bird-dog.reps=5"], "'bird-dog' is not an exercise on this sheet"),
    (["si-joint-starter", "--set", "glute-bridge"], "must look like EXERCISE.FIELD=VALUE"),
    (["si-joint-starter", "--date", "21/11/2026"], "'21/11/2026' is not a date; write it as YYYY-MM-DD"),
    (["si-joint-starter", "--drop", "walking"], "'walking' is not on this sheet"),
    ([], "-e/--add: nothing to print: name a standard sheet, or add exercises"),
    (["si-joint-starter", "--note", "Walk. " * 101], "--note: is 606 characters long; keep it to 600 or fewer"),
    (["si-joint-starter", "--patient", "Ana " * 21], "--patient: is 84 characters long; keep it to 80 or fewer"),
])
def test_usage_mistakes_exit_2_with_a_clear_line(run, args, message):
    result = run("build", *args, "-o", "out.pdf")
    assert result.exit_code == 2
    assert message in folded(result.stderr)
    assert "Traceback" not in result.output
    assert not Path("out.pdf").exists()


def test_failed_build_leaves_existing_pdf_untouched(run, tmp_path):
    Path("maria.pdf").write_bytes(b"%PDF-old")
    result = run("build", "-e", "glute-brige", "-o", "maria.pdf")
    assert result.exit_code == 2
    assert Path("maria.pdf").read_bytes() == b"%PDF-old"
    bad_clinic = tmp_path / "clinic.yaml"
    bad_clinic.write_text("name: X\ncolours: {brand: pink}\n")
    result = run("build", "si-joint-starter", "--clinic", bad_clinic, "-o", "maria.pdf")
    assert result.exit_code == 1
    assert "clinic.yaml:2:18: colours.brand: 'pink' is not a colour" in result.stderr
    assert Path("maria.pdf").read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in Path(".").iterdir()) == ["clinic.yaml", "maria.pdf"]


def test_output_folder_must_exist(run):
    result = run("build", "si-joint-starter", "-o", "nowhere/sheet.pdf")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "error: nowhere/sheet.pdf: the folder 'nowhere' does not exist; create it first"


def test_default_name_and_stdout(run):
    result = run("build", "si-joint-starter", "--patient", "María Gómez", "--date", "2026-11-21")
    assert result.exit_code == 0
    assert Path("si-joint-starter-maria-gomez-2026-11-21.pdf").read_bytes().startswith(b"%PDF")
    result = run("build", "si-joint-starter", "--date", "2026-11-21", "-o", "-")
    assert result.stdout_bytes.startswith(b"%PDF") and result.stdout_bytes.rstrip().endswith(b"%%EOF")


def test_saved_clinic_file_is_picked_up(run, tmp_path):
    settings = tmp_path / "config" / "handouts"
    settings.mkdir(parents=True)
    (settings / "clinic.yaml").write_text("name: Clínica Ñandú\nphone: 91 555 0100\npage_size: a4\n")
    data, _ = build(run, "si-joint-starter")
    reader = PdfReader(io.BytesIO(data))
    assert "Clínica Ñandú" in pdf_text(data)[0]
    assert round(float(reader.pages[0].mediabox.width)) == 595


def test_video_gets_a_qr_code_and_its_short_address(run, tmp_path):
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    source = (Path(load_library().exercises["glute-bridge"].where.path)).read_text()
    (folder / "bridge.yaml").write_text(source.replace("id: glute-bridge", "id: my-bridge")
                                        + "video_url: https://example.org/videos/bridge?lang=en&hd=1\n")
    data, _ = build(run, "-e", "my-bridge", "--condition", "si-joint-pain", "--catalogue", tmp_path / "mine")
    text = " ".join(pdf_text(data))
    assert "Watch how to do it" in text
    assert "type: example.org/videos/bridge?lang=en&hd=1" in text


def test_brand_colour_too_light_for_text_is_darkened(run, tmp_path):
    from handouts.render.colours import contrast, readable_on

    for colour in ("#FFFF00", "#F0F0F0", "#7FDBFF", "#1F5C8B"):
        assert contrast(readable_on(colour), "#FFFFFF") >= 4.5
    assert readable_on("#1F5C8B") == "#1F5C8B"  # a colour that already reads well is kept
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text('name: Sunny Clinic\ncolours: {brand: "#FFFF00", accent: "#333333"}\n')
    data, _ = build(run, "si-joint-starter", "--clinic", clinic)
    content = b"".join(page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages)
    from reportlab.lib.rl_accel import fp_str

    heading = readable_on("#FFFF00")
    rgb = fp_str(*(int(heading[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    assert f"{rgb} rg".encode() in content  # headings in the darkened yellow (the band may keep the raw one)


def test_card_options_and_the_missing_phone_warning(run):
    _, result = build(run, "si-joint-starter", "--card-only", out="card.pdf")
    assert "1 page," in result.stderr
    assert result.stderr.count("warning: no clinic phone number") == 1
    _, result = build(run, "si-joint-starter", "--card", "--clinic", EXAMPLE_CLINIC, out="with-card.pdf")
    assert "no clinic phone" not in result.stderr
    assert "Your exercises at a glance" in pdf_text(Path("with-card.pdf").read_bytes())[-1]

