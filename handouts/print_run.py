"""The end of a print run (`handouts batch`): what it tells, the combined file, and what goes to the printer.

After the sheets are built: each sheet's warnings and each failure, the combined
PDF when asked for (if anything was built), the summary, and then the printer
gets the combined file, or else each finished sheet in order. A failed sheet
never stops the others, but the run says it failed.
"""

from __future__ import annotations

from pathlib import Path


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
