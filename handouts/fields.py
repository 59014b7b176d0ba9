"""Typed reading of one YAML mapping, collecting every problem with its place.

Each reader method returns a clean value (or None) and never raises, so one
pass over a file reports all of its mistakes at once.
"""

from __future__ import annotations

import datetime
import math
import re

from .errors import Problem, did_you_mean, shown
from .yamlfile import Mapping, Sequence, Where

# Text a patient reads may hold tabs and line ends (folded to spaces), never
# other control characters: they print as nothing, or take over a terminal.
# The marks that override the direction of text and a stray byte-order mark
# count too: they print as nothing and can reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

def type_word(value) -> str:
    """How a YAML value is named in messages to a clinician."""
    for kind, word in ((bool, "true or false"), (int, "a whole number"), (float, "a number"),
                       (str, "text"), (list, "a list"), (dict, "a set of fields")):
        if isinstance(value, kind):
            return word
    return "empty" if value is None else "something else"


class Fields:
    """Reads the fields of one mapping; unknown keys are reported by `finish`."""

    def __init__(self, data, problems: list[Problem], where: Where, prefix: str = ""):
        self.problems = problems
        self.prefix = prefix
        self.where = where
        if isinstance(data, Mapping):
            self.data = data
        else:
            self.data = Mapping()
            self.data.where, self.data.key_where, self.data.value_where = where, {}, {}
            self.problems.append(
                where.problem(prefix.rstrip(".") or "file", f"must be a set of `field: value` lines, not {type_word(data)}")
            )
        self.used: set[str] = set()
        self._problems_at_start = len(problems)
        self.item_places: dict[str, tuple[Where, ...]] = {}  # where each kept list item was written

    # -- places and messages ------------------------------------------------
    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def at(self, key: str) -> Where:
        return self.data.value_where.get(key, self.data.where)

    def report(self, key: str, message: str, where: Where | None = None) -> None:
        self.problems.append((where or self.at(key)).problem(self.name(key), message))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def _get(self, key: str, required: bool, example: str):
        self.used.add(key)
        if not self.has(key):
            if required:
                self.problems.append(
                    self.data.where.problem(self.name(key), f"missing; add a line `{key}: {example}`")
                )
            return None
        return self.data[key]

    # -- value kinds --------------------------------------------------------
    def text(self, key: str, *, required: bool = False, max_chars: int = 200, example: str = "...") -> str | None:
        value = self._get(key, required, example)
        if value is None:
            return None
        return self._check_text(key, value, max_chars, self.at(key), self.name(key))

    def _check_text(self, key, value, max_chars, where: Where, field: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problems.append(where.problem(field, f"must be text, not {type_word(value)}"))
            return None
        control = _CONTROL.search(str(value))
        if control:
            self.problems.append(where.problem(field, f"contains a control character "
                                                      f"(U+{ord(control.group()):04X}); remove it"))
            return None
        text = " ".join(str(value).split())
        if not text:
            self.problems.append(where.problem(field, "is empty; write some text or remove the line"))
            return None
        if len(text) > max_chars:
            self.problems.append(
                where.problem(field, f"is {len(text)} characters long; keep it to {max_chars} or fewer")
            )
            return None
        return text

    def texts(self, key: str, *, required: bool = False, max_items: int = 20, max_chars: int = 200,
              example: str = "[...]") -> tuple[str, ...]:
        value = self._get(key, required, example)
        if value is None:
            return ()
        if isinstance(value, str):
            value = Sequence([value])
            value.item_where = [self.at(key)]
        if not isinstance(value, Sequence):
            self.report(key, f"must be a list, not {type_word(value)}")
            return ()
        if len(value) > max_items:
            self.report(key, f"has {len(value)} items; keep it to {max_items} or fewer")
        items, places = [], []
        for number, (item, where) in enumerate(zip(value, value.item_where), start=1):
            text = self._check_text(key, item, max_chars, where, f"{self.name(key)}[{number}]")
            if text is not None:
                items.append(text)
                places.append(where)
        self.item_places[key] = tuple(places)
        return tuple(items)

    def whole(self, key: str, low: int, high: int, *, required: bool = False, unit: str = "") -> int | None:
        value = self._get(key, required, str(low))
        if value is None:
            return None
        return check_whole(value, low, high, unit, lambda msg: self.report(key, msg))

    def choice(self, key: str, choices, *, required: bool = False) -> str | None:
        value = self.text(key, required=required, example=sorted(choices)[0])
        if value is None:
            return None
        if value not in choices:
            self.report(key, f"'{shown(value)}' is not one of: {', '.join(sorted(choices))}{did_you_mean(value, choices)}")
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False, "true")
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(key, f"must be true or false, not '{shown(value)}'")
            return False
        return value

    def mapping(self, key: str, *, required: bool = False) -> "Fields | None":
        value = self._get(key, required, "")
        if value is None:
            return None
        return Fields(value, self.problems, self.at(key), prefix=f"{self.name(key)}.")

    def raw(self, key: str, *, required: bool = False, example: str = "..."):
        return self._get(key, required, example)

    @property
    def problems_since_start(self) -> bool:
        return len(self.problems) > self._problems_at_start

    def places(self) -> dict[str, Where]:
        """Where each field, and each kept list item (as 'steps[2]'), was written."""
        found = {self.name(k): w for k, w in self.data.value_where.items()}
        for key, wheres in self.item_places.items():
            found.update({f"{self.name(key)}[{n}]": w for n, w in enumerate(wheres, start=1)})
        return found

    def finish(self) -> None:
        """Report every key nobody asked for, with the nearest known one."""
        for key in self.data:
            if key not in self.used:
                where = self.data.key_where.get(key, self.data.where)
                self.problems.append(
                    where.problem(self.name(key), f"unknown field{did_you_mean(key, self.used)}")
                )


def control_character(text: str) -> str | None:
    """'U+001B' for the first control character in text (tab and line ends aside), else None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


# The one number reader: YAML values, `--set`, --log-weeks, patient-list cells.
# Only the ASCII digits 0-9 (Python's int() also takes '٣' and isdigit() takes
# '²'), and never more than a few of them, checked before any conversion.
MAX_DIGITS = 6
_WHOLE = re.compile(r"[+-]?[0-9]+\Z")


def check_whole(value, low: int, high: int, unit: str, report) -> int | None:
    """A whole number within [low, high], or None after reporting why not (the range is in every message)."""
    wanted = f"a number from {low} to {high}{f' {unit}' if unit else ''}"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        report(f"must be a whole number from {low} to {high}{f' {unit}' if unit else ''}")
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if len(stripped.lstrip("+-")) > MAX_DIGITS and _WHOLE.match(stripped):
            report(f"'{shown(stripped, 20)}' has too many digits; write {wanted}")
            return None
        if not _WHOLE.match(stripped):
            report(f"'{shown(value, 40)}' is not a whole number; write {wanted}")
            return None
        value = int(stripped)
    if isinstance(value, float):
        if not (math.isfinite(value) and value.is_integer()):
            report(f"{value} is not a whole number; write {wanted}")
            return None
        value = int(value)
    if not low <= value <= high:
        report(f"{shown(str(value), 20)} is out of range; use {wanted}")
        return None
    return value


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def check_date(text: str) -> str | None:
    """'2026-03-09' for a real date written YYYY-MM-DD in ASCII digits, else None."""
    text = text.strip()
    if not _DATE.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return None
