"""Every speed figure of issue 14, from one run: python bench/run.py

Run by hand, never as a timed test. The machine may be shared and noisy, so
each figure is a ratio of interleaved runs (every round runs the command and
its baseline back to back), printed as the ratio of the medians with the
lowest and highest round. The few figures with an absolute target (seconds,
MB) are printed as the median with min and max. Beside each, the same figure
from CPU time (user + system, the command and its children), which a queue
for the cores does not inflate; it says nothing about parallel speed-ups.

By default it builds a wheel of this checkout and installs it in a fresh
virtual environment in a temporary folder (the way a clinic installs it);
`--python PATH` measures an existing installation instead. The 1,000- and
10,000-exercise catalogues are generated in the same temporary folder, and
the user cache and settings folders point there too, so a run never touches
your own.

    python bench/run.py [--python .venv/bin/python] [--rounds 7] [--markdown]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATE = "2026-11-21"
SHEETS = ["si-joint-starter", "si-joint-strength", "si-joint-advanced", "si-joint-aerobic"]


# --- set-up ---------------------------------------------------------------

def install(work: Path) -> str:
    """A fresh wheel install of this checkout; returns its python."""
    wheels = work / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO], check=True)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", *wheels.glob("*.whl")], check=True)
    return str(python)


def generate_catalogue(folder: Path, count: int, per_folder: int = 1000) -> list[Path]:
    """`count` extra exercises, one file each, copied from the shipped ones under new ids.

    A catalogue folder holds at most 2000 YAML files, so a large catalogue is
    spread over several folders; returns them (each is one --catalogue).
    """
    shipped = sorted((REPO / "catalogue" / "exercises").glob("*.yaml"))
    folders = []
    for number in range(count):
        if number % per_folder == 0:
            folders.append(folder / f"part{len(folders)}")
            (folders[-1] / "exercises").mkdir(parents=True)
        source = shipped[number % len(shipped)]
        text = source.read_text(encoding="utf-8")
        new_id = f"{source.stem}-x{number:05d}"
        text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        (folders[-1] / "exercises" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return folders


# --- measuring ------------------------------------------------------------

class Runner:
    def __init__(self, python: str, work: Path):
        self.python, self.work = python, work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOUTS_")}
        self.env.update(XDG_CACHE_HOME=str(work / "cache"), XDG_CONFIG_HOME=str(work / "config"),
                        PYTHONDONTWRITEBYTECODE="")
        self.handouts = str(Path(python).parent / "handouts")

    def clear_cache(self) -> None:
        shutil.rmtree(self.work / "cache", ignore_errors=True)

    def time(self, argv, *, shell: bool = False) -> "Timing":
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(argv, shell=shell, cwd=self.work, env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return Timing(wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


    def peak_mb(self, argv) -> float:
        process = subprocess.Popen(argv, cwd=self.work, env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{argv} failed")
        return usage.ru_maxrss / 1024  # kilobytes on Linux


class Timing(float):
    """Seconds on the clock, carrying the CPU seconds the command and its children used.

    On a busy machine the clock mostly measures the queue for a core; CPU time
    does not, so the table shows the ratio of CPU times beside the clock's.
    """

    def __new__(cls, wall: float, cpu: float):
        value = super().__new__(cls, wall)
        value.cpu = cpu
        return value


def _cpu(values) -> list[float] | None:
    return [v.cpu for v in values] if all(isinstance(v, Timing) for v in values) else None


class Table:
    def __init__(self):
        self.rows = []

    def ratio(self, figure: str, times: list[float], bases: list[float], target: str, good) -> None:
        per_round = [t / b for t, b in zip(times, bases)]
        value = statistics.median(times) / statistics.median(bases)
        cpu_times, cpu_bases = _cpu(times), _cpu(bases)
        cpu = (f"{statistics.median(cpu_times) / statistics.median(cpu_bases):.2f}×"
               if cpu_times and cpu_bases and statistics.median(cpu_bases) > 0 else "–")
        self.rows.append((figure, f"{value:.2f}×", f"{min(per_round):.2f}×", f"{max(per_round):.2f}×", cpu, target,
                          "yes" if good(value) else "NO"))

    def absolute(self, figure: str, values: list[float], unit: str, target: str, good) -> None:
        value = statistics.median(values)
        fmt = "{:.2f} s" if unit == "s" else "{:.0f} MB"
        cpu = _cpu(values)
        self.rows.append((figure, fmt.format(value), fmt.format(min(values)), fmt.format(max(values)),
                          fmt.format(statistics.median(cpu)) if cpu else "–", target, "yes" if good(value) else "NO"))

    def show(self, machine: str) -> str:
        head = ("figure", "median", "min", "max", "CPU time", "target", "met (median)")
        lines = [f"Machine: {machine}", "",
                 "| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


RENDER_SCRIPT = r"""
import io, json, sys, time
from handouts.catalogue import load_library
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.render.pdf import render_handout
from handouts.render.fonts import BODY, BODY_BOLD, register_fonts
from pypdf import PdfReader
from reportlab.pdfgen import canvas

rounds = int(sys.argv[1])
library = load_library()
handout = plan_handout(library, clinic=Clinic(), issued="2026-11-21", sheet="si-joint-starter")
first = render_handout(handout).pdf
pages = []
for page in PdfReader(io.BytesIO(first)).pages:
    runs = []

    def visit(text, cm, tm, font, size, runs=runs):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            bold = font is not None and "Bold" in str(font.get("/BaseFont", ""))
            runs.append((text.strip(), x, y, abs(size * tm[3] * cm[3]) or 10, bold))

    page.extract_text(visitor_text=visit)
    pages.append(runs)
register_fonts()

