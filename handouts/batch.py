"""Build many sheets at once: every standard sheet in every variant, or one per patient.

Planning (cheap) happens here in the main process; rendering (the slow part)
runs in worker processes that each load the fonts and catalogue once. The main
process writes every PDF atomically, so an interrupted batch leaves only
complete PDFs. A manifest in the output folder records what each file was
built from, so a re-run skips outputs whose inputs have not changed.

One batch at a time writes into a folder: it holds a lock on the folder for
the whole run, and a second batch waits for it (Ctrl-C stops the wait), then
merges its entries into the manifest. A file in the folder that handouts did
not make, or a sheet printed for a different patient, is never replaced
without --force.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .catalogue import Library
from .errors import HandoutsError, Problem, ValidationFailed
from .handout import Handout, plan_request
from .models import Clinic
from .output import CREATOR, existing_sheet, for_patient, remove_stale_temporaries, slug, write_atomically, write_output
from .patients import PatientRow
from .privacy import patient_label
from .request import BadChoice, Request
from .safety import handout_warnings

MANIFEST = "manifest.json"
LOCK = ".handouts-batch.lock"
LOCK_WAIT_SECONDS = 600
SIZE_WORDS = {"letter": "Letter", "a4": "A4"}


@dataclass(frozen=True)
class BatchJob:
    """One PDF to make: its file name, what to print, or why it cannot be printed."""

    file_name: str
    title: str
    handout: Handout | None = None
    problem: str | None = None
    warnings: tuple[Problem, ...] = ()
    group: str = ""      # the combined file's outline entry this sheet sits under: the patient, or the sheet
    group_key: str = ""  # which jobs share that entry (two patients may share a name)


@dataclass(frozen=True)
class Outcome:
    """What became of one sheet of a batch."""

    job: BatchJob
    status: str  # built, skipped or failed
    pages: int = 0
    size: int = 0
    message: str = ""


@dataclass
class BatchReport:
    """Every sheet's outcome, and the largest memory a worker used."""

    outcomes: list[Outcome]
    peak_worker_kb: int = 0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


class BatchInterrupted(HandoutsError):
    def __init__(self, done: int, total: int, waiting: bool = False):
        if waiting:
            super().__init__("Stopped while waiting for the other batch; nothing was written.")
        else:
            super().__init__(f"Interrupted after {done} of {total} sheets. Every PDF in the folder is complete; "
                             "run the same command again to build the rest.")


def catalogue_digest(library: Library) -> str:
    """A hash of every catalogue file read, so any change to the catalogue rebuilds."""
    digest = hashlib.sha256()
    for path in sorted(library.files):
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise HandoutsError(f"{path}: cannot be read any more ({exc.strerror})") from None
    return digest.hexdigest()


def variants(sizes, styles):
    return [(style, size) for style in styles for size in sizes]


def _variant_words(style: str, size: str) -> str:
    return f"{'large print' if style == 'large' else 'normal print'}, {SIZE_WORDS[size]}"


def standard_jobs(library: Library, clinic: Clinic, sheet_ids, sizes, styles, issued: str, strict: bool):
    jobs = []
    for sheet_id in sheet_ids:
        for style, size in variants(sizes, styles):
            handout = plan_request(library, Request(sheet=sheet_id, page_size=size, print_style=style),
                                   clinic=clinic, issued=issued)
            jobs.append(_checked(BatchJob(f"{sheet_id}-{style}-{size}.pdf",
                                          f"{handout.title} ({_variant_words(style, size)})", handout,
                                          group=handout.title, group_key=sheet_id), strict))
    return jobs


