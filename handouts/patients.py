"""Read a clinic's patient list (CSV) for `handouts batch --patients`.

One row per patient. Columns (the first row names them, in any order):

    patient     the patient's name (required)
    sheet       a standard sheet id
    exercises   exercise ids to add, separated by spaces or semicolons
    drop        exercise ids to leave off the standard sheet
    set         dose changes, e.g. "glute-bridge.reps=12; walking.minutes=20"
    date        YYYY-MM-DD (default: the batch's date)
    clinician   the clinician's name
    note        the clinician's note to the patient
    log_weeks   weeks of tick-box log, 0 to 12

A row needs a sheet or exercises. Problems are reported per row, with the
row's line in the file; the other rows still build.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, ValidationFailed, did_you_mean
from .fields import check_whole
from .handout import TEXT_LIMITS

COLUMNS = ("patient", "sheet", "exercises", "drop", "set", "date", "clinician", "note", "log_weeks", "precautions")


@dataclass(frozen=True)
class PatientRow:
    source: str
    line: int
    patient: str | None = None
    sheet: str | None = None
    exercises: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    dose_changes: tuple[str, ...] = ()
    date: str | None = None
    clinician: str | None = None
    note: str | None = None
    log_weeks: int | None = None
    precautions: tuple[str, ...] = ()  # precaution ids, e.g. "pregnancy; falls"
    problems: tuple[Problem, ...] = field(default=())


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[;\s]+", text.strip()) if part)


def read_patient_list(path: Path) -> list[PatientRow]:
    """Every row, each carrying its own problems; a file that cannot be read at all raises."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationFailed([Problem(label, 0, 0, "", "file not found")]) from None
    except UnicodeDecodeError:
        raise ValidationFailed([Problem(label, 0, 0, "", "not UTF-8 text; save it as 'CSV UTF-8'")]) from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise ValidationFailed([Problem(label, 1, 1, "", "the file is empty; the first row must name the columns")])
    names = [h.strip().lower().replace(" ", "_") for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise ValidationFailed([Problem(label, 1, 1, name, f"unknown column{did_you_mean(name, COLUMNS)}; "
                                        f"columns are: {', '.join(COLUMNS)}") for name in unknown])
    if "patient" not in names:
        raise ValidationFailed([Problem(label, 1, 1, "patient", "missing column; the first row must include 'patient'")])
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(_row(label, line, dict(zip(names, (c.strip() for c in cells)))))
    return rows


def _row(label: str, line: int, cells: dict) -> PatientRow:
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(label, line, 0, column, message))

    values: dict = {}
    for column in ("patient", "clinician", "note"):
        text = " ".join(cells.get(column, "").split())
        if len(text) > TEXT_LIMITS[column]:
            report(column, f"is {len(text)} characters long; keep it to {TEXT_LIMITS[column]} or fewer")
        elif text:
            values[column] = text
    if "patient" not in values:
        report("patient", "is empty; write the patient's name")
    values["sheet"] = cells.get("sheet") or None
    values["exercises"] = _ids(cells.get("exercises", ""))
    values["drop"] = _ids(cells.get("drop", ""))
    values["precautions"] = _ids(cells.get("precautions", ""))
    values["dose_changes"] = tuple(p.strip() for p in re.split(r"[;\s]+", cells.get("set", "")) if p.strip())
    if not values["sheet"] and not values["exercises"]:
        report("sheet", "is empty; give a standard sheet id or some exercises")
    if cells.get("date"):
        try:
            values["date"] = datetime.date.fromisoformat(cells["date"]).isoformat()
        except ValueError:
            report("date", f"'{cells['date']}' is not a date; write it as YYYY-MM-DD")
    if cells.get("log_weeks"):
        values["log_weeks"] = check_whole(cells["log_weeks"], 0, 12, "weeks", lambda m: report("log_weeks", m))
    return PatientRow(source=label, line=line, problems=tuple(problems), **values)