def straight():
    # The same runs of text, each in its font and size at its place, straight onto a canvas.
    out = io.BytesIO()
    canv = canvas.Canvas(out, invariant=1, initialFontName=BODY, pageCompression=1)
    for runs in pages:
        for text, x, y, size, bold in runs:
            canv.setFont(BODY_BOLD if bold else BODY, size)
            canv.drawString(x, y, text)
        canv.showPage()
    canv.save()
    return out.getvalue()

straight()
renders, bases = [], []
for _ in range(rounds):
    started = time.perf_counter(); render_handout(handout); renders.append(time.perf_counter() - started)
    started = time.perf_counter(); straight(); bases.append(time.perf_counter() - started)
print(json.dumps([renders, bases]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="measure this installation instead of a fresh wheel install")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch-sheets", type=int, default=24, help="patient rows in the batch figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    rounds = args.rounds

    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        python = os.path.abspath(args.python) if args.python else install(work)
        run = Runner(python, work)
        h = run.handouts
        table = Table()
        print(f"measuring {python} in {work}", file=sys.stderr)

        # Start-up: --help, list and one sheet, each against a bare interpreter.
        click_times, pass_times, help_times, list_times, build_times = [], [], [], [], []
        run.time([h, "list"])  # fills the catalogue cache, as any earlier command would
        for _ in range(rounds):
            click_times.append(run.time([python, "-c", "import click"]))
            help_times.append(run.time([h, "--help"]))
            list_times.append(run.time([h, "list"]))
            pass_times.append(run.time([python, "-c", "pass"]))
            build_times.append(run.time([h, "build", "si-joint-starter", "--date", DATE, "-o", "one.pdf",
                                         "--force"]))
        table.ratio("`handouts --help` vs `python -c 'import click'`", help_times, click_times, "≤ 1.2×",
                    lambda r: r <= 1.2)
        table.ratio("`handouts list` vs `python -c 'import click'`", list_times, click_times, "≤ 1.5×",
                    lambda r: r <= 1.5)
        table.ratio("one standard sheet, fresh command, vs `python -c pass`", build_times, pass_times, "≤ 25×",
                    lambda r: r <= 25)

        # In-process render against drawing the same lines straight onto a canvas.
        out = subprocess.run([python, "-c", RENDER_SCRIPT, str(rounds * 3)], cwd=work, env=run.env,
                             check=True, capture_output=True, text=True).stdout
        renders, bases = json.loads(out)
        table.ratio("in-process render vs the same lines straight onto a canvas", renders, bases, "≤ 3×",
                    lambda r: r <= 3)

        # A 1,000-exercise catalogue: list (cold and warm cache) and validate.
        thousand = generate_catalogue(work / "cat1000", 1000)
        extra = [arg for folder in thousand for arg in ("--catalogue", str(folder))]
        cold, warm, validate = [], [], []
        for _ in range(max(3, rounds // 2)):
            run.clear_cache()
            cold.append(run.time([h, "list", *extra]))
            warm.append(run.time([h, "list", *extra]))
            validate.append(run.time([h, "validate", "--brief", *map(str, thousand)]))
        table.absolute("`list --catalogue`, 1,000 extra exercises, warm cache", warm, "s", "< 0.3 s",
                       lambda v: v < 0.3)
        table.absolute("`list --catalogue`, 1,000 extra exercises, cold cache", cold, "s", "< 1 s",
                       lambda v: v < 1)
        table.absolute("`validate`, 1,000 extra exercises", validate, "s", "< 1 s", lambda v: v < 1)

        # Batch: two workers against one, and a batch against a shell loop of builds.
        patients = work / "patients.csv"
        with patients.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["patient", "sheet"])
            for n in range(args.batch_sheets):
                writer.writerow([f"Patient {n:02d}", SHEETS[n % len(SHEETS)]])
        loop = " ; ".join(f"'{h}' build {SHEETS[n % len(SHEETS)]} --patient 'Patient {n:02d}' --date {DATE} "
                          f"-o loop/{n}.pdf --force" for n in range(args.batch_sheets))
        (work / "loop").mkdir()
        one, two, loops = [], [], []
        for number in range(max(2, rounds // 3)):
            batch = [h, "batch", "--patients", str(patients), "--date", DATE, "--quiet", "--force"]
            one.append(run.time([*batch, "-o", f"jobs1-{number}", "--jobs", "1"]))
            two.append(run.time([*batch, "-o", f"jobs2-{number}", "--jobs", "2"]))
            loops.append(run.time(loop, shell=True))
        table.ratio("batch `--jobs 2` vs `--jobs 1` (speed-up)", one, two, "~1.6× (keep)", lambda r: r >= 1.5)
        table.ratio(f"shell loop of {args.batch_sheets} `build` vs one batch (speed-up)", loops, two, "≥ 6×",
                    lambda r: r >= 6)

        # Peak memory with a 10,000-exercise catalogue.
        big = generate_catalogue(work / "cat10000", 10000)
        extra = [arg for folder in big for arg in ("--catalogue", str(folder))]
        build = [h, "build", "si-joint-starter", *extra, "--date", DATE, "-o", "big.pdf", "--force"]
        run.clear_cache()
        cold_mb = [run.peak_mb(build)]
        warm_mb = [run.peak_mb(build) for _ in range(2)]
        table.absolute("peak memory, `build` with 10,000 extra exercises, cold cache", cold_mb, "MB", "< 100 MB",
                       lambda v: v < 100)
        table.absolute("peak memory, `build` with 10,000 extra exercises, warm cache", warm_mb, "MB", "< 100 MB",
                       lambda v: v < 100)

        cpu = platform.processor() or platform.machine()
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        machine = (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
                   f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}, {rounds} rounds")
        print(table.show(machine))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
