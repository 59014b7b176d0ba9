"""Tab completion through Click's completion API: ids, dose fields, option values, saved programmes."""

import os
import subprocess
import sys

from click.shell_completion import ShellComplete

from handouts.cli import cli


def complete(args: list[str], incomplete: str) -> list[str]:
    return [item.value for item in ShellComplete(cli, {}, "handouts", "_HANDOUTS_COMPLETE")
            .get_completions(args, incomplete)]


def test_exercise_sheet_and_precaution_ids(run):
    assert "glute-bridge" in complete(["build", "-e"], "glute")
    assert all(v.startswith("glute") for v in complete(["build", "--add"], "glute"))
    assert complete(["build", "--drop"], "spinal-t") == ["spinal-twist"]
    assert complete(["build"], "si-joint-st") == ["si-joint-starter", "si-joint-strength"]
    assert complete(["build", "--precaution"], "preg") == ["pregnancy"]
    assert complete(["show"], "running") == ["running"]  # an avoid item
    assert complete(["pictures"], "cat-") == ["cat-cow"]
    assert "si-joint-starter" in complete(["batch"], "si-")


def test_ids_from_the_users_catalogue_too(run):
    assert run("init", "catalogue", "mine").exit_code == 0
    assert complete(["build", "--catalogue", "mine", "-e"], "my-") == ["my-heel-slide"]
    assert complete(["build", "--catalogue", "mine"], "my-") == ["my-knee-starter"]


def test_dose_changes_one_part_at_a_time(run):
    assert complete(["build", "--set"], "glute-bridge") == ["glute-bridge."]
    assert complete(["build", "--set"], "glute-bridge.re") == ["glute-bridge.reps=", "glute-bridge.rest_seconds="]
    assert complete(["build", "--set"], "glute-bridge.side=e") == ["glute-bridge.side=each side"]


def test_option_values(run):
    assert complete(["build", "--page-size"], "") == ["letter", "a4"]
    assert complete(["batch", "--page-size"], "letter,") == ["letter,a4"]
    assert complete(["batch", "--print-style"], "") == ["normal", "large"]


def test_saved_programme_names(run):
    assert run("build", "si-joint-starter", "--patient", "Ann Bell", "--save", "ann-bell").exit_code == 0
    assert complete(["build", "--programme"], "ann") == ["ann-bell"]
    assert complete(["programmes"], "") == ["ann-bell"]


def test_completion_command_prints_each_shells_script(run):
    for shell, mark in (("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete")):
        result = run("completion", shell)
        assert result.exit_code == 0 and "_HANDOUTS_COMPLETE" in result.stdout and mark in result.stdout


def test_bash_completes_an_exercise_id_through_the_installed_command(tmp_path):
    env = {**os.environ, "_HANDOUTS_COMPLETE": "bash_complete", "COMP_WORDS": "handouts build -e glute-br",
           "COMP_CWORD": "3", "XDG_CONFIG_HOME": str(tmp_path)}
    env.pop("HANDOUTS_CATALOGUE", None)
    done = subprocess.run([sys.executable, "-m", "handouts"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["plain,glute-bridge"]
