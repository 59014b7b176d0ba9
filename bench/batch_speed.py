"""How fast are batch builds? Run by hand: python bench/batch_speed.py

Builds the same 50 patient sheets three ways, in one run (so the ratios
compare like with like on a shared, noisy machine):
  1. `handouts batch --jobs 1`
  2. `handouts batch --jobs 2`
  3. 50 separate `handouts build` commands
plus, as a control, two independent one-worker batches of 25 sheets side by
side: the best any parallel batch could do on this machine. It prints sheets and pages per second, the ratios, and the peak memory of a
batch worker. Targets on a 2-core machine: jobs 2 at least 1.6 x jobs 1,
batch at least 5 x separate commands, under 100 MB per worker.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handouts.batch import patient_jobs, run_batch
from handouts.catalogue import load_library
from handouts.models import Clinic
from handouts.patients import read_patient_list

SHEETS = ["si-joint-starter", "si-joint-strength", "si-joint-advanced", "si-joint-aerobic"]
COUNT = 50
DATE = "2026-11-21"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    patients = work / "patients.csv"
    with patients.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["patient", "sheet"])
        for n in range(COUNT):
            writer.writerow([f"Patient {n:02d}", SHEETS[n % len(SHEETS)]])

    handouts = [sys.executable, "-m", "handouts"]
    timings = {}
    for workers in (1, 2):
        outdir = work / f"jobs{workers}"
        started = time.perf_counter()
        subprocess.run([*handouts, "batch", "--patients", patients, "-o", outdir, "--jobs", str(workers),
                        "--date", DATE, "--quiet"], check=True)
        timings[f"jobs {workers}"] = time.perf_counter() - started
    pages = sum(entry for entry in _pages(work / "jobs1"))

    # The machine's own ceiling: two independent one-worker batches of half
    # the sheets each, side by side. Perfect scaling would halve the time.
    halves = []
    for half, part in enumerate((rows_slice(patients, 0), rows_slice(patients, 1))):
        halves.append(work / f"half{half}.csv")
        halves[-1].write_text(part, encoding="utf-8")
    started = time.perf_counter()
    running = [subprocess.Popen([*handouts, "batch", "--patients", half, "-o", work / f"out-{half.stem}",
                                 "--jobs", "1", "--date", DATE, "--quiet"], stderr=subprocess.DEVNULL)
               for half in halves]
    for process in running:
        process.wait()
    timings["2 x half"] = time.perf_counter() - started

    rows = read_patient_list(patients)
    started = time.perf_counter()
    for row in rows:
        subprocess.run([*handouts, "build", row.sheet, "--patient", row.patient, "--date", DATE,
                        "-o", work / "single.pdf"], check=True, capture_output=True)
    timings["separate"] = time.perf_counter() - started

    # Peak memory of a worker, measured in-process with the same code the CLI runs.
    library = load_library()
    jobs = patient_jobs(library, Clinic(), rows, ["letter"], ["normal"], DATE, strict=False)
    report = run_batch(jobs, work / "memory", library, workers=2, force=True)

    print(f"{COUNT} sheets, {pages} pages, on {len(SHEETS)} standard sheets")
    for name, seconds in timings.items():
        print(f"  {name:9} {seconds:6.2f} s  {COUNT / seconds:6.1f} sheets/s  {pages / seconds:7.1f} pages/s")
    print(f"jobs 2 vs jobs 1:          {timings['jobs 1'] / timings['jobs 2']:.2f} x  (target 1.6 x)")
    print(f"machine ceiling (two independent half batches vs jobs 1): "
          f"{timings['jobs 1'] / timings['2 x half']:.2f} x")
    print(f"batch (jobs 2) vs separate: {timings['separate'] / timings['jobs 2']:.2f} x  (target 5 x)")
    print(f"batch (jobs 1) vs separate: {timings['separate'] / timings['jobs 1']:.2f} x")
    print(f"peak memory per worker:    {report.peak_worker_kb / 1024:.0f} MB  (target under 100 MB)")
    shutil.rmtree(work)


def rows_slice(patients: Path, half: int) -> str:
    lines = patients.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:]
    middle = len(body) // 2
    return lines[0] + "".join(body[:middle] if half == 0 else body[middle:])


def _pages(folder: Path):
    import json

    for entry in json.loads((folder / "manifest.json").read_text())["outputs"]:
        yield entry["pages"]


if __name__ == "__main__":
    main()
