"""The accessible HTML version: one self-contained file per sheet, from the same plan as the PDF."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.catalogue import EXAMPLE_CLINIC, load_library, read_file
from handouts.handout import plan_handout
from handouts.render.html import render_html
from handouts.render.pdf import render_handout

LIBRARY = load_library()
BRANDED = read_file(EXAMPLE_CLINIC, "clinic")[1][0]


class Page(HTMLParser):
    """The words a reader sees, the pictures' names, and every tag, from an HTML sheet."""

    def __init__(self, html: str):
        super().__init__()
        self.open: list[str] = []
        self.seen: list[str] = []
        self.picture_names: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "img", "br", "path", "rect", "line", "circle", "ellipse", "polygon", "polyline"):
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data):
        if "head" in self.open or "style" in self.open:
            return
        if "svg" in self.open and "title" in self.open:
            self.picture_names.append(data)
        else:
            self.seen.append(data)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def handout(sheet_id="si-joint-starter", **options):
    return plan_handout(LIBRARY, clinic=BRANDED, issued="2026-11-23", sheet=sheet_id, patient="María Gómez",
                        **options)


@pytest.mark.parametrize("sheet_id", sorted(LIBRARY.sheets))
def test_the_html_and_the_pdf_print_the_same_words(sheet_id):
    plan = handout(sheet_id)
    page = Page(render_html(plan).decode("utf-8"))
    reader = PdfReader(io.BytesIO(render_handout(plan).pdf))
    pdf_words = words(" ".join(p.extract_text() for p in reader.pages))
    html_words = words(" ".join(page.seen))
    # Only the page furniture of paper ("Page 2 of 7", a box "continued from the page before") is the PDF's alone.
    paper = words(f"page of {plan.locale.words('red_flag_continued', heading='')}")
    assert set(pdf_words) - set(html_words) <= {*paper, *map(str, range(1, 20))}
    assert set(html_words) - set(pdf_words) == set()
    # The exercises, and every step, come in the same order.
    for planned in plan.exercises:
        for text in planned.exercise.steps:
            assert " ".join(words(text)) in " ".join(html_words)
    names = [f"{p.number} {' '.join(words(p.exercise.name))}" for p in plan.exercises]
    assert [" ".join(html_words).index(n) for n in names] == sorted(" ".join(html_words).index(n) for n in names)
    # The pictures' text is heard from the HTML, never printed on the PDF.
    diagram = [plan.locale.words(f"diagram_{plan.condition.diagram}")] if plan.condition.diagram else []
    assert page.picture_names == diagram + [p.exercise.picture_text for p in plan.exercises]
    for planned in plan.exercises:
        assert " ".join(words(planned.exercise.picture_text)) not in " ".join(pdf_words)


@pytest.mark.parametrize("sheet_id", sorted(LIBRARY.sheets))
@pytest.mark.parametrize("large", [False, True])
def test_every_sheet_is_one_self_contained_accessible_page(sheet_id, large):
    plan = handout(sheet_id, large_print=large, page_size="a4")
    html = render_html(plan).decode("utf-8")
    assert render_html(plan).decode("utf-8") == html  # same plan, same bytes
    page = Page(html)
    # Nothing fetched: no scripts, no linked style sheets or fonts, no image from anywhere but the file.
    assert not [t for t, a in page.tags if t in ("script", "link", "iframe", "object", "embed")]
    assert not [a for t, a in page.tags if t == "img" and not a["src"].startswith("data:image/")]
    assert "@import" not in html and "@font-face" not in html and "http" not in re.sub(r'xmlns(:\w+)?="[^"]+"', "", html)
    assert '<html lang="en-GB">' in html
    tags = [t for t, _ in page.tags]
    assert tags.count("h1") == 1 and tags.count("h3") >= len(plan.exercises)
    assert tags.count("ol") == len(plan.exercises)  # numbered steps, one list per exercise
    assert tags.count("table") == plan.log_weeks and tags.count("th") > 0
    svgs = [a for t, a in page.tags if t == "svg"]
    diagrams = 1 if plan.condition.diagram else 0  # the condition's body diagram beside what it is
    assert len(svgs) == len(plan.exercises) + diagrams and all(a["role"] == "img" for a in svgs)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    assert "break-inside: avoid" in html  # print CSS keeps an exercise on one page


def test_every_exercise_with_a_picture_has_its_text_and_validate_requires_it(run, tmp_path):
    assert all(e.picture_text for e in LIBRARY.exercises.values() if e.pose is not None or e.image is not None)
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True)
    shipped = (Path(__file__).parent.parent / "catalogue" / "exercises" / "glute-bridge.yaml").read_text("utf-8")
    without = "\n".join(line for line in shipped.splitlines() if not line.startswith("picture_text:"))
    (folder / "my-bridge.yaml").write_text(without.replace("id: glute-bridge", "id: my-bridge"), "utf-8")
    result = run("validate", "--brief", tmp_path / "mine")
    assert result.exit_code == 1
    assert re.search(r"my-bridge\.yaml:\d+:\d+: picture_text: missing; add a line `picture_text: ", result.stderr)


def test_build_and_batch_write_html(run, tmp_path):
    result = run("build", "si-joint-starter", "--patient", "María Gómez", "--format", "both", "-o", "m.pdf",
                 "--date", "2026-11-23", "--clinic", "example")
    assert result.exit_code == 0, result.output
    assert Path("m.pdf").read_bytes().startswith(b"%PDF") and Path("m.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    only = run("build", "si-joint-starter", "--format", "html", "-o", "blank.html", "--clinic", "example")
    assert only.exit_code == 0 and Path("blank.html").is_file() and not Path("blank.pdf").exists()
    # Another patient's page is not replaced without --force.
    other = run("build", "si-joint-starter", "--patient", "Tom Lee", "--format", "html", "-o", "m.html")
    assert other.exit_code == 1 and "m.html" in other.stderr
    batch = run("batch", "si-joint-aerobic", "-o", "out", "--format", "html", "--date", "2026-11-23")
    assert batch.exit_code == 0, batch.output
    assert sorted(p.name for p in Path("out").iterdir() if not p.name.startswith(".")) == [
        "manifest.json", "si-joint-aerobic-normal-letter.html"]
    assert "skipped 1" in run("batch", "si-joint-aerobic", "-o", "out", "--format", "html", "--date",
                              "2026-11-23").stderr
    wrong = run("batch", "si-joint-aerobic", "-o", "out", "--format", "html", "--combined", "all.pdf")
    assert wrong.exit_code == 2 and "--combined" in wrong.stderr
