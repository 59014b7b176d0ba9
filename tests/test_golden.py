"""A golden PDF: the same sheet must come out byte for byte the same.

Refresh it on purpose after a deliberate change to the sheet's look:
    HANDOUTS_REFRESH_GOLDEN=1 python -m pytest tests/test_golden.py
The golden file records the ReportLab and font versions it was made with; on
other versions the bytes may differ for reasons outside this project, so the
test then compares the text of every page instead and says so.
"""

import json
import os
from importlib.metadata import version

import pytest

from conftest import DATA, pdf_text

GOLDEN = DATA / "golden" / "si-joint-starter.pdf"
VERSIONS = GOLDEN.with_suffix(".versions.json")
ARGS = ["build", "si-joint-starter", "--patient", "María Gómez", "--clinician", "Dr Ana Ruiz",
        "--date", "2026-11-21", "--note", "Start gently & stop if it hurts."]


def current_versions():
    return {name: version(name) for name in ("reportlab", "fontpkg-atkinson-hyperlegible", "fontpkg-noto-sans",
                                             "pikepdf")}


def test_golden_sheet(run, tmp_path):
    from handouts.catalogue import EXAMPLE_CLINIC

    result = run(*ARGS, "--clinic", EXAMPLE_CLINIC, "-o", tmp_path / "sheet.pdf")
    assert result.exit_code == 0, result.output
    made = (tmp_path / "sheet.pdf").read_bytes()
    if os.environ.get("HANDOUTS_REFRESH_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(made)
        VERSIONS.write_text(json.dumps(current_versions(), indent=2) + "\n")
        pytest.skip("golden PDF refreshed")
    if json.loads(VERSIONS.read_text()) == current_versions():
        assert made == GOLDEN.read_bytes(), "the sheet changed; refresh the golden file if that was meant"
    else:
        assert pdf_text(made) == pdf_text(GOLDEN.read_bytes())
