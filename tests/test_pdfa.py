"""A good file for records systems: the sheet's own dates and title, XMP, /Lang, and PDF/A-2b on request.

Validated by pikepdf's PDF/A validator (an allowlist checker built on the
veraPDF rules; it approves only what it recognises) and by `qpdf --check`
where qpdf is installed. veraPDF itself is not installable here (no Java
package registry), so it is not used.
"""

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from handouts.catalogue import EXAMPLE_CLINIC, load_library, read_file
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.render.pdf import render_handout

try:  # pikepdf's PDF/A module came in 10.18, which needs Python 3.11: on 3.10 only ordinary files are tested
    from pikepdf import pdfa
except ImportError:
    pdfa = None
needs_pdfa = pytest.mark.skipif(pdfa is None, reason="PDF/A needs pikepdf 10.18 or newer (Python 3.11 or newer)")
LIBRARY = load_library()
BRANDED = read_file(EXAMPLE_CLINIC, "clinic")[1][0]
VARIANTS = [(size, large) for size in ("letter", "a4") for large in (False, True)]
DATE = "2026-11-23"


def sheet(sheet_id, size, large, clinic=BRANDED, patient="María Gómez"):
    return plan_handout(LIBRARY, clinic=clinic, issued=DATE, sheet=sheet_id, page_size=size, large_print=large,
                        patient=patient)


def qpdf_check(data: bytes, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        return
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_pdfa
@pytest.mark.parametrize("sheet_id", sorted(LIBRARY.sheets))
@pytest.mark.parametrize("size, large", VARIANTS)
def test_every_sheet_in_every_variant_is_valid_pdfa_2b_and_rebuilds_byte_identical(sheet_id, size, large, tmp_path):
    handout = sheet(sheet_id, size, large)
    archival = render_handout(handout, pdfa=True).pdf
    report = pdfa.validate_written(io.BytesIO(archival), "2b")
    assert report.passed, [str(f) for f in report.findings]
    assert render_handout(handout, pdfa=True).pdf == archival
    plain = render_handout(handout).pdf
    assert render_handout(handout).pdf == plain
    qpdf_check(archival, tmp_path)
    with pikepdf.open(io.BytesIO(archival)) as doc:
        assert doc.open_metadata().pdfa_status == "2B"
        assert len(doc.Root.OutputIntents) == 1
        profile = doc.Root.OutputIntents[0].DestOutputProfile
        assert profile.N == 3 and b"sRGB" in profile.read_bytes()
        # No transparency left: the logo's alpha is flattened onto white.
        assert not [o for o in doc.objects if isinstance(o, pikepdf.Stream) and "/SMask" in o]
    with pikepdf.open(io.BytesIO(plain)) as doc:
        assert doc.open_metadata().pdfa_status == ""


@needs_pdfa
@pytest.mark.parametrize("sheet_id", sorted(LIBRARY.sheets))
def test_an_unbranded_sheet_is_valid_pdfa_too(sheet_id):
    archival = render_handout(sheet(sheet_id, "letter", False, clinic=Clinic(), patient=None), pdfa=True).pdf
    report = pdfa.validate_written(io.BytesIO(archival), "2b")
    assert report.passed, [str(f) for f in report.findings]


def test_metadata_dates_title_language_and_xmp_agree():
    data = render_handout(sheet("si-joint-starter", "a4", False)).pdf
    info = PdfReader(io.BytesIO(data)).metadata
    assert info["/Title"] == "Home exercises for SI joint pain, for María Gómez"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261123120000Z"
    assert info["/Creator"] == "handouts" and info["/Author"] == "Riverbend Physiotherapy"
    with pikepdf.open(io.BytesIO(data)) as doc:
        assert doc.Root.Lang == "en-GB"
        assert doc.Root.ViewerPreferences.DisplayDocTitle is True
        meta = doc.open_metadata()
        assert meta["dc:title"] == info["/Title"] and meta["dc:description"] == info["/Subject"]
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2026-11-23T12:00:00Z"
        assert meta["xmp:CreatorTool"] == "handouts" and meta["pdf:Producer"] == info["/Producer"]


def test_the_clinic_privacy_setting_keeps_the_name_out_of_the_file(run, tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Riverbend\nphone: 555-0142\nprivacy:\n  names_in_files: false\n", encoding="utf-8")
    result = run("build", "si-joint-starter", "--patient", "María Gómez", "-o", "m.pdf", "--clinic", clinic)
    assert result.exit_code == 0, result.output
    data = Path("m.pdf").read_bytes()
    assert "María".encode("utf-16-be") not in data and b"Mar\\355a" not in data
    from handouts.privacy import stand_in

    # privacy.py's stand-in ("MG-3F2A1C") names the sheet instead, so it can still be told apart and replaced.
    assert PdfReader("m.pdf").metadata["/Title"] == f"Home exercises for SI joint pain, for {stand_in('María Gómez')}"
    with pikepdf.open("m.pdf") as doc:
        assert "María" not in str(doc.open_metadata())


@needs_pdfa
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed")
def test_pdfinfo_shows_the_sheets_date_and_title(run):
    result = run("build", "si-joint-strength", "--patient", "Tom Lee", "--date", DATE, "--pdfa", "-o", "t.pdf",
                 "--clinic", "example")
    assert result.exit_code == 0, result.output
    shown = subprocess.run(["pdfinfo", "t.pdf"], capture_output=True, text=True, env={"TZ": "UTC"}).stdout
    assert "Title:           Strengthening exercises for SI joint pain, for Tom Lee" in shown
    assert "CreationDate:    Mon Nov 23 12:00:00 2026 UTC" in shown
    assert "ModDate:         Mon Nov 23 12:00:00 2026 UTC" in shown


@needs_pdfa
def test_pdfa_true_in_the_clinic_file_and_batch_pdfa(run, tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Riverbend\nphone: 555-0142\npdfa: true\n", encoding="utf-8")
    assert run("build", "si-joint-starter", "-o", "a.pdf", "--clinic", clinic).exit_code == 0
    assert pdfa.validate_written("a.pdf", "2b").passed
    result = run("batch", "si-joint-aerobic", "-o", "out", "--pdfa", "--clinic", "example", "--date", DATE)
    assert result.exit_code == 0, result.output
    assert pdfa.validate_written("out/si-joint-aerobic-normal-letter.pdf", "2b").passed
    again = run("batch", "si-joint-aerobic", "-o", "out", "--clinic", "example", "--date", DATE)
    assert "Built 1, skipped 0" in again.stderr  # without --pdfa it is a different file, so it is rebuilt
    with pikepdf.open("out/si-joint-aerobic-normal-letter.pdf") as doc:
        assert doc.open_metadata().pdfa_status == ""


@pytest.mark.skipif(pdfa is not None, reason="this pikepdf makes PDF/A")
def test_without_pikepdfs_pdfa_module_pdfa_is_refused_in_one_line(run, tmp_path):
    result = run("build", "si-joint-starter", "--pdfa", "-o", "a.pdf")
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        "error: PDF/A needs pikepdf 10.18 or newer, which needs Python 3.11 or newer (this is Python 3.10); leave "
        "out --pdfa and `pdfa: true`, or install handouts with a newer Python"]
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Riverbend\nphone: 555-0142\npdfa: true\n", encoding="utf-8")
    assert run("batch", "si-joint-aerobic", "-o", "out", "--clinic", clinic).exit_code == 1
    assert not Path("a.pdf").exists() and not Path("out").exists()