def patient_jobs(library: Library, clinic: Clinic, rows: list[PatientRow], sizes, styles, issued: str,
                 strict: bool):
    jobs, used = [], set()
    for row in rows:
        for style, size in variants(sizes, styles):
            # Every part is a slug, so a name starts with a letter or digit and never leaves the folder.
            name = f"{slug(patient_label(clinic, row.patient) or '') or 'patient'}-{slug(row.sheet or '') or 'custom'}-{style}-{size}.pdf"
            if name in used:
                name = name.replace(".pdf", f"-row{row.line}.pdf")
            used.add(name)
            who = row.patient or 'Row ' + str(row.line)
            title = f"{who} ({_variant_words(style, size)})"
            if row.problems:
                jobs.append(BatchJob(name, title, problem="\n".join(str(p) for p in row.problems)))
                continue
            request = replace(row.request, page_size=size, print_style=style)
            try:
                handout = plan_request(library, request, clinic=clinic, issued=issued)
            except BadChoice as exc:
                jobs.append(BatchJob(name, title, problem=row.problem_lines(exc)))
                continue
            jobs.append(_checked(BatchJob(name, f"{handout.title} ({_variant_words(style, size)})", handout,
                                          group=who, group_key=f"{row.source}:{row.line}"), strict))
    return jobs


def plan_batch(sources, catalogues, clinic: Clinic, *, sizes=None, styles=None, patients: Path | None = None,
               issued: str, strict: bool = False, cache: Path | None = None):
    """(library, clinic, jobs) for `handouts batch`: standard sheets named (ids, or folders and files
    that define them; all of them when none is named) or one sheet per patient-list row, in every variant."""
    from .catalogue import load_library
    from .clinicfile import exists

    folders = [Path(p) for p in sources if exists(Path(p), "folder")]
    files = [Path(p) for p in sources if exists(Path(p), "file")]
    library = load_library([*catalogues, *folders], files=files, cache=cache)
    sizes = sizes or [clinic.page_size]
    styles = styles or ["normal"]
    if patients is not None:
        from .patients import read_patient_list

        return library, clinic, patient_jobs(library, clinic, read_patient_list(patients), sizes, styles, issued, strict)
    return library, clinic, standard_jobs(library, clinic, pick_sheets(library, sources), sizes, styles, issued, strict)


def pick_sheets(library: Library, sources) -> list[str]:
    """Sheet ids named, plus every sheet defined in a named folder or file; all of them if none named."""
    from .clinicfile import exists
    from .errors import did_you_mean

    if not sources:
        return list(library.sheets)
    chosen = []
    for source in sources:
        path = Path(source)
        if exists(path, "file") or exists(path, "folder"):
            inside = [s.id for s in library.sheets.values()
                      if Path(s.where.path).resolve().is_relative_to(path.resolve())]
            if not inside:
                raise BadChoice.one("sheet", f"no standard sheet in '{source}'")
            chosen += inside
        elif source in library.sheets:
            chosen.append(source)
        else:
            raise BadChoice.one("sheet", f"no standard sheet or folder '{source}'{did_you_mean(source, library.sheets)}")
    return list(dict.fromkeys(chosen))


def report_lines(jobs: list[BatchJob], report: "BatchReport") -> list[str]:
    """What a finished batch tells the user beyond the summary: warnings per sheet, then what failed and why."""
    lines = [f"{job.file_name}: {warning}" for job in jobs if job.handout is not None for warning in job.warnings]
    lines += [f"{o.job.file_name}: {o.message}" for o in report.outcomes if o.status == "built" and o.message]
    lines += [o.message for o in report.outcomes if o.status == "failed"]
    return lines


def summary(jobs: list[BatchJob], report: "BatchReport", outdir: Path) -> str:
    from .browse import plural

    return (f"Built {report.count('built')}, skipped {report.count('skipped')} (unchanged), "
            f"failed {report.count('failed')}, of {plural(len(jobs), 'sheet')} in {outdir}.")


def _checked(job: BatchJob, strict: bool) -> BatchJob:
    warnings = tuple(handout_warnings(job.handout))
    if warnings and strict or any(w.severity == "error" for w in warnings):
        return replace(job, handout=None, warnings=warnings,
                       problem="\n".join(str(w) for w in warnings) + ("\n(--strict: warnings are errors)" if strict else ""))
    return replace(job, warnings=warnings)


# -- running ---------------------------------------------------------------

