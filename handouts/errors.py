"""The one family of errors a user ever sees, and the did-you-mean helper.

Library code raises these; only the CLI turns them into exit codes and lines
on stderr, so nothing below the CLI prints or exits.
"""

from __future__ import annotations

import re
from collections import namedtuple

# What a terminal may act on instead of showing: C0 and C1 controls (ESC starts
# the sequences that retitle or clear a terminal, BEL rings), DEL, and the
# marks that reverse the direction of text. A newline ends a line and stays.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Problem(namedtuple("Problem", "path line column field message severity", defaults=("error",))):
    """One thing wrong in one place: prints as `file:line:col: field: message`.

    A named tuple, not a dataclass: `handouts --help` loads this module, and a
    dataclass (and the dataclasses module) costs it a twentieth of its time.
    Compared and sorted by its fields in order, like the tuple it is.
    """

    __slots__ = ()

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        if self.severity != "error":
            where += f": {self.severity}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class HandoutsError(Exception):
    """A problem the user can fix; its text is shown as is, without a traceback."""


class Withheld(HandoutsError):
    """Nothing was written because of the warnings just said (cautions.py); its text is the whole line."""


class ValidationFailed(HandoutsError):
    """Every problem found in the files read, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(p) for p in self.problems))


FOLLOWS = "(see the errors above)"  # a problem caused by another one is listed after every other


def _reading_order(problem: Problem):
    return (problem.message.endswith(FOLLOWS), problem.path, problem.line, problem.column, problem.field,
            problem.message)


def printable(text: str) -> str:
    """Text safe to show on a terminal: every control character written as an escape like \\x1b."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(found) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text, limit: int = 60) -> str:
    """A value as quoted back in a message: escaped, and cut short with '…' when long."""
    text = printable(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def did_you_mean(word: str, choices) -> str:
    """' — did you mean 'x'?' when a close choice exists, else ''."""
    import difflib  # only when something is misspelt: not at start-up

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    if not close:  # a word spelt out in full for a short name: `repetitions` for `reps`
        close = [c for c in sorted(choices) if len(c) >= 3 and str(word)[:3].lower() == c[:3] and _in_order(c, str(word).lower())][:1]
    return f" — did you mean '{close[0]}'?" if close else ""


def _in_order(short: str, long: str) -> bool:
    """Whether every letter of short appears in long, in the same order."""
    letters = iter(long)
    return all(letter in letters for letter in short)

