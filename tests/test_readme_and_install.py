"""The README's commands work, and an installed wheel finds its catalogue from anywhere."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.catalogue import load_library

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def shell_blocks():
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_readme_opens_with_the_two_setup_commands():
    first, second = shell_blocks()[:2]
    assert "pip install ." in first and "handouts build si-joint-starter" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install --quiet --disable-pip-version-check -e '.[test]'" in ci
    assert ".venv/bin/python -m pytest -q" in ci and ".venv/bin/python -m pytest -q" in second


def readme_examples():
    for block in shell_blocks()[2:]:
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("handouts "):
                yield line


@pytest.mark.parametrize("line", list(readme_examples()))
def test_readme_example_runs(run, line):
    from handouts.clinicfile import pdfa_ready

    if "--pdfa" in line.split() and not pdfa_ready():
        pytest.skip("PDF/A needs pikepdf 10.18 or newer (Python 3.11 or newer); test_pdfa checks the refusal")
    (Path.cwd() / "tomorrow.csv").write_bytes((ROOT / "templates" / "patients-example.csv").read_bytes())
    result = run(*shlex.split(line)[1:])
    assert result.exit_code == 0, result.output


def test_wheel_installs_and_works_from_any_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT], check=True)
    wheel = next(dist.glob("handouts-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", "--disable-pip-version-check", wheel], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def handouts(*args):
        return subprocess.run([venv / "bin" / "handouts", *args], cwd=elsewhere, capture_output=True, text=True)

    shipped = load_library()
    assert f"{len(shipped.exercises)} exercises" in handouts("list").stdout
    assert handouts("show", "glute-bridge").stdout.startswith("Bridge  [glute-bridge]")
    validated = handouts("validate")
    assert validated.returncode == 0 and "site-packages" not in validated.stdout
    assert f"{len(shipped.sheets)} standard sheets" in validated.stdout
    built = handouts("build", "si-joint-starter", "--patient", "María Gómez", "--clinic", "example", "-o", "maria.pdf")
    assert built.returncode == 0, built.stderr
    assert "María Gómez" in PdfReader(elsewhere / "maria.pdf").pages[0].extract_text()
    # What `init` writes and the schema ship in the wheel too (issue 15).
    assert handouts("init", "catalogue", "mine").returncode == 0
    assert handouts("validate", "mine", "--brief").returncode == 0
    schema_line = (elsewhere / "mine" / "exercises" / "my-heel-slide.yaml").read_text().splitlines()[0]
    assert (elsewhere / "mine" / "exercises" / schema_line.split("=")[1]).is_file()
    # Every shipped YAML file's schema line points at a schema that is there in the installed wheel too.
    from test_schema import schema_line_problems

    package = Path(subprocess.run([venv / "bin" / "python", "-c", "import handouts, os; print(os.path.dirname("
                                   "handouts.__file__))"], cwd=elsewhere, capture_output=True, text=True,
                                  check=True).stdout.strip())
    assert (package / "catalogue" / "schema" / "exercise.json").is_file()
    assert schema_line_problems(package / "catalogue", package / "templates") == []
