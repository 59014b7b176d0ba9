"""Hostile input, family by family: every case gets our own one-line answer, nothing is clobbered.

The YAML reader's own cases are in test_yaml_loading.py, and broken catalogue
files with their exact lines in tests/data/bad/ (hostile/, and the number and
control-character cases in exercises/).
"""

import json
import os
import struct
import zlib
from pathlib import Path

import pytest

from handouts import batch as batching
from handouts import catalogue as catalogue_module
from handouts.catalogue import SHIPPED_CATALOGUE, load_library
from handouts.errors import HandoutsError, ValidationFailed, printable
from handouts.fields import check_whole
from handouts.imagefile import image_problem
from handouts.models import Clinic
from handouts.patients import read_patient_list
from handouts.reading import parse_dose_change

from conftest import DATA

AS_ROOT = os.geteuid() == 0


def no_traceback(result):
    assert "Traceback" not in result.output and "Exception ignored" not in result.output


def my_exercise(tmp_path, **changes) -> Path:
    """A folder holding a copy of the shipped bridge as 'my-bridge', with fields changed."""
    folder = tmp_path / "mine" / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    text = (SHIPPED_CATALOGUE / "exercises" / "glute-bridge.yaml").read_text().replace(
        "id: glute-bridge", "id: my-bridge")
    for old, new in changes.items():
        text = text.replace(old, new)
    (folder / "bridge.yaml").write_text(text)
    return tmp_path / "mine"


# -- numbers that are not numbers ---------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("12", None),
    ("+7", None),
    ("²", "'²' is not a whole number; write a number from 1 to 50 times"),
    ("١٢", "'١٢' is not a whole number; write a number from 1 to 50 times"),
    ("１２", "'１２' is not a whole number; write a number from 1 to 50 times"),
    ("9" * 5000, "'9999999999999999999…' has too many digits; write a number from 1 to 50 times"),
    ("0" * 7 + "1", "'00000001' has too many digits; write a number from 1 to 50 times"),
    ("1e3", "'1e3' is not a whole number; write a number from 1 to 50 times"),
    ("0x10", "'0x10' is not a whole number; write a number from 1 to 50 times"),
    ("51", "51 is out of range; use a number from 1 to 50 times"),
    (float("inf"), "inf is not a whole number; write a number from 1 to 50 times"),
    (10 ** 40, "1000000000000000000… is out of range; use a number from 1 to 50 times"),
])
def test_the_one_number_reader(text, message):
    errors = []
    number = check_whole(text, 1, 50, "times", errors.append)
    assert errors == ([message] if message else [])
    assert (number is None) == bool(message)


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000])
def test_set_uses_the_number_reader(run, value):
    result = run("build", "si-joint-starter", "--set", f"glute-bridge.reps={value}", "-o", "out.pdf")
    assert result.exit_code == 2
    assert "glute-bridge.reps: " in result.stderr and "write a number from 1 to 50 times" in result.stderr
    assert len(result.stderr) < 400
    no_traceback(result)


@pytest.mark.parametrize("option, value, words", [
    ("--log-weeks", "³", "write a number from 0 to 12 weeks"),
    ("--log-weeks", "1" * 5000, "has too many digits; write a number from 0 to 12 weeks"),
    ("--log-weeks", "13", "13 is out of range; use a number from 0 to 12 weeks"),
    ("--date", "２０２６-01-02", "is not a date; write it as YYYY-MM-DD"),
])
def test_build_options_use_the_shared_readers(run, option, value, words):
    result = run("build", "si-joint-starter", option, value, "-o", "out.pdf")
    assert result.exit_code == 2
    assert words in result.stderr
    no_traceback(result)


def test_jobs_uses_the_number_reader(run):
    result = run("batch", "-o", "out", "--jobs", "٢")
    assert result.exit_code == 2 and "write a number from 1 to 64" in result.stderr


def test_dose_change_reader_directly():
    assert parse_dose_change("glute-bridge.reps=12", {"glute-bridge"}) == ("glute-bridge", "reps", 12)
    with pytest.raises(ValueError, match="has too many digits"):
        parse_dose_change("glute-bridge.hold=" + "7" * 100_000, {"glute-bridge"})


# -- text that attacks the terminal --------------------------------------------

def test_printable_escapes_what_a_terminal_would_act_on():
    assert printable("a\x1b]0;owned\x07b\u202ec\x9bd\ne") == "a\\x1b]0;owned\\x07b\\u202ec\\x9bd\ne"


