"""Every PDF carries its request (request.yaml), so `build --from old.pdf` issues a lost sheet again."""

from pathlib import Path

import pikepdf
import pytest

from handouts.catalogue import EXAMPLE_CLINIC
from handouts.clinicfile import pdfa_ready

VISIT = ["si-joint-starter", "--patient", "María Gómez", "--clinician", "Dr Ana Ruiz", "--drop", "spinal-twist",
         "--add", "cat-cow", "--set", "glute-bridge.reps=8", "--note", "Go gently.", "--log-weeks", 3,
         "--page-size", "a4", "--large-print", "--precaution", "pregnancy"]


def request_in(path) -> str:
    with pikepdf.open(path) as doc:
        return doc.attachments["request.yaml"].get_file().read_bytes().decode("utf-8")


def test_build_then_from_gives_the_same_bytes(run):
    first = run("build", *VISIT, "--clinic", EXAMPLE_CLINIC, "--date", "2026-11-23", "-o", "old.pdf")
    assert first.exit_code == 0, first.output
    text = request_in("old.pdf")
    assert "patient: María Gómez" in text and "2026-11-23" not in text  # the date is the sheet's, not kept
    again = run("build", "--from", "old.pdf", "--clinic", EXAMPLE_CLINIC, "--date", "2026-11-23", "-o", "new.pdf")
    assert again.exit_code == 0, again.output
    assert Path("new.pdf").read_bytes() == Path("old.pdf").read_bytes()


def test_from_is_changed_by_other_options_and_dated_today(run):
    import datetime

    assert run("build", *VISIT, "--clinic", EXAMPLE_CLINIC, "--date", "2026-11-23", "-o", "old.pdf").exit_code == 0
    changed = run("build", "--from", "old.pdf", "--clinic", EXAMPLE_CLINIC, "--set", "glute-bridge.reps=12",
                  "-o", "new.pdf")
    assert changed.exit_code == 0, changed.output
    text = request_in("new.pdf")
    assert "glute-bridge: {reps: 12}" in text and "cat-cow" in text
    with pikepdf.open("new.pdf") as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:" + datetime.date.today().strftime("%Y%m%d"))


@pytest.mark.skipif(not pdfa_ready(), reason="PDF/A needs pikepdf 10.18 or newer (Python 3.11 or newer)")
def test_pdfa_sheet_carries_it_too(run):
    args = ("--clinic", EXAMPLE_CLINIC, "--date", "2026-11-23", "--pdfa")
    assert run("build", *VISIT, *args, "-o", "old.pdf").exit_code == 0
    again = run("build", "--from", "old.pdf", *args, "-o", "new.pdf")
    assert again.exit_code == 0, again.output
    assert Path("new.pdf").read_bytes() == Path("old.pdf").read_bytes()


def test_privacy_keeps_the_name_out_and_from_then_needs_patient(run, tmp_path):
    clinic = tmp_path / "private.yaml"
    clinic.write_text("name: Riverbend Physiotherapy\nphone: 555-0142\nprivacy:\n  names_in_files: false\n")
    first = run("build", *VISIT, "--clinic", clinic, "--date", "2026-11-23", "-o", "old.pdf")
    assert first.exit_code == 0, first.output
    assert "María" not in request_in("old.pdf") and "patient:" not in request_in("old.pdf")
    again = run("build", "--from", "old.pdf", "--patient", "María Gómez", "--clinic", clinic,
                "--date", "2026-11-23", "-o", "new.pdf", "--force")
    assert again.exit_code == 0, again.output
    assert Path("new.pdf").read_bytes() == Path("old.pdf").read_bytes()


@pytest.mark.parametrize("kind", ["no request", "not a pdf", "damaged", "missing"])
def test_from_a_file_without_a_request_is_one_clear_line(run, kind):
    if kind == "no request":
        doc = pikepdf.new()
        doc.add_blank_page()
        doc.save("old.pdf")
    elif kind == "not a pdf":
        Path("old.pdf").write_text("id: not-a-pdf\n")
    elif kind == "damaged":
        assert run("build", *VISIT, "-o", "whole.pdf").exit_code == 0
        Path("old.pdf").write_bytes(Path("whole.pdf").read_bytes()[:400])
    result = run("build", "--from", "old.pdf")
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "old.pdf" in lines[0], result.stderr


def test_from_and_programme_together_is_a_usage_mistake(run):
    assert run("build", *VISIT, "-o", "old.pdf").exit_code == 0
    result = run("build", "--from", "old.pdf", "--programme", "x")
    assert result.exit_code == 2 and "--from" in result.stderr
