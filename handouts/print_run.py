"""The end of a print run (`handouts batch`): what it tells, the combined file, and what goes to the printer.

After the sheets are built: each sheet's warnings and each failure, the combined
PDF when asked for (if anything was built), the summary, and then the printer
gets the combined file, or else each finished sheet in order. A failed sheet
never stops the others, but the run says it failed.
"""

from __future__ import annotations

from pathlib import Path


def print_run(place, sources, output_dir: Path, tell, *, progress_for, waiting, sizes=None, styles=None,
              patients: Path | None = None, issued: str, strict: bool = False, pdfa: bool = False, font=None,
              workers: int | None = None, force: bool = False, formats=("pdf",), combined: Path | None = None,
              pad: bool = True, delivery=None) -> bool:
    """`handouts batch`: plan every sheet (batch.plan_batch), build them, and close the run; True when none failed.

    `progress_for(total)` is a context that gives the call made as each sheet is done (the command line's
    progress bar); `waiting()` is called while another batch holds the folder. BatchInterrupted on Ctrl-C.
    """
    from .batch import default_workers, plan_batch, run_batch

    library, _, jobs = plan_batch(sources, place.catalogues, place.clinic(pdfa, font), sizes=sizes, styles=styles,
                                  patients=patients, issued=issued, strict=strict, cache=place.cache)
    with progress_for(len(jobs)) as progress:
        report = run_batch(jobs, output_dir, library, workers=workers or default_workers(), force=force,
                           progress=progress, formats=formats, waiting=waiting)
    return close_run(jobs, report, output_dir, tell, combined=combined, pad=pad, force=force, delivery=delivery)


def close_run(jobs, report, output_dir: Path, tell, *, combined: Path | None = None, pad: bool = True,
              force: bool = False, delivery=None) -> bool:
    """Tell how the run went, combine and print what was built; True when every sheet was built or kept."""
    from .batch import combine, report_lines, summary
    from .browse import plural

    for line in report_lines(jobs, report):
        tell(line)
    failures = [o for o in report.outcomes if o.status == "failed"]
    anything = len(failures) < len(jobs)
    if combined is not None and anything:
        pages = combine(output_dir, jobs, report, combined, pad=pad, force=force)
        tell(f"Combined {plural(len(jobs) - len(failures), 'sheet')} ({plural(pages, 'page')}) into {combined}")
    tell(summary(jobs, report, output_dir))
    if delivery is not None and delivery.print_after and anything:
        from .issuing import hand_over

        for path in to_print(jobs, report, output_dir, combined):
            hand_over(path, delivery, tell)
    return not failures


def to_print(jobs, report, output_dir: Path, combined: Path | None = None) -> list[Path]:
    """The combined file if there is one, else each sheet that was built or kept, in the run's order."""
    if combined is not None:
        return [combined]
    done = {o.job.file_name for o in report.outcomes if o.status != "failed"}
    return [output_dir / j.file_name for j in jobs if j.file_name in done]
