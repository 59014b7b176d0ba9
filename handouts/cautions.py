"""Warnings before anything is written: each one said, and whether they stop the sheet.

An error-level warning (an exercise the patient's precaution rules out) always
stops it; with --strict every warning does. The clinician sees each warning
first, then why nothing was written.
"""

from __future__ import annotations

from .errors import Withheld


def hold_back(warnings, strict: bool, tell) -> None:
    """Tell each warning; raise Withheld if they stop the sheet."""
    from .browse import plural

    for warning in warnings:
        tell(str(warning))
    errors = [w for w in warnings if w.severity == "error"]
    if errors:  # never printed, strict or not
        raise Withheld(f"{plural(len(errors), 'error')} in this sheet, so nothing was written.")
    if warnings and strict:
        raise Withheld(f"{plural(len(warnings), 'warning')}; --strict treats them as errors, so nothing was written.")
