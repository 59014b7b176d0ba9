"""build --open and --print hand the saved PDF to local programs only; tests use stand-ins for them."""

import os
import stat
from pathlib import Path

import pytest

from handouts import launch
from handouts.errors import HandoutsError


@pytest.fixture
def stand_ins(tmp_path, monkeypatch):
    """A folder first on PATH with `lp` and `xdg-open` scripts that record their arguments."""
    folder = tmp_path / "bin"
    folder.mkdir()

    def make(name, code=0):
        script = folder / name
        script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "{folder}/{name}.args"\n'
                          f'exit {code}\n')
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        return folder / f"{name}.args"

    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    spawned = []
    monkeypatch.setattr(launch, "_spawn", spawned.append)  # never start a real viewer
    return make, spawned


def test_print_sends_the_saved_file_to_lp(run, stand_ins):
    make, _ = stand_ins
    recorded = make("lp")
    result = run("build", "si-joint-starter", "-o", "maria.pdf", "--print", "--printer", "front-desk", "--copies", 2)
    assert result.exit_code == 0, result.output
    assert recorded.read_text().splitlines() == ["-d", "front-desk", "-n", "2", "--", str(Path("maria.pdf").resolve())]
    assert "Sent maria.pdf to the printer front-desk (2 copies)" in result.stderr


def test_print_failure_is_one_line_and_the_pdf_stays(run, stand_ins):
    make, _ = stand_ins
    make("lp", code=1)
    result = run("build", "si-joint-starter", "-o", "maria.pdf", "--print")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("error: lp could not print the sheet")
    assert Path("maria.pdf").is_file()


def test_no_print_system_says_what_to_install(tmp_path):
    with pytest.raises(HandoutsError, match="install the CUPS client"):
        launch.print_command(tmp_path / "a.pdf", platform="linux", which=lambda name: None)
    assert launch.print_command(Path("a.pdf"), copies=3, printer="p", platform="darwin",
                                which=lambda name: "/usr/bin/lpr" if name == "lpr" else None) == [
        "/usr/bin/lpr", "-P", "p", "-#3", "a.pdf"]


def test_open_uses_the_system_viewer(run, stand_ins):
    make, spawned = stand_ins
    make("xdg-open")
    result = run("build", "si-joint-starter", "-o", "maria.pdf", "--open")
    assert result.exit_code == 0, result.output
    assert spawned == [["xdg-open", str(Path("maria.pdf").resolve())]]


def test_open_and_print_on_macos_and_windows():
    calls = []
    launch.open_file(Path("a.pdf"), platform="darwin", which=lambda name: "/usr/bin/open", spawn=calls.append)
    launch.open_file(Path("a.pdf"), platform="win32", startfile=lambda *a: calls.append(a))
    launch.print_file(Path("a.pdf"), platform="win32", startfile=lambda *a: calls.append(a))
    assert calls == [["open", "a.pdf"], ("a.pdf",), ("a.pdf", "print")]
    with pytest.raises(HandoutsError, match="choose the printer and copies in the PDF viewer"):
        launch.print_file(Path("a.pdf"), platform="win32", copies=2, startfile=lambda *a: None)


def test_open_and_print_need_a_file(run):
    result = run("build", "si-joint-starter", "-o", "-", "--print")
    assert result.exit_code == 2 and "handouts build ... -o - | lp" in result.stderr
    result = run("build", "si-joint-starter", "--printer", "x")
    assert result.exit_code == 2 and "goes with --print" in result.stderr


def test_batch_prints_the_combined_file_or_each_sheet(run, stand_ins):
    make, _ = stand_ins
    recorded = make("lp")
    result = run("batch", "si-joint-starter", "-o", "out", "--combined", "all.pdf", "--print", "--jobs", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert recorded.read_text().splitlines() == ["--", str(Path("all.pdf").resolve())]
    result = run("batch", "si-joint-starter", "-o", "out", "--page-size", "letter,a4", "--print", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert recorded.read_text().splitlines() == ["--", str(Path("out/si-joint-starter-normal-a4.pdf").resolve())]
    assert result.stderr.count("to the printer") == 2
