import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import cli

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(monkeypatch, tmp_path):
    """Run `handouts ARGS…` in a clean folder with no saved clinic file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # The parsed-catalogue cache: beside the test's folder, so a test of what a command leaves behind sees only that.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    monkeypatch.delenv("HANDOUTS_CLINIC", raising=False)
    monkeypatch.delenv("HANDOUTS_CATALOGUE", raising=False)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, with runs of white space folded to one space."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def folded(text: str) -> str:
    return " ".join(text.split())


# Debian's Chromium, driven by Playwright (its own browser download is not reachable): one per test module.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()
