"""`handouts list`, `show`, `--help` and `--version`."""

import re
import subprocess
import sys

import pytest

from handouts import __version__
from handouts.catalogue import load_library


def test_help_does_not_load_reportlab():
    code = ("import sys\nfrom handouts.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'reportlab' not in sys.modules and 'yaml' not in sys.modules, 'loaded too much'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Print clear, branded home-exercise sheets" in result.stdout


@pytest.mark.parametrize("command", ["list", "show", "validate", "build"])
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"handouts {command}" in result.stdout


def test_version(run):
    assert run("--version").stdout.strip() == f"handouts, version {__version__}"


def test_list_filters(run):
    everything = run("list").stdout
    assert f"{len(load_library().exercises)} exercises" in everything
    strength = run("list", "--tag", "si-joint", "--kind", "strength").stdout
    assert "glute-bridge" in strength and "knee-to-chest" not in strength
    assert "bridge-band" in run("list", "--equipment", "band").stdout
    on_front = run("list", "--position", "lying on your front").stdout
    assert "ball-superman" in on_front and "glute-bridge" not in on_front
    found = run("list", "--search", "ball squeeze").stdout
    assert "adductor-squeeze" in found and "walking" not in found
    assert "No exercises match" in run("list", "--search", "trampoline").stdout
    assert "si-joint-starter" in run("list", "--sheets").stdout
    assert "crossing-legs" in run("list", "--avoid").stdout


def test_list_unknown_kind_is_a_usage_error(run):
    result = run("list", "--kind", "yoga")
    assert result.exit_code == 2
    assert "'yoga' is not one of: stretch, mobility, strength, aerobic, balance" in result.stderr


def test_show_each_kind_of_item(run):
    exercise = run("show", "glute-bridge").stdout
    assert exercise.startswith("Bridge  [glute-bridge]")
    assert "Do 10 times." in exercise and "Sources:" in exercise and "Kaiser Permanente" in exercise
    sheet = run("show", "si-joint-starter").stdout
    assert "1. Knee to chest [knee-to-chest]" in sheet and "minutes a session" in sheet
    avoid = run("show", "crossing-legs").stdout
    assert avoid.startswith("Crossing your legs when you sit  [crossing-legs]")


def test_show_unknown_id_suggests(run):
    result = run("show", "glute-brige")
    assert result.exit_code == 2
    assert "no exercise, sheet, avoid item, condition or precaution 'glute-brige' — did you mean 'glute-bridge'?" in result.stderr