def _start_worker(library: Library, in_main: bool = False) -> None:
    """Each worker loads the fonts once; Ctrl-C is the main process's to handle."""
    if not in_main:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a stop must stop it
        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    from .render.fonts import register_fonts

    register_fonts()


def _exit_with_parent(parent: int) -> None:
    """A worker whose batch was killed outright stops too, instead of idling forever."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _render(handout: Handout, formats=("pdf",)):
    """{'.pdf': bytes, '.html': bytes} as asked, pages, warnings, peak memory; both made before either is written."""
    import resource

    made, pages, warnings = {}, 0, ()
    if "pdf" in formats:
        from .render.pdf import render_handout

        sheet = render_handout(handout, pdfa=handout.clinic.pdfa)
        made[".pdf"], pages, warnings = sheet.pdf, sheet.pages, sheet.warnings
    if "html" in formats:
        from .render.html import render_html

        made[".html"] = render_html(handout)
    return made, pages, warnings, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def output_names(job: BatchJob, formats) -> dict[str, str]:
    """The files one job writes: {'.pdf': 'x.pdf', '.html': 'x.html'} for the formats asked."""
    stem = job.file_name[:-len(".pdf")] if job.file_name.endswith(".pdf") else job.file_name
    return {f".{kind}": f"{stem}.{kind}" for kind in formats}


def read_manifest(outdir: Path) -> dict:
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        return {entry["file"]: entry for entry in data["outputs"] if isinstance(entry.get("file"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(outdir: Path, entries: dict) -> None:
    """Merge this run's entries into the manifest on disk (read again, under the folder's lock)."""
    merged = {**read_manifest(outdir), **entries}
    data = {"tool": f"handouts {__version__}", "outputs": [merged[name] for name in sorted(merged)]}
    write_atomically(outdir / MANIFEST, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def prepare_folder(outdir: Path) -> None:
    """Make the output folder and prove it can be written, or say plainly why not."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".handouts-probe.", dir=outdir)
        os.close(handle)
        os.unlink(probe)
    except FileExistsError:
        raise HandoutsError(f"{outdir}: is a file, not a folder; choose a folder with -o") from None
    except OSError as exc:
        raise HandoutsError(f"{outdir}: cannot write in this folder ({exc.strerror}); "
                            "choose another folder with -o") from None