def test_control_characters_in_yaml_text_are_refused(run, tmp_path):
    mine = my_exercise(tmp_path, **{"name: Bridge": 'name: "Bridge\\e]0;owned\\a"'})
    result = run("validate", "--catalogue", mine)
    assert result.exit_code == 1
    # Line 1 of the copied shipped file is its schema line, so `name:` is on line 3.
    assert "bridge.yaml:3:7: name: contains a control character (U+001B); remove it" in result.stderr
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_control_character_in_a_key_or_file_name_is_escaped_when_echoed(run, tmp_path):
    mine = my_exercise(tmp_path, **{"name: Bridge": 'name: Bridge\n"na\\eme": x'})
    result = run("validate", "--catalogue", mine)
    assert result.exit_code == 1
    assert "na\\x1bme: unknown field" in result.stderr and "\x1b" not in result.output
    evil = tmp_path / "mine" / "exercises" / "\x1b]0;owned\x07.yaml"
    evil.write_text("id: [\n")
    result = run("validate", "--catalogue", mine)
    assert "\\x1b]0;owned\\x07.yaml" in result.stderr and "\x1b" not in result.output


def test_clicks_own_usage_errors_are_escaped(run):
    for args in (["build", "--\x1b]0;owned\x07"], ["\x1b[2Jbuild"], ["build", "--page-size", "\x1b[2J"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "\x1b" not in result.output and "\\x1b" in result.stderr, result.output


def test_usage_errors_and_progress_lines_are_escaped(run, tmp_path):
    result = run("show", "glute\x1b[2Jbridge")
    assert result.exit_code == 2 and "\x1b" not in result.output and "glute\\x1b[2Jbridge" in result.stderr
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheet\nAnn,si-joint-\x1b[2Jstarter\n")
    result = run("batch", "--patients", patients, "-o", "out")
    assert result.exit_code == 1 and "\x1b" not in result.output
    assert "sheet: contains a control character (U+001B); remove it" in result.stderr


# -- pictures too big to open ------------------------------------------------------

def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
            + b"\x00\x00\x00\x00IDAT" + b"\x00" * 64)  # no pixels: never decoded


def _jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xda" + b"\x00" * 64


@pytest.mark.parametrize("make", [_png_header, _jpeg_header], ids=["png", "jpeg"])
def test_a_huge_picture_is_refused_from_its_header(tmp_path, make):
    path = tmp_path / "huge.img"
    path.write_bytes(make(20_000, 20_000))
    assert image_problem(path) == ("is too large (20,000 × 20,000 pixels); the limit is 16 million pixels "
                                   "(for example 4000 × 4000), at most 10,000 on a side; export it again smaller")
    path.write_bytes(make(12_000, 10))
    assert "is too large (12,000 × 10 pixels)" in image_problem(path)


def test_a_picture_within_the_limits_still_reads(tmp_path):
    assert image_problem(DATA / "pictures" / "photo.png") is None
    cut = tmp_path / "cut.png"
    cut.write_bytes((DATA / "pictures" / "photo.png").read_bytes()[:400])
    assert image_problem(cut) == "is damaged or cut off; export it again as PNG or JPEG"


def test_a_huge_logo_is_refused_with_the_limit(run, tmp_path):
    (tmp_path / "logo.png").write_bytes(_png_header(20_000, 20_000))
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Big Logo Clinic\nlogo: logo.png\n")
    result = run("build", "si-joint-starter", "--clinic", clinic, "-o", "out.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{clinic}:2:7: logo: 'logo.png' is too large (20,000 × 20,000 pixels); "
                                    "the limit is 16 million pixels")
    assert not Path("out.pdf").exists()


# -- folders and files that cannot be read --------------------------------------------

def test_an_unreadable_folder_is_an_error_not_skipped(run, tmp_path, monkeypatch):
    mine = my_exercise(tmp_path)
    locked = mine / "exercises" / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(catalogue_module.os, "scandir", scandir)
    result = run("validate", mine)
    assert result.exit_code == 1
    assert (f"{locked}: the folder cannot be read (Permission denied); fix its permissions or leave it out"
            in result.stderr)
    assert "All good" not in result.output


@pytest.mark.skipif(AS_ROOT, reason="root reads every folder")
def test_a_folder_without_permission_is_an_error(run, tmp_path):
    mine = my_exercise(tmp_path)
    locked = mine / "exercises" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run("validate", mine)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1 and "the folder cannot be read (Permission denied)" in result.stderr


def test_a_fifo_named_yaml_and_a_link_loop_are_errors_not_hangs(run, tmp_path):
    mine = my_exercise(tmp_path)
    os.mkfifo(mine / "exercises" / "pipe.yaml")
    (mine / "exercises" / "loop").symlink_to(mine)
    result = run("validate", mine)
    assert result.exit_code == 1
    assert "pipe.yaml: is not a plain file (a device, pipe or broken link)" in result.stderr
    no_traceback(result)


def test_an_unreadable_file_is_an_error(tmp_path, monkeypatch):
    mine = my_exercise(tmp_path)
    monkeypatch.setattr("handouts.yamlfile.os.open", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(ValidationFailed) as failed:
        load_library([mine], shipped=False)
    assert "bridge.yaml: cannot be read (Permission denied)" in str(failed.value)


# -- output that is not a plain file ---------------------------------------------------

def test_a_file_the_tool_did_not_make_is_never_replaced_without_force(run):
    Path("notes.txt").write_text("my notes")
    result = run("build", "si-joint-starter", "-o", "notes.txt")
    assert result.exit_code == 1
    assert result.stderr == ("error: notes.txt: already exists and is not a sheet made by handouts; "
                             "choose another name, or add --force to replace it\n")
    assert Path("notes.txt").read_text() == "my notes"
    assert run("build", "si-joint-starter", "-o", "notes.txt", "--force").exit_code == 0
    assert Path("notes.txt").read_bytes().startswith(b"%PDF")


def test_a_sheet_for_another_patient_is_never_replaced_without_force(run):
    assert run("build", "si-joint-starter", "--patient", "Ann Lee", "-o", "s.pdf").exit_code == 0
    first = Path("s.pdf").read_bytes()
    same_patient = run("build", "si-joint-strength", "--patient", "Ann Lee", "-o", "s.pdf")  # other content
    assert same_patient.exit_code == 1 and "s.pdf: already holds a different sheet" in same_patient.stderr
    result = run("build", "si-joint-starter", "--patient", "Bob Ray", "-o", "s.pdf")
    assert result.exit_code == 1 and "s.pdf: holds a sheet for a different patient" in result.stderr
    assert run("build", "si-joint-starter", "--patient", "Bob Ray", "-o", "s.pdf", "--force").exit_code == 0
    assert Path("s.pdf").read_bytes() != first


def test_writing_through_a_link_keeps_the_link(run):
    Path("link.pdf").symlink_to("real.pdf")
    assert run("build", "si-joint-starter", "-o", "link.pdf").exit_code == 0
    assert Path("link.pdf").is_symlink() and Path("real.pdf").read_bytes().startswith(b"%PDF")


def test_a_device_or_pipe_is_never_replaced(run):
    os.mkfifo("pipe.pdf")
    result = run("build", "si-joint-starter", "-o", "pipe.pdf")
    assert result.exit_code == 1 and "pipe.pdf: is a device or pipe, not a file, and is never replaced" in result.stderr
    result = run("build", "si-joint-starter", "-o", "pipe.pdf", "--force")  # into it, but nobody reads it
    assert result.exit_code == 1 and "cannot write into it (nothing is reading from it)" in result.stderr
    assert Path("pipe.pdf").is_fifo()
    Path("null.pdf").symlink_to(os.devnull)
    result = run("build", "si-joint-starter", "-o", "null.pdf")
    assert result.exit_code == 1 and "is never replaced" in result.stderr
    assert run("build", "si-joint-starter", "-o", "null.pdf", "--force").exit_code == 0
    assert Path("null.pdf").is_symlink() and Path(os.devnull).is_char_device()


def test_a_name_too_long_is_a_usage_error(run):
    for args in (["build", "si-joint-starter", "-o", "a" * 300 + ".pdf"], ["show", "glute-bridge", "--picture", "b" * 300 + ".png"],
                 ["batch", "-o", "c" * 300]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "bytes long; keep it to 255 or fewer" in result.stderr
        no_traceback(result)


def test_show_picture_replaces_only_its_own_picture(run):
    assert run("show", "glute-bridge", "--picture", "b.png").exit_code == 0
    assert run("show", "glute-bridge", "--picture", "b.png").exit_code == 0  # ours: replaced
    Path("c.png").write_bytes(b"\x89PNG not ours")
    result = run("show", "glute-bridge", "--picture", "c.png")
    assert result.exit_code == 1 and "not made by handouts" in result.stderr
    assert Path("c.png").read_bytes() == b"\x89PNG not ours"


def _handouts(*args, stdout=-1, **kwargs):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from handouts.cli import main; main()", *args],
                          stdout=stdout, stderr=subprocess.PIPE, **kwargs)


def test_standard_output_that_fails_is_one_plain_line(tmp_path):
    import subprocess

    closed = _handouts("build", "-e", "walking", "--condition", "si-joint-pain", "--clinic", "example", "-o", "-", stdout=None, stdin=subprocess.DEVNULL,
                       preexec_fn=lambda: os.close(1), cwd=tmp_path)
    assert closed.returncode == 1

    def errors(result) -> list[str]:  # warnings about the sheet itself aside
        return [line for line in result.stderr.decode().splitlines() if not line.startswith("warning:")]

    assert errors(closed) == ["error: standard output is closed; give a file name with -o FILE.pdf"]
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            for args in (["build", "-e", "walking", "--condition", "si-joint-pain", "--clinic", "example", "-o", "-"], ["list"]):
                result = _handouts(*args, stdout=full, cwd=tmp_path)
                assert result.returncode == 1, args
                assert len(errors(result)) == 1, result.stderr
                assert "(No space left on device)" in errors(result)[0]


# -- patient lists ------------------------------------------------------------------------

def test_an_oversized_cell_is_a_row_problem_and_the_other_rows_build(tmp_path):
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheet,note\n"
                        f"Ann,si-joint-starter,\"{'x' * 200_000}\"\n"
                        "Bob,si-joint-starter,Hello\n")
    rows = read_patient_list(patients)
    assert [str(p) for p in rows[0].problems] == [f"{patients}:2: note: is 200,000 characters long; "
                                                  "a cell may hold at most 1,000"]
    assert rows[1].patient == "Bob" and rows[1].problems == () and rows[1].line == 3


def test_row_and_file_limits(tmp_path, monkeypatch):
    from handouts import patients as patients_module

    monkeypatch.setattr(patients_module, "MAX_ROWS", 3)
    path = tmp_path / "list.csv"
    path.write_text("patient,sheet\n" + "".join(f"P{n},si-joint-starter\n" for n in range(4)))
    with pytest.raises(ValidationFailed) as failed:
        read_patient_list(path)
    assert str(failed.value) == f"{path}:5: the list has more than 3 patients; split it into smaller lists"
    path.write_bytes(b"patient,sheet\nAnn,si\xff\n")
    with pytest.raises(ValidationFailed, match=r"list.csv:2:7: not UTF-8 text \(byte 0xFF\); save it as 'CSV UTF-8'"):
        read_patient_list(path)


def test_a_cell_with_a_line_separator_stays_in_its_row(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("patient,sheet,note\nAnn,si-joint-starter,one\u2028two\fthree\n\"Bob\nRay\",si-joint-starter,\n"
                    "Cy,si-joint-starter,\n")
    rows = read_patient_list(path)
    assert [(r.line, r.patient) for r in rows] == [(2, "Ann"), (3, "Bob Ray"), (5, "Cy")]
    assert [str(p) for p in rows[0].problems] == [f"{path}:2: note: contains a control character (U+000C); remove it"]


def test_file_names_start_with_a_letter_or_digit(run, tmp_path):
    patients = tmp_path / "list.csv"
    # A name with no letter a file name keeps (Greek prints on the sheet, but is not in the file's name).
    patients.write_text("patient,sheet\n---,si-joint-starter\nΖωή,si-joint-starter\n", encoding="utf-8")
    result = run("batch", "--patients", patients, "-o", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in Path("out").glob("*.pdf"))
    assert names == ["patient-si-joint-starter-normal-letter-row3.pdf", "patient-si-joint-starter-normal-letter.pdf"]


def test_a_read_only_output_folder_is_one_clear_line(run, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(batching.tempfile, "mkstemp", refuse)
    result = run("batch", "si-joint-starter", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr == ("error: out: cannot write in this folder (Read-only file system); "
                             "choose another folder with -o\n")
    assert tempfile.mkstemp is not refuse or True


# -- two batches into one folder ------------------------------------------------------------

@pytest.fixture(scope="module")
def library():
    return load_library()


def _jobs(library, sheet):
    return batching.standard_jobs(library, Clinic(), [sheet], ["letter"], ["normal"], "2026-11-21", strict=False)


def test_a_second_batch_waits_for_the_first_and_merges_the_manifest(tmp_path, library):
    import fcntl
    import threading

    out = tmp_path / "out"
    batching.run_batch(_jobs(library, "si-joint-starter"), out, library)
    holder = os.open(out / batching.LOCK, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another batch is running
    told = []
    with pytest.raises(HandoutsError, match="another batch is still writing to this folder"):
        batching.run_batch(_jobs(library, "si-joint-aerobic"), out, library, lock_wait=0.3,
                           waiting=lambda: told.append(True))
    assert told == [True]
    stop = threading.Event()
    stop.set()
    with pytest.raises(batching.BatchInterrupted, match="Stopped while waiting"):
        batching.run_batch(_jobs(library, "si-joint-aerobic"), out, library, stop=stop)
    threading.Timer(0.3, os.close, [holder]).start()  # the first batch finishes
    batching.run_batch(_jobs(library, "si-joint-aerobic"), out, library, lock_wait=10)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [e["file"] for e in manifest["outputs"]] == ["si-joint-aerobic-normal-letter.pdf",
                                                        "si-joint-starter-normal-letter.pdf"]


def test_cleanup_removes_only_a_dead_process_temporary_files(tmp_path, library):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f".x.pdf.{os.getpid()}.abc.part"
    dead = out / ".x.pdf.999999999.abc.part"
    mine.write_bytes(b"")
    dead.write_bytes(b"")
    batching.run_batch(_jobs(library, "si-joint-starter"), out, library)
    assert mine.exists() and not dead.exists()


def test_a_batch_never_replaces_a_file_it_did_not_make(tmp_path, library):
    out = tmp_path / "out"
    out.mkdir()
    (out / "si-joint-starter-normal-letter.pdf").write_bytes(b"my own file")
    report = batching.run_batch(_jobs(library, "si-joint-starter"), out, library)
    assert report.outcomes[0].status == "failed"
    assert "already exists and was not made by handouts" in report.outcomes[0].message
    assert (out / "si-joint-starter-normal-letter.pdf").read_bytes() == b"my own file"
    report = batching.run_batch(_jobs(library, "si-joint-starter"), out, library, force=True)
    assert report.outcomes[0].status == "built"


# -- shutdown noise ---------------------------------------------------------------------

def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="watches the workers through /proc")
def test_twenty_interrupted_batches_end_without_exit_noise(tmp_path):
    """Ctrl-C or SIGTERM while workers are mid-sheet: exit 130, our line only, never "Exception ignored"."""
    import random
    import signal
    import subprocess
    import sys
    import time

    sheets = ["si-joint-starter", "si-joint-aerobic", "si-joint-strength"]
    (tmp_path / "few.csv").write_text("patient,sheet\n" + "".join(f"P{n},{sheets[n % 3]}\n" for n in range(6)))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    random.seed(13)
    outcomes = []
    for pair in range(10):  # two at a time: the machine has few cores
        runs = []
        for n in range(2):
            process = subprocess.Popen(
                [sys.executable, "-m", "handouts", "batch", "--patients", "few.csv", "-o", f"out{pair}-{n}",
                 "--jobs", "2", "--quiet"], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, text=True)
            runs.append(process)
        for number, process in enumerate(runs):
            deadline = time.monotonic() + 30
            while len(_children(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(random.random() * 0.2)
            process.send_signal(signal.SIGINT if number == 0 else signal.SIGTERM)
        for process in runs:
            _, stderr = process.communicate(timeout=30)
            outcomes.append((process.returncode, stderr))
    for code, stderr in outcomes:
        assert "Exception ignored" not in stderr and "Traceback" not in stderr, stderr
        assert code in (0, 130), stderr  # 0 only if it finished before the signal came
    assert sum(code == 130 for code, _ in outcomes) >= 15


def test_direction_overrides_and_stray_byte_order_marks_are_refused_in_text(run, tmp_path):
    mine = my_exercise(tmp_path, **{"name: Bridge": 'name: "Bri\\u202Edge"'})
    result = run("validate", "--catalogue", mine)
    assert "name: contains a control character (U+202E); remove it" in result.stderr
