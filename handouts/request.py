"""One request: what a clinician asked for, however it was given.

The same choices reach the tool four ways: command-line options (cli.py), a
row of a patient list (patients.py), a saved programme or the request inside a
PDF (programmes.py), and a standard sheet shown with `handouts show`. Each of
them fills this one Request with the readers below, and only planning
(handout.plan) checks that the ids it names exist. Planning reports a wrong
choice as a FieldProblem naming the request's field (`add`, `doses`...); the
command line turns the field into its option (`-e/--add`, `--set`), the
patient list into its column (`exercises`, `set`), a file into its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .errors import HandoutsError
from .yamlfile import Where

# The longest patient name, clinician name and note that still lay out well on a sheet.
TEXT_LIMITS = {"patient": 80, "clinician": 80, "note": 600}


@dataclass(frozen=True)
class Request:
    """What a clinician asked for, for one patient (saved by `build --save` as a programme)."""

    patient: str | None = None
    sheet: str | None = None
    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    doses: tuple[tuple[str, str, object], ...] = ()  # (exercise id, dose field, value), as --set gives them
    clinician: str | None = None
    note: str | None = None
    log_weeks: int | None = None
    page_size: str | None = None
    print_style: str | None = None
    precautions: tuple[str, ...] = ()
    condition: str | None = None
    saved: str | None = None  # the date a programme was saved, YYYY-MM-DD
    date: str | None = None  # the date to print (a patient list's `date`); never saved: a rebuild is dated today
    where: Where | None = field(default=None, compare=False)
    places: dict = field(default_factory=dict, compare=False, repr=False)  # file key -> Where, e.g. "add[2]"

    def changed(self, *, sheet=None, add=(), drop=(), doses=(), **given) -> "Request":
        """This request with the options given at this visit: given text replaces, lists add up.

        An exercise added now comes off the saved drop list, one dropped now comes
        off the saved add list, and its saved dose changes go with it.
        """
        new_add = [e for e in self.add if e not in drop] + [e for e in add if e not in self.add and e not in self.drop]
        new_drop = [e for e in self.drop if e not in add] + [e for e in drop if e not in self.add and e not in self.drop]
        kept = tuple(d for d in self.doses if d[0] not in drop)
        values = {k: v for k, v in given.items() if v is not None and v != ()}
        if "precautions" in values:
            values["precautions"] = tuple(dict.fromkeys(self.precautions + tuple(values["precautions"])))
        return replace(self, sheet=sheet or self.sheet, add=tuple(new_add), drop=tuple(new_drop),
                       doses=kept + tuple(doses), **values)

    @property
    def large_print(self) -> bool:
        return self.print_style == "large"


@dataclass(frozen=True)
class FieldProblem:
    """One wrong choice, in the request's own words: which field, and what is wrong with it."""

    field: str  # a Request field: sheet, add, drop, doses, precautions, condition, patient, clinician, note
    message: str
    key: str = ""  # where in a file it was written, e.g. "add[2]" or "doses.glute-bridge" (see Request.places)


# Where to look up the ids that exist, added to "unknown ..." wherever a person typed the id.
LIST_HINT = {"sheet": "`handouts list --sheets` shows them", "add": "`handouts list` shows them",
             "drop": "`handouts list` shows them", "precautions": "`handouts list --precautions` shows them",
             "condition": "`handouts list` shows them"}


def with_hint(problem: FieldProblem) -> str:
    """The message, with where to find the ids that exist when it names an unknown one."""
    hint = LIST_HINT.get(problem.field) if problem.message.startswith("unknown ") else None
    return f"{problem.message}; {hint}" if hint else problem.message


class BadChoice(HandoutsError):
    """Choices that name something that does not exist, or break a limit: every one found, by field."""

    def __init__(self, problems, places: dict | None = None):
        self.problems = tuple(problems)
        self.places = places or {}  # the request's file places (Request.places), when it was read from a file
        super().__init__("\n".join(p.message for p in self.problems))

    @classmethod
    def one(cls, field_name: str, message: str, key: str = "") -> "BadChoice":
        return cls([FieldProblem(field_name, message, key)])


# -- readers: one for each kind of value, used by every way in ---------------

def split_ids(text: str) -> tuple[str, ...]:
    """'cat-cow; glute-bridge walking' -> ids (a patient-list cell; ids never hold spaces)."""
    return tuple(part for part in re.split(r"[;,\s]+", text.strip()) if part)


# A new dose change starts at ID.FIELD= after a semicolon or a space; any other space is in a value.
_CHANGE_START = re.compile(r"\s*;\s*|\s+(?=[\w-]+\.[\w]+\s*=)")


def split_dose_changes(text: str) -> tuple[str, ...]:
    """'glute-bridge.side=each side; walking.minutes=20' -> one text per change, each read by dose_change.

    Spaces inside a value stay ('each side'): a space ends a change only where
    the next one starts, as in 'glute-bridge.reps=12 walking.minutes=20'.
    """
    return tuple(part.strip() for part in _CHANGE_START.split(text.strip()) if part.strip())


def dose_change(text: str) -> tuple[str, str, int | str]:
    """`glute-bridge.reps=12` -> ('glute-bridge', 'reps', 12); ValueError with a plain message.

    The same reader for --set and a patient list's `set` column, with the same
    field aliases as a YAML dose block (`hold`, `rest`).
    """
    from .reading import parse_dose_change

    return parse_dose_change(text)


def text_problem(field_name: str, text: str | None) -> str | None:
    """Why a patient name, clinician name or note cannot be printed as given, else None."""
    limit = TEXT_LIMITS[field_name]
    if text is not None and len(text) > limit:
        return f"is {len(text)} characters long; keep it to {limit} or fewer"
    return None
