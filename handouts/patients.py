"""Read a clinic's patient list (CSV) for `handouts batch --patients`.

One row per patient. Columns (the first row names them, in any order):

    patient     the patient's name (required)
    sheet       a standard sheet id
    exercises   exercise ids to add, separated by spaces or semicolons
    drop        exercise ids to leave off the standard sheet
    set         dose changes, e.g. "glute-bridge.reps=12; glute-bridge.side=each side", read
                like --set (a space inside a value stays in it)
    date        YYYY-MM-DD (default: the batch's date)
    clinician   the clinician's name
    note        the clinician's note to the patient
    log_weeks   weeks of tick-box log, 0 to 12

A row needs a sheet or exercises. Problems are reported per row, with the
row's line in the file; the other rows still build. A list is bounded: at most
MAX_ROWS rows and MAX_CELL_CHARS characters a cell, in a file of at most
MAX_FILE_BYTES; a cell may not hold control characters.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, ValidationFailed, did_you_mean, shown
from .fields import check_date, check_whole, control_character
from .request import BadChoice, Request, dose_change, split_dose_changes, split_ids, text_problem, with_hint
from .yamlfile import decode_utf8, read_limited

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_CELL_CHARS = 1000  # the longest text a cell holds is a 600-character note

COLUMNS = ("patient", "sheet", "exercises", "drop", "set", "date", "clinician", "note", "log_weeks", "precautions")


# Each column fills one field of the request (request.py); planning names a wrong
# choice by its field, and the list names it by its column.
COLUMN_OF_FIELD = {"add": "exercises", "doses": "set"}


def column_of(field_name: str) -> str:
    return COLUMN_OF_FIELD.get(field_name, field_name)


@dataclass(frozen=True)
class PatientRow:
    """One row: the request it asks for, or the problems that stop it (each naming its column)."""

    source: str
    line: int
    request: Request = Request()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def patient(self) -> str | None:
        return self.request.patient

    @property
    def sheet(self) -> str | None:
        return self.request.sheet

    @property
    def note(self) -> str | None:
        return self.request.note

    def problem_lines(self, failed: BadChoice) -> str:
        """Planning's field-by-field complaint, as this row's lines: `list.csv:3: exercises: unknown ...`."""
        return "\n".join(f"{self.source}:{self.line}: {column_of(p.field)}: {with_hint(p)}" for p in failed.problems)


def read_patient_list(path: Path) -> list[PatientRow]:
    """Every row, each carrying its own problems; a file that cannot be read at all raises."""
    label = str(path)
    data = read_limited(Path(path), label, MAX_FILE_BYTES, "a patient list")
    text = decode_utf8(data, label, "save it as 'CSV UTF-8'")
    # Only a CSV line end ends a row: str.splitlines() would also split at a
    # form feed or U+2028 inside a cell. The csv module's own cell limit is
    # process-wide state; the file limit above bounds every cell instead.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FILE_BYTES))
    try:
        rows = _read_rows(label, reader)
    except csv.Error as exc:
        raise ValidationFailed([Problem(label, reader.line_num, 0, "", f"not a readable CSV file ({exc}); "
                                        "save it again as CSV")]) from None
    finally:
        csv.field_size_limit(limit)
    return rows


DELIMITERS = (",", ";", "\t")  # comma; semicolon (spreadsheets set to a European language); tab


def delimiter_of(text: str) -> str:
    """The delimiter whose split of the first row names the most known columns (a comma when none does).

    A spreadsheet set to a language that writes decimals with a comma (French,
    German, Spanish...) saves "CSV" with semicolons; a copy from a table has tabs.
    """
    first = text.split("\n", 1)[0]
    best, best_known = ",", 0
    for delimiter in DELIMITERS:
        try:
            names = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # Python 3.10's csv refuses a NUL; reading the file then says so, in one line
            names = []
        known = sum(_column_name(n) in COLUMNS for n in names)
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _column_name(header: str) -> str:
    return header.strip().lstrip("\ufeff").lower().replace(" ", "_")


def _read_rows(label: str, reader) -> list[PatientRow]:
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise ValidationFailed([Problem(label, 1, 1, "", "the file is empty; the first row must name the columns")])
    names = [_column_name(h) for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if len(names) == 1 and unknown and any(d in names[0] for d in DELIMITERS[1:] + (",",)):
        raise ValidationFailed([Problem(label, 1, 1, "", "the first row is one cell and names no known column; "
                                        "separate the columns with commas, semicolons or tabs, like: "
                                        "patient,sheet,exercises")])
    if unknown:
        raise ValidationFailed([Problem(label, 1, 1, shown(name, 40), f"unknown column{did_you_mean(name, COLUMNS)}; "
                                        f"columns are: {', '.join(COLUMNS)}") for name in unknown])
    if "patient" not in names:
        raise ValidationFailed([Problem(label, 1, 1, "patient", "missing column; the first row must include 'patient'")])
    rows = []
    line = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            if len(rows) == MAX_ROWS:
                raise ValidationFailed([Problem(label, line, 0, "", f"the list has more than {MAX_ROWS} patients; "
                                                "split it into smaller lists")])
            rows.append(_row(label, line, names, cells))
        line = reader.line_num + 1
    return rows


def _row(label: str, line: int, names: list[str], raw: list[str]) -> PatientRow:
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(label, line, 0, column, message))

    cells, refused = {}, set()
    for name, cell in zip(names, raw):
        cell = cell.strip()
        if len(cell) > MAX_CELL_CHARS:
            report(name, f"is {len(cell):,} characters long; a cell may hold at most {MAX_CELL_CHARS:,}")
            refused.add(name)
        elif control_character(cell):
            report(name, f"contains a control character ({control_character(cell)}); remove it")
            refused.add(name)
        else:
            cells[name] = cell
    if len(raw) > len(names) and any(c.strip() for c in raw[len(names):]):
        report("", f"has {len(raw)} cells but the first row names {len(names)} columns; "
                   "check for a comma that should be inside quotes")

    values: dict = {}
    for column in ("patient", "clinician", "note"):
        text = " ".join(cells.get(column, "").split())
        problem = text_problem(column, text)
        if problem:
            report(column, problem)
        elif text:
            values[column] = text
    if "patient" not in values and "patient" not in refused:
        report("patient", "is empty; write the patient's name")
    values["sheet"] = cells.get("sheet") or None
    values["add"] = split_ids(cells.get("exercises", ""))
    values["drop"] = split_ids(cells.get("drop", ""))
    values["precautions"] = split_ids(cells.get("precautions", ""))
    doses = []
    for text in split_dose_changes(cells.get("set", "")):
        try:
            doses.append(dose_change(text))
        except ValueError as exc:
            report("set", str(exc))
    values["doses"] = tuple(doses)
    if not values["sheet"] and not values["add"] and not {"sheet", "exercises"} & refused:
        report("sheet", "is empty; give a standard sheet id or some exercises")
    if cells.get("date"):
        values["date"] = check_date(cells["date"])
        if values["date"] is None:
            report("date", f"'{shown(cells['date'])}' is not a date; write it as YYYY-MM-DD")
    if cells.get("log_weeks"):
        values["log_weeks"] = check_whole(cells["log_weeks"], 0, 12, "weeks", lambda m: report("log_weeks", m))
    return PatientRow(source=label, line=line, request=Request(**values), problems=tuple(problems))
