"""`handouts batch`: standard sheets in every variant, one sheet per patient, safe interruption."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts import batch as batching
from handouts.catalogue import load_library
from handouts.models import Clinic

SHEETS = sorted(load_library().sheets)  # with no SHEET, batch builds every standard sheet


def test_full_variant_matrix_matches_single_builds(run):
    result = run("batch", "-o", "print", "--page-size", "letter,a4", "--print-style", "normal,large",
                 "--date", "2026-11-21", "--jobs", "2")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in Path("print").glob("*.pdf"))
    assert names == sorted(f"{s}-{style}-{size}.pdf" for s in SHEETS for style in ("normal", "large")
                           for size in ("letter", "a4"))
    for name in names:
        reader = PdfReader(Path("print") / name)
        width = round(float(reader.pages[0].mediabox.width))
        assert width == (595 if name.endswith("-a4.pdf") else 612)
    single = run("build", "si-joint-starter", "--page-size", "a4", "--large-print", "--date", "2026-11-21",
                 "-o", "single.pdf")
    assert single.exit_code == 0
    assert Path("single.pdf").read_bytes() == Path("print/si-joint-starter-large-a4.pdf").read_bytes()
    manifest = json.loads(Path("print/manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["file"] == "si-joint-starter-large-a4.pdf")
    assert entry["bytes"] == len(Path("single.pdf").read_bytes())
    assert entry["pages"] == len(PdfReader("single.pdf").pages)
    assert set(entry) == {"file", "sheet_id", "inputs_hash", "pages", "bytes"}


def test_plain_output_when_not_a_terminal_and_quiet(run):
    result = run("batch", "si-joint-starter", "-o", "out", "--date", "2026-11-21", "--jobs", "1")
    pages = len(PdfReader("out/si-joint-starter-normal-letter.pdf").pages)
    assert result.stderr.splitlines() == [
        f"built    si-joint-starter-normal-letter.pdf ({pages} pages)",
        "Built 1, skipped 0 (unchanged), failed 0, of 1 sheet in out.",
    ]
    quiet = run("batch", "si-joint-starter", "-o", "out", "--date", "2026-11-21", "--quiet")
    assert quiet.stderr.splitlines() == ["Built 0, skipped 1 (unchanged), failed 0, of 1 sheet in out."]


def test_combined_pdf_has_every_page_and_a_bookmark_per_sheet(run):
    result = run("batch", "si-joint-starter", "si-joint-aerobic", "-o", "out", "--page-size", "letter,a4",
                 "--combined", "out/all.pdf", "--date", "2026-11-21")
    assert result.exit_code == 0, result.output
    parts = ["si-joint-starter-normal-letter", "si-joint-starter-normal-a4",
             "si-joint-aerobic-normal-letter", "si-joint-aerobic-normal-a4"]
    combined = PdfReader("out/all.pdf")
    counts = [len(PdfReader(f"out/{p}.pdf").pages) for p in parts]
    # Each sheet is padded to an even count, so it starts on the front of a new leaf.
    padded = [n + n % 2 for n in counts]
    assert len(combined.pages) == sum(padded)
    starts = [sum(padded[:i]) for i in range(len(parts))]
    # One entry per sheet, opening its first page, with each variant's title under it, opening its own.
    entries = [(item.title, combined.get_destination_page_number(item)) for item in combined.outline
               if not isinstance(item, list)]
    assert entries == [("Home exercises for SI joint pain", starts[0]), ("Light activity for SI joint pain", starts[2])]
    children = [item for group in combined.outline if isinstance(group, list) for item in group]
    assert [combined.get_destination_page_number(item) for item in children] == starts
    for start, count, size in zip(starts, counts, padded):
        assert "Page 1 of" in combined.pages[start].extract_text()
        if size > count:
            assert combined.pages[start + count].extract_text().strip() == "This page is left blank."
    assert any(n % 2 for n in counts)  # the padding was put to the test
    unpadded = run("batch", "si-joint-starter", "si-joint-aerobic", "-o", "out", "--page-size", "letter,a4",
                   "--combined", "out/plain.pdf", "--no-pad", "--date", "2026-11-21")
    assert unpadded.exit_code == 0 and len(PdfReader("out/plain.pdf").pages) == sum(counts)
    assert [item.title for item in children] == [
        "Home exercises for SI joint pain (normal print, Letter)",
        "Home exercises for SI joint pain (normal print, A4)",
        "Light activity for SI joint pain (normal print, Letter)",
        "Light activity for SI joint pain (normal print, A4)",
    ]


def test_patient_list_with_good_and_bad_rows(run, tmp_path):
    patients = tmp_path / "list.csv"
    patients.write_text(
        "patient,sheet,exercises,set,date,note\n"
        "María Gómez,si-joint-starter,,glute-bridge.reps=12,2026-11-23,Tempo & <slow>\n"
        "Ann One,si-joint-startr,,,,\n"
        "Bob Two,si-joint-starter,,glute-bridge.reps=500,,\n"
        ",si-joint-starter,,,,\n"
        "Dee Four,,knee-to-chest glute-brige,,,\n"
        "Eve Five,,knee-to-chest; walking,walking.minutes=15,21/11/2026,\n"
        "Zoë Łukasiewicz-Núñez,,knee-to-chest walking,walking.minutes=15,,\n", encoding="utf-8")
    result = run("batch", "--patients", patients, "-o", "out", "--date", "2026-11-21", "--jobs", "2")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(patients))]
    assert errors == [
        f"{patients}:3: sheet: unknown standard sheet 'si-joint-startr' — did you mean 'si-joint-starter'?; "
        "`handouts list --sheets` shows them",
        f"{patients}:4: set: glute-bridge.reps: 500 is out of range; use a number from 1 to 50 times",
        f"{patients}:5: patient: is empty; write the patient's name",
        f"{patients}:6: exercises: unknown exercise 'glute-brige' — did you mean 'glute-bridge'?; "
        "`handouts list` shows them",
        f"{patients}:7: date: '21/11/2026' is not a date; write it as YYYY-MM-DD",
    ]
    assert result.stderr.splitlines()[-1] == "Built 2, skipped 0 (unchanged), failed 5, of 7 sheets in out."
    maria = Path("out/maria-gomez-si-joint-starter-normal-letter.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(maria).pages)
    assert "María Gómez" in text and "November 23, 2026" in text and "Tempo & <slow>" in text
    assert "Do 12 times." in " ".join(text.split())
    assert Path("out/zoe-lukasiewicz-nunez-custom-normal-letter.pdf").is_file()


def test_patient_list_with_an_unknown_column_stops_before_building(run, tmp_path):
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheeet\nAnn,si-joint-starter\n")
    result = run("batch", "--patients", patients, "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{patients}:1:1: sheeet: unknown column — did you mean 'sheet'?")
    assert not Path("out").exists()


def test_shipped_example_patient_list_builds(run):
    from handouts.catalogue import SHIPPED_TEMPLATES

    result = run("batch", "--patients", SHIPPED_TEMPLATES / "patients-example.csv", "-o", "out", "--strict")
    assert result.exit_code == 0, result.output
    assert len(list(Path("out").glob("*.pdf"))) == 3


def test_a_failing_sheet_does_not_stop_the_others(run, tmp_path):
    sheets = tmp_path / "mine" / "templates"
    sheets.mkdir(parents=True)
    (sheets / "clash.yaml").write_text(
        "id: my-clash\ntitle: Lunges\ncondition: si-joint-pain\nintro: Hello.\nexercises: [reverse-lunge]\n"
        "avoid: [long-strides]\n")
    result = run("batch", "my-clash", "si-joint-starter", "si-joint-aerobic", "--catalogue", tmp_path / "mine",
                 "-o", "out", "--strict", "--date", "2026-11-21")
    assert result.exit_code == 1
    assert sorted(p.name for p in Path("out").glob("*.pdf")) == [
        "si-joint-aerobic-normal-letter.pdf", "si-joint-starter-normal-letter.pdf"]
    assert "clash.yaml:5:13: warning: exercises[1]: 'Step-back lunge' (reverse-lunge) clashes" in result.stderr
    assert result.stderr.splitlines()[-1] == "Built 2, skipped 0 (unchanged), failed 1, of 3 sheets in out."


def test_a_sheet_that_breaks_while_rendering_is_reported(tmp_path, monkeypatch):
    library = load_library()
    jobs = batching.standard_jobs(library, Clinic(), ["si-joint-starter", "si-joint-aerobic"], ["letter"],
                                  ["normal"], "2026-11-21", strict=False)
    real = batching._render

    def fragile(handout, *formats):
        if handout.template_id == "si-joint-starter":
            raise RuntimeError("disk on fire")
        return real(handout, *formats)

    monkeypatch.setattr(batching, "_render", fragile)
    report = batching.run_batch(jobs, tmp_path, library, workers=1)
    assert [(o.job.file_name, o.status) for o in report.outcomes] == [
        ("si-joint-starter-normal-letter.pdf", "failed"), ("si-joint-aerobic-normal-letter.pdf", "built")]
    assert report.outcomes[0].message == \
        "si-joint-starter-normal-letter.pdf: could not be built (RuntimeError: disk on fire)"


def test_unchanged_outputs_are_skipped_until_something_changes(run, tmp_path):
    args = ["batch", "si-joint-starter", "-o", "out", "--date", "2026-11-21"]
    assert "Built 1, skipped 0" in run(*args).stderr
    before = Path("out/si-joint-starter-normal-letter.pdf").stat().st_mtime_ns
    assert "Built 0, skipped 1" in run(*args).stderr
    assert Path("out/si-joint-starter-normal-letter.pdf").stat().st_mtime_ns == before
    assert "Built 1, skipped 0" in run(*args, "--force").stderr
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Clinic One\n")
    assert "Built 1, skipped 0" in run(*args, "--clinic", clinic).stderr
    assert "Built 0, skipped 1" in run(*args, "--clinic", clinic).stderr
    clinic.write_text("name: Clinic Two\n")
    assert "Built 1, skipped 0" in run(*args, "--clinic", clinic).stderr
    assert "Built 1, skipped 0" in run(*args, "--clinic", clinic, "--date", "2026-11-22").stderr
    Path("out/si-joint-starter-normal-letter.pdf").write_bytes(b"%PDF-damaged")
    assert "Built 1, skipped 0" in run(*args, "--clinic", clinic, "--date", "2026-11-22").stderr


def _start_big_batch(tmp_path) -> subprocess.Popen:
    rows = "".join(f"Patient {n},{SHEETS[n % 4]},,,,\n" for n in range(40))
    (tmp_path / "many.csv").write_text("patient,sheet,exercises,set,date,note\n" + rows)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "handouts", "batch", "--patients", "many.csv", "-o", "out",
         "--print-style", "normal,large", "--jobs", "2"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_some_pdfs(folder: Path, process: subprocess.Popen, count: int = 3) -> None:
    deadline = time.monotonic() + 60
    while len(list(folder.glob("*.pdf"))) < count:
        assert process.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _assert_every_pdf_complete(folder: Path) -> int:
    pdfs = list(folder.glob("*.pdf"))
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.rstrip().endswith(b"%%EOF"), pdf
        assert len(PdfReader(io.BytesIO(data)).pages) > 0
    return len(pdfs)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_stops_promptly_and_leaves_only_complete_pdfs(tmp_path, how):
    process = _start_big_batch(tmp_path)
    _wait_for_some_pdfs(tmp_path / "out", process)
    process.send_signal(how)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=20)
    assert time.monotonic() - started < 5
    assert process.returncode == 130
    assert "Every PDF in the folder is complete; run the same command again to build the rest." in stderr
    built = _assert_every_pdf_complete(tmp_path / "out")
    assert 0 < built < 80
    assert not list((tmp_path / "out").glob(".*.part"))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["outputs"]) == built


def test_killed_batch_leaves_only_complete_pdfs_and_the_next_run_finishes(tmp_path):
    process = _start_big_batch(tmp_path)
    _wait_for_some_pdfs(tmp_path / "out", process)
    process.kill()
    process.communicate(timeout=20)
    _assert_every_pdf_complete(tmp_path / "out")
    rerun = _start_big_batch(tmp_path)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert _assert_every_pdf_complete(tmp_path / "out") == 80
    assert not list((tmp_path / "out").glob(".*.part"))
