"""The one family of errors a user ever sees, and the did-you-mean helper.

Library code raises these; only the CLI turns them into exit codes and lines
on stderr, so nothing below the CLI prints or exits.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: prints as `file:line:col: field: message`."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        if self.severity != "error":
            where += f": {self.severity}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class HandoutsError(Exception):
    """A problem the user can fix; its text is shown as is, without a traceback."""


class ValidationFailed(HandoutsError):
    """Every problem found in the files read, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _reading_order(problem: Problem):
    return (problem.path, problem.line, problem.column, problem.field, problem.message)


def did_you_mean(word: str, choices) -> str:
    """' — did you mean 'x'?' when a close choice exists, else ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""