@contextmanager
def folder_lock(outdir: Path, stop: threading.Event, wait: float = LOCK_WAIT_SECONDS, waiting=lambda: None):
    """Hold the folder's batch lock; wait (at most `wait` seconds, or until stop) while another batch has it."""
    try:
        handle = os.open(outdir / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise HandoutsError(f"{outdir}: cannot write in this folder ({exc.strerror}); "
                            "choose another folder with -o") from None
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    waiting()
                    told = True
                if stop.is_set():
                    raise BatchInterrupted(0, 0, waiting=True) from None
                if time.monotonic() > deadline:
                    raise HandoutsError(f"{outdir}: another batch is still writing to this folder; "
                                        "wait for it to finish, or choose another folder with -o") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(handle)  # closing gives the lock back


def run_batch(jobs: list[BatchJob], outdir: Path, library: Library, *, workers: int = 1, force: bool = False,
              progress=lambda outcome: None, stop: threading.Event | None = None,
              lock_wait: float = LOCK_WAIT_SECONDS, waiting=lambda: None, formats=("pdf",)) -> BatchReport:
    """Build every job into outdir; one failure never stops the others.

    Setting `stop` (the CLI does on Ctrl-C) ends the batch between two sheets:
    what is written stays, queued sheets are dropped, and BatchInterrupted is raised.
    """
    stop = stop or threading.Event()
    prepare_folder(outdir)
    with stop_on_signals(stop), folder_lock(outdir, stop, lock_wait, waiting):
        return _run_locked(jobs, outdir, library, workers, force, progress, stop, tuple(formats))


@contextmanager
def stop_on_signals(stop: threading.Event):
    """While a batch runs, Ctrl-C or a kill request only sets `stop`; the handlers before it come back after.

    The batch then stops between two sheets, so no half-written file and no lock
    left held in the middle of a write; a program that runs a batch keeps its own Ctrl-C.
    """
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    for signum in before:
        signal.signal(signum, lambda *_: stop.set())
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _replace_problem(target: Path, job: BatchJob, listed: bool) -> str | None:
    """Why an existing file in the folder must not be replaced by this job's sheet, or None."""
    if not os.path.lexists(target):
        return None
    if os.path.islink(target) or not target.is_file():
        return f"{target}: is not a plain file; remove it, or choose another folder"
    if target.suffix == ".html":
        from .render.html import html_made_here

        if html_made_here(target, job.handout.patient) or listed:
            return None
        return (f"{target}: already exists and is not this patient's sheet made by handouts; move it away, "
                "or add --force to replace it")
    ours, subject = existing_sheet(target)
    if not ours and not listed:
        return f"{target}: already exists and was not made by handouts; move it away, or add --force to replace it"
    if ours and not for_patient(subject, patient_label(job.handout.clinic, job.handout.patient)):
        return f"{target}: holds a sheet for a different patient; move it away, or add --force to replace it"
    return None


def _run_locked(jobs, outdir: Path, library: Library, workers: int, force: bool, progress, stop,
                formats=("pdf",)) -> BatchReport:
    remove_stale_temporaries(outdir)  # left by a batch that was killed mid-write
    manifest = read_manifest(outdir)
    built: dict = {}
    catalogue = catalogue_digest(library)
    report = BatchReport([])

    def finish(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        progress(outcome)

    to_build = []
    for job in jobs:
        if job.handout is None:
            finish(Outcome(job, "failed", message=job.problem or "cannot be planned"))
            continue
        # How the file is written (PDF/A, the clinic's font) is part of what it was built from.
        # So is the request carried inside (not printed, so not in the fingerprint).
        how = f"{job.handout.clinic.pdfa}{job.handout.clinic.names_in_files}{job.handout.request}"
        inputs = hashlib.sha256(f"{job.handout.fingerprint}{catalogue}{how}".encode()).hexdigest()
        names = output_names(job, formats).values()
        olds = [manifest.get(name) for name in names]
        if not force and all(old and old.get("inputs_hash") == inputs and (outdir / name).is_file()
                             and (outdir / name).stat().st_size == old.get("bytes")
                             for name, old in zip(names, olds)):
            finish(Outcome(job, "skipped", olds[0].get("pages", 0), sum(old.get("bytes", 0) for old in olds)))
            continue
        problem = None if force else next(filter(None, (_replace_problem(outdir / name, job, name in manifest)
                                                        for name in names)), None)
        if problem:
            finish(Outcome(job, "failed", message=problem))
            continue
        to_build.append((job, inputs))

    def save(job: BatchJob, inputs: str, result) -> None:
        made, pages, warnings, max_rss = result
        report.peak_worker_kb = max(report.peak_worker_kb, max_rss)
        for suffix, name in output_names(job, formats).items():
            write_atomically(outdir / name, made[suffix])
            built[name] = manifest[name] = {"file": name, "sheet_id": job.handout.sheet_id, "inputs_hash": inputs,
                                            "pages": pages, "bytes": len(made[suffix])}
        finish(Outcome(job, "built", pages, sum(map(len, made.values())), "\n".join(warnings)))

    try:
        if workers <= 1 or len(to_build) <= 1:
            _start_worker(library, in_main=True)
            for job, inputs in to_build:
                if stop.is_set():
                    raise _Stopped
                _attempt(job, lambda: save(job, inputs, _render(job.handout, formats)), finish)
        else:
            _run_in_pool(to_build, library, workers, save, finish, stop, formats)
    except _Stopped:
        write_manifest(outdir, built)
        raise BatchInterrupted(report.count("built") + report.count("skipped"), len(jobs)) from None
    write_manifest(outdir, built)
    return report


class _Stopped(Exception):
    pass


def _attempt(job: BatchJob, action, finish) -> None:
    try:
        action()
    except HandoutsError as exc:
        finish(Outcome(job, "failed", message=str(exc)))
    except Exception as exc:  # one broken sheet must not stop the others; say what broke
        finish(Outcome(job, "failed", message=f"{job.file_name}: could not be built ({type(exc).__name__}: {exc})"))


def _run_in_pool(to_build, library, workers, save, finish, stop: threading.Event, formats=("pdf",)) -> None:
    # Workers are forked from this process (on Linux): ReportLab, the fonts and the
    # exercises' figures prepared here once are theirs too, instead of each worker's
    # building them again.
    from .render.fonts import register_fonts
    from .render.sheet_picture import prepare_figures

    register_fonts()
    prepare_figures(job.handout for job, _ in to_build if job.handout is not None)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(library,))
    queue = iter(to_build)
    pending: dict = {}

    def refill() -> None:
        # Only a few sheets in flight: the pipe to the workers never fills up,
        # so stopping never waits on a worker that is gone.
        while len(pending) < workers * 2:
            job, inputs = next(queue, (None, None))
            if job is None:
                return
            pending[pool.submit(_render, job.handout, formats)] = (job, inputs)

    try:
        refill()
        while pending:
            if stop.is_set():
                raise _Stopped
            # A short timeout, so a stop request is seen within a fraction of a second.
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                job, inputs = pending.pop(future)
                _attempt(job, lambda: save(job, inputs, future.result()), finish)
            refill()
    except BaseException:
        # Stop at once: drop queued sheets and end the workers mid-sheet; their
        # output never reached a file, so nothing partial is left behind.
        workers_now = list((pool._processes or {}).values())
        manager = pool._executor_manager_thread
        pool._call_queue.cancel_join_thread()  # do not wait at exit to hand work to ended workers
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers_now:
            process.kill()
        # Let the pool's own thread see its workers gone and close its pipes
        # now: closing them while the interpreter exits races with its exit
        # hook, which then prints "Exception ignored … Bad file descriptor".
        if manager is not None:
            manager.join(timeout=5)
        for process in workers_now:
            process.join(timeout=1)
        raise
    pool.shutdown()


def combine(outdir: Path, jobs: list[BatchJob], report: BatchReport, target: Path, pad: bool = True,
            force: bool = False) -> int:
    """All built and skipped sheets in one PDF, in job order; returns pages.

    The outline has one entry per patient (per sheet for standard sheets),
    opening its first page, and under it each sheet's title, opening that
    sheet's first page. With `pad`, a sheet with an odd number of pages is
    followed by a page that says it is left blank, so every sheet starts on
    the front of a new leaf.
    """
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    from .render.pdf import blank_page

    ready = {o.job.file_name for o in report.outcomes if o.status != "failed"}
    writer = PdfWriter()
    pages = 0
    groups: dict[str, object] = {}
    for job in jobs:
        if job.file_name not in ready:
            continue
        reader = PdfReader(outdir / job.file_name)
        writer.append(reader, import_outline=False)
        key = job.group_key or job.file_name
        if key not in groups:
            groups[key] = writer.add_outline_item(title=job.group or job.title, page_number=pages)
        writer.add_outline_item(title=job.title, page_number=pages, parent=groups[key])
        pages += len(reader.pages)
        if pad and len(reader.pages) % 2:
            handout = job.handout
            writer.append(PdfReader(BytesIO(blank_page(handout.page_size, handout.locale.words("left_blank")))),
                          import_outline=False)
            pages += 1
    if not pages:
        raise ValidationFailed([Problem(str(target), 0, 0, "", "no sheet was built, so there is nothing to combine")])
    writer.add_metadata({"/Creator": CREATOR, "/Title": "Home exercise sheets"})
    out = BytesIO()
    writer.write(out)
    write_output(target, out.getvalue(), force=force, made_here=lambda path: existing_sheet(path)[0])
    return pages


def default_workers() -> int:
    return os.cpu_count() or 1
