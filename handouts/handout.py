"""Resolve what to print: a standard sheet or hand-picked exercises, plus the
patient's details and dose changes, into one Handout with final doses.

Pure: the date, the clinic and every option are passed in.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .catalogue import Library
from .dosewords import session_minutes
from .errors import HandoutsError, did_you_mean
from .locale import Locale
from .models import AvoidItem, Clinic, Condition, Dose, Exercise, SheetEntry
from .yamlfile import Where


# The longest patient name, clinician name and note that still lay out well on a sheet.
TEXT_LIMITS = {"patient": 80, "clinician": 80, "note": 600}


class BadChoice(HandoutsError):
    """A command-line choice that names something that does not exist (a usage error)."""

    def __init__(self, option: str, message: str):
        self.option = option
        super().__init__(message)


@dataclass(frozen=True)
class PlannedExercise:
    number: int
    exercise: Exercise
    dose: Dose
    note: str | None = None
    acknowledged: tuple[tuple[str, str], ...] = ()  # (avoid id, the limit printed for the patient)
    where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Handout:
    """Everything one printed sheet says, ready to render."""

    title: str
    intro: str
    condition: Condition
    exercises: tuple[PlannedExercise, ...]
    avoid: tuple[AvoidItem, ...]
    clinic: Clinic
    issued: str
    patient: str | None = None
    clinician: str | None = None
    note: str | None = None
    how_often: str | None = None
    log_weeks: int = 2
    template_id: str | None = None
    page_size: str = "letter"
    large_print: bool = False
    pick_one: bool = False
    where: Where | None = field(default=None, compare=False)

    @property
    def session_minutes(self) -> int:
        if self.pick_one:  # one activity per session: the longest choice
            return max(session_minutes([p.dose]) for p in self.exercises)
        return session_minutes(p.dose for p in self.exercises)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of everything printed (images by their bytes) and the tool's version."""
        content = {"handout": _printable(asdict(self)), "tool": __version__}
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    @property
    def sheet_id(self) -> str:
        """The short form printed in the footer, e.g. '3F9A-07C2', to find and rebuild the sheet."""
        return f"{self.fingerprint[:4]}-{self.fingerprint[4:8]}".upper()

    @property
    def locale(self) -> Locale:
        return Locale.for_sheet(self.clinic.locale, self.clinic.emergency_number, self.page_size)

    @property
    def slug(self) -> str:
        return self.template_id or "custom-sheet"


_FILE_PLACES = {"where", "places", "avoid_where", "condition_where"}


def _printable(value):
    """What a value contributes to the sheet id: no file places, images by their bytes."""
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items() if k not in _FILE_PLACES}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    if isinstance(value, Path):
        return hashlib.sha256(value.read_bytes()).hexdigest() if value.is_file() else value.name
    return value


def plan_handout(
    library: Library,
    *,
    clinic: Clinic,
    issued: str,
    sheet: str | None = None,
    exercises: tuple[str, ...] = (),
    drop: tuple[str, ...] = (),
    dose_changes: tuple[tuple[str, str, object], ...] = (),
    condition: str | None = None,
    patient: str | None = None,
    clinician: str | None = None,
    note: str | None = None,
    log_weeks: int | None = None,
    page_size: str | None = None,
    large_print: bool = False,
) -> Handout:
    """Combine a standard sheet (optional) with added and dropped exercises and dose changes."""
    for option, text in (("--patient", patient), ("--clinician", clinician), ("--note", note)):
        limit = TEXT_LIMITS[option.lstrip("-")]
        if text is not None and len(text) > limit:
            raise BadChoice(option, f"is {len(text)} characters long; keep it to {limit} or fewer")
    template = None
    if sheet is not None:
        if sheet not in library.sheets:
            raise BadChoice("SHEET", f"no standard sheet '{sheet}'{did_you_mean(sheet, library.sheets)}; "
                            "`handouts list --sheets` shows them")
        template = library.sheets[sheet]
    # Entries picked on the command line are sheet entries with no dose change of their own.
    entries = {e.exercise: e for e in template.exercises} if template else {}
    for exercise_id in exercises:
        if exercise_id not in library.exercises:
            raise BadChoice("-e/--add", f"unknown exercise '{exercise_id}'"
                            f"{did_you_mean(exercise_id, library.exercises)}; `handouts list` shows them")
        entries.setdefault(exercise_id, SheetEntry(exercise_id))
    for exercise_id in drop:
        if exercise_id not in entries:
            raise BadChoice("--drop", f"'{exercise_id}' is not on this sheet{did_you_mean(exercise_id, entries)}")
        del entries[exercise_id]
    if not entries:
        raise BadChoice("SHEET", "nothing to print: name a standard sheet, or pick exercises with -e ID")

    changes: dict[str, dict] = {}
    for exercise_id, dose_field, value in dose_changes:
        if exercise_id not in entries:
            raise BadChoice("--set", f"'{exercise_id}' is not an exercise on this sheet"
                            f"{did_you_mean(exercise_id, entries)}")
        changes.setdefault(exercise_id, {})[dose_field] = value

    planned = []
    for number, entry in enumerate(entries.values(), start=1):
        exercise = library.exercises[entry.exercise]
        dose = replace(exercise.dose.merged(entry.dose), **changes.get(entry.exercise, {}))
        planned.append(PlannedExercise(number, exercise, dose, entry.note, entry.acknowledge, entry.where))

    condition_id = condition or (template.condition if template else None)
    if condition_id is None:
        if len(library.conditions) != 1:
            raise BadChoice("--condition", "pick the condition with --condition ID: "
                            + ", ".join(sorted(library.conditions)))
        condition_id = next(iter(library.conditions))
    if condition_id not in library.conditions:
        raise BadChoice("--condition", f"unknown condition '{condition_id}'"
                        f"{did_you_mean(condition_id, library.conditions)}")
    advice = library.conditions[condition_id]
    avoid_ids = template.avoid if template and template.avoid else advice.avoid

    return Handout(
        title=template.title if template else f"Home exercises for {advice.name}",
        intro=template.intro if template else advice.about,
        condition=advice,
        exercises=tuple(planned),
        avoid=tuple(library.avoid[a] for a in avoid_ids),
        clinic=clinic,
        issued=issued,
        patient=patient,
        clinician=clinician,
        note=note or (template.note if template else None),
        how_often=template.how_often if template else None,
        log_weeks=log_weeks if log_weeks is not None else (template.log_weeks if template else 2),
        template_id=template.id if template else None,
        page_size=page_size or clinic.page_size,
        large_print=large_print,
        pick_one=template.pick_one if template else False,
        where=template.where if template else None,
    )
