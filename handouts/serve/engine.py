"""The page's one door into the engine: its request JSON -> the same Request, plan, checks and PDF as `build`.

Everything `handouts serve` knows about requests, planning, checks and rendering
goes through this module, so when the request model changes only this adapter
changes. It never decides a default or a rule itself: field values are read by
the same readers as `--set`, `--log-weeks` and `--date`; the request is planned
and checked by handout.plan and drawn by render.pdf.render_handout, as `build` does.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import HandoutsError, ValidationFailed
from ..fields import check_date, check_whole
from ..handout import plan
from ..models import DOSE_LIMITS, SIDES, Dose
from ..paper import PAGE_SIZES, PRINT_STYLES
from ..programmes import check_ids, check_save, list_programmes, read_programme, read_yaml_text, save_programme
from ..request import BadChoice, Request, dose_change, with_hint
from ..yamlfile import Where

CARDS = ("none", "add", "only")  # build: no flag, --card, --card-only
MAX_EXERCISES_ASKED = 30  # as many as a saved programme may add
# The request's fields whose planning errors (BadChoice names the field) go beside that field on the page.
PAGE_FIELDS = ("patient", "clinician", "note", "condition", "precautions")


@dataclass
class Outcome:
    """What the page shows for one request: problems by field, the planned exercises, and the sheet when it is made."""

    field_errors: dict[str, str] = field(default_factory=dict)  # page field -> message
    problems: list[dict] = field(default_factory=list)  # {severity, message, line, exercise}
    exercises: list[dict] = field(default_factory=list)
    command: str = ""
    handout: object = None
    programme: Request | None = None
    card: str = "none"
    clinic: object = None  # the Clinic this request is printed for
    clinic_file: str | None = None  # as `--clinic` names it; None: the one `serve` started with
    about_clinic: dict = field(default_factory=dict)  # what the page shows of it (clinic_summary)

    @property
    def printable(self) -> bool:
        """Whether `build` would write this sheet: no bad value and no error (warnings are fine)."""
        return (self.handout is not None and not self.field_errors
                and not any(p["severity"] == "error" for p in self.problems))


class Engine:
    """The library, the clinic and the settings folder `serve` was started with."""

    def __init__(self, library, clinic, settings: Path, clinic_file=None, catalogues=()):
        self.library, self.clinic, self.settings = library, clinic, Path(settings)
        self.clinic_file, self.catalogues = clinic_file, tuple(catalogues)
        self._clinics: dict = {}  # clinic files the page named, by path, with their modification time

    # --- what the page offers -------------------------------------------------------------

    def catalogue(self) -> dict:
        """The choices the page offers: sheets by condition, exercises with their filters, fields and limits."""
        from ..membership import conditions_of

        library = self.library
        sheets_of = {}
        for sheet in library.sheets.values():
            for entry in sheet.exercises:
                sheets_of.setdefault(entry.exercise, []).append(sheet.id)
        conditions = []
        for condition in library.conditions.values():
            sheets = [{"id": s.id, "title": s.title, "intro": s.intro, "exercises": [e.exercise for e in s.exercises]}
                      for s in library.sheets.values() if s.condition == condition.id]
            conditions.append({"id": condition.id, "name": condition.name, "sheets": sheets})
        exercises = []
        for e in library.exercises.values():
            on_sheets = sheets_of.get(e.id, [])
            exercises.append({
                "id": e.id, "name": e.name, "summary": e.summary, "kind": e.kind, "position": e.position,
                "equipment": list(e.equipment), "picture": e.pose is not None, "picture_text": e.picture_text,
                "sheets": on_sheets,
                "conditions": conditions_of(library, e.id),
                "dose": _dose_dict(e.dose),
            })
        return {
            "conditions": conditions,
            "exercises": exercises,
            "precautions": [{"id": p.id, "title": p.title} for p in library.precautions.values()],
            "dose_fields": {name: {"low": low, "high": high, "unit": unit}
                            for name, (low, high, unit) in DOSE_LIMITS.items()},
            "sides": list(SIDES),
            "page_sizes": list(PAGE_SIZES),
            "clinic": clinic_summary(self.clinic, self.clinic_file, self.settings),
        }

    def search(self, words: str = "", **filters) -> list[str]:
        """Exercise ids matching the words and filters, best first: the same rule and order as
        `handouts list --search` (browse.search_rank)."""
        from ..browse import matches, search_rank
        from ..membership import conditions_of

        found = []
        for e in self.library.exercises.values():
            if not matches(e, position=filters.get("position") or None, equipment=filters.get("equipment") or None,
                           search=words or None):
                continue
            level = filters.get("level")
            if level and not any(entry.exercise == e.id for entry in self.library.sheets[level].exercises):
                continue
            condition = filters.get("condition")
            if condition and condition not in conditions_of(self.library, e.id):  # `list --condition`'s rule
                continue
            found.append(e)
        if words.strip():
            found.sort(key=lambda e: search_rank(e, words))  # stable: the catalogue's order within a rank
        return [e.id for e in found]

    # --- one request ------------------------------------------------------------------------

    def check(self, asked: dict) -> Outcome:
        """Read the page's request, plan it as `build` would, and gather every finding `build` prints."""
        from ..safety import clinic_warnings

        outcome = Outcome(clinic=self.clinic, clinic_file=self.clinic_file)
        chosen = _text(asked.get("clinic")).strip() if isinstance(asked, dict) else ""
        if chosen:  # as `build --clinic FILE`: read by the same reader, its problems beside the field
            try:
                outcome.clinic, outcome.clinic_file = self.clinic_for(chosen), chosen
            except ValidationFailed as failed:
                outcome.field_errors["clinic"] = "\n".join(str(p) for p in failed.problems)
            except HandoutsError as exc:
                outcome.field_errors["clinic"] = str(exc)
        outcome.about_clinic = clinic_summary(outcome.clinic, outcome.clinic_file, self.settings)
        programme, issued, card = self._programme(asked, outcome.field_errors)
        outcome.card = card
        if programme is None:
            return outcome
        outcome.programme = programme
        outcome.command = self.command(programme, issued, card, outcome.clinic_file)
        try:
            planned = plan(self.library, programme, clinic=outcome.clinic, issued=issued)
        except BadChoice as exc:
            for problem in exc.problems:
                if problem.field in PAGE_FIELDS:
                    outcome.field_errors[problem.field] = with_hint(problem)
                else:
                    outcome.problems.append(_problem("error", with_hint(problem)))
            return outcome
        except HandoutsError as exc:
            outcome.problems.append(_problem("error", str(exc)))
            return outcome
        handout = outcome.handout = planned.handout
        outcome.about_clinic["emergency_number"] = handout.locale.emergency_number  # this paper's
        outcome.about_clinic["advice"] = {"id": handout.condition.id, "name": handout.condition.name,
                                          "from": "chosen" if programme.condition else
                                          "sheet" if programme.sheet else "exercises"}
        by_number = {p.number: p for p in handout.exercises}
        for warning in planned.problems:
            number = _exercise_number(warning.field)
            planned = by_number.get(number)
            outcome.problems.append(_problem(warning.severity, warning.message, str(warning),
                                             planned.exercise.id if planned else None))
        for text in clinic_warnings(outcome.clinic):
            outcome.problems.append(_problem("warning", text.removeprefix("warning: "), text))
        from ..dosewords import dose_sentences

        movable = _movable(programme, self.library)
        for p in handout.exercises:
            outcome.exercises.append({"id": p.exercise.id, "name": p.name, "number": p.number,
                                      "dose": _dose_dict(p.dose), "usual": _dose_dict(p.usual),
                                      "dose_words": " ".join(dose_sentences(p.dose)),
                                      "from_sheet": p.exercise.id not in programme.add,
                                      "up": movable(p.exercise.id, -1), "down": movable(p.exercise.id, +1)})
        return outcome

    def render(self, outcome: Outcome, finished: bool = True):
        """The PDF `build` writes for this request (render.pdf.render_handout, same options).

        finished=False: the pages as drawn, for the preview; finish() then makes the download.
        """
        from ..render.pdf import draw_handout, render_handout

        if finished:
            sheet = render_handout(outcome.handout, card=outcome.card, pdfa=outcome.clinic.pdfa)
        else:
            sheet = draw_handout(outcome.handout, card=outcome.card)
        for warning in sheet.warnings:
            outcome.problems.append(_problem("warning", warning, warning))
        return sheet

    def finish(self, handout, drawn):
        """The drawn pages as the very file `build` writes (render.pdf.finish_sheet, same options)."""
        from ..render.pdf import finish_sheet

        return finish_sheet(handout, drawn, pdfa=handout.clinic.pdfa)

    def file_name(self, outcome: Outcome) -> str:
        """The name `build` gives the file when no -o is given."""
        from ..output import sheet_targets
        from ..privacy import patient_label

        handout = outcome.handout
        return sheet_targets(handout, None, ["pdf"], patient=patient_label(outcome.clinic, handout.patient))["pdf"].name

    def command(self, programme: Request, issued: str | None, card: str, clinic_file=None) -> str:
        """The exact `handouts build …` that makes the same sheet."""
        words = ["handouts", "build"]
        if programme.sheet:
            words.append(programme.sheet)
        for exercise_id in programme.add:
            words += ["-e", exercise_id]
        for exercise_id in programme.drop:
            words += ["--drop", exercise_id]
        for exercise_id, dose_field, value in programme.doses:
            words += ["--set", f"{exercise_id}.{dose_field}={value}"]
        for option, value in (("--patient", programme.patient), ("--clinician", programme.clinician),
                              ("--date", issued), ("--note", programme.note), ("--condition", programme.condition),
                              ("--page-size", programme.page_size)):
            if value:
                words += [option, value]
        if programme.log_weeks is not None:
            words += ["--log-weeks", str(programme.log_weeks)]
        if programme.large_print:
            words.append("--large-print")
        for precaution in programme.precautions:
            words += ["--precaution", precaution]
        words += {"add": ["--card"], "only": ["--card-only"]}.get(card, [])
        if clinic_file is not None:
            words += ["--clinic", str(clinic_file)]
        for folder in self.catalogues:
            words += ["--catalogue", str(folder)]
        return shlex.join(words)

    def _programme(self, asked: dict, errors: dict) -> tuple[Request | None, str | None, str]:
        """The Request `build` would make from the same choices; a bad value is put in `errors` by field."""
        if not isinstance(asked, dict):
            errors["request"] = "the page sent something that is not a request"
            return None, None, "none"
        sheet = _text(asked.get("sheet")) or None
        if sheet is not None and sheet not in self.library.sheets:
            errors["sheet"] = f"no standard sheet '{sheet}'"
            return None, None, "none"
        chosen = [x for x in asked.get("exercises") or [] if isinstance(x, str)][:MAX_EXERCISES_ASKED]
        chosen = list(dict.fromkeys(chosen))
        on_sheet = [e.exercise for e in self.library.sheets[sheet].exercises] if sheet else []
        add = tuple(x for x in chosen if x not in on_sheet)
        drop = tuple(x for x in on_sheet if x not in chosen)
        doses = []
        asked_doses = asked.get("doses") if isinstance(asked.get("doses"), dict) else {}
        for exercise_id in chosen:
            changed = asked_doses.get(exercise_id)
            for dose_field, value in (changed.items() if isinstance(changed, dict) else ()):
                value = _text(value).strip()
                if value == "":
                    continue  # left empty: the catalogue's dose stands
                try:  # the reader `--set` uses, with its messages
                    doses.append(dose_change(f"{exercise_id}.{dose_field}={value}"))
                except ValueError as exc:
                    errors[f"doses.{exercise_id}.{dose_field}"] = str(exc)
        given = {}
        for key in ("patient", "clinician", "note", "condition"):
            value = _text(asked.get(key)).strip()
            given[key] = value or None
        if given["condition"] and given["condition"] not in self.library.conditions:
            errors["condition"] = f"unknown condition '{given['condition']}'"
        log_weeks = _text(asked.get("log_weeks")).strip()
        if log_weeks:  # the reader `--log-weeks` uses
            given["log_weeks"] = check_whole(log_weeks, 0, 12, "weeks", lambda m: errors.__setitem__("log_weeks", m))
        page_size = _text(asked.get("page_size")).strip().lower()
        if page_size:
            if page_size in PAGE_SIZES:
                given["page_size"] = page_size
            else:
                errors["page_size"] = f"'{page_size}' is not one of: {', '.join(PAGE_SIZES)}"
        style = _text(asked.get("print_style")).strip()
        if style and style in PRINT_STYLES and style != "normal":
            given["print_style"] = style
        precautions = tuple(x for x in asked.get("precautions") or [] if isinstance(x, str))
        unknown = [x for x in precautions if x not in self.library.precautions]
        if unknown:
            errors["precautions"] = f"unknown precaution '{unknown[0]}'"
        card = _text(asked.get("card")) or "none"
        if card not in CARDS:
            card = "none"
        issued = _text(asked.get("date")).strip()
        date = check_date(issued) if issued else None
        if date is None:
            errors["date"] = (f"'{issued}' is not a date; write it as YYYY-MM-DD, like 2026-03-09" if issued
                              else "give the date printed on the sheet, as YYYY-MM-DD")
        if not chosen:
            errors["exercises"] = "nothing to print yet: start from a standard sheet, or add exercises"
        if errors:
            return None, None, card
        return Request(sheet=sheet, add=add, drop=drop, doses=tuple(doses), precautions=precautions,
                         **{k: v for k, v in given.items() if v is not None}), date, card

    # --- saved programmes -----------------------------------------------------------------------

    def saved(self, clinic_file: str = "") -> list[dict]:
        """The clinic's saved programmes, newest first, with what the page needs to list and open them.

        clinic_file: the clinic file the page names (its `programmes:` folder), else the one serve started with.
        """
        rows = []
        clinic = self.clinic_for(clinic_file) if clinic_file else self.clinic
        for listed in list_programmes(self.settings, clinic, self.library):
            try:
                changed = listed.path.stat().st_mtime
            except OSError:
                changed = 0
            row = {"name": listed.name, "patient": None, "saved": None, "problem": listed.problem, "changed": changed}
            if listed.programme is not None:
                row.update(patient=listed.programme.patient, saved=listed.programme.saved,
                           request=self.as_request(listed.programme))
            rows.append(row)
        rows.sort(key=lambda r: (r["saved"] or "", r["changed"]), reverse=True)
        return rows

    def read_saved(self, text: str, label: str) -> dict:
        """A programme file's text (as `build --save` writes) -> the page's request; ValidationFailed if wrong."""
        data = read_yaml_text(text, label)
        programme, problems = read_programme(data, data.where if hasattr(data, "where") else Where(label, 1, 1))
        if programme is not None:
            problems += check_ids(programme, self.library)
        if problems:
            raise ValidationFailed(problems)
        return self.as_request(programme)

    def as_request(self, programme: Request) -> dict:
        """The page's request for a programme: the planned order, and the dose changes as typed values."""
        on_sheet = [e.exercise for e in self.library.sheets[programme.sheet].exercises] if programme.sheet else []
        order = [x for x in on_sheet if x not in programme.drop] + [x for x in programme.add if x not in on_sheet]
        doses: dict = {}
        for exercise_id, dose_field, value in programme.doses:
            doses.setdefault(exercise_id, {})[dose_field] = str(value)
        return {"sheet": programme.sheet, "exercises": order, "doses": doses, "patient": programme.patient or "",
                "clinician": programme.clinician or "", "note": programme.note or "",
                "log_weeks": "" if programme.log_weeks is None else str(programme.log_weeks),
                "page_size": programme.page_size or "", "print_style": programme.print_style or "normal",
                "precautions": list(programme.precautions), "condition": programme.condition or ""}

    def clinic_for(self, name: str):
        """The clinic file the page names, read as `--clinic` reads it (kept until the file changes)."""
        from ..clinicfile import load_clinic

        try:
            stamp = Path(name).stat().st_mtime_ns if name != "example" else 0
        except (OSError, ValueError):
            stamp = None  # missing: load_clinic says so in its own words
        kept = self._clinics.get(name)
        if kept is None or kept[0] != stamp or stamp is None:
            kept = self._clinics[name] = (stamp, load_clinic(name, self.settings))
        return kept[1]

    def save(self, outcome: Outcome, name: str, today: str) -> Path:
        """Save as `build --save NAME` does: a name in the programmes folder, never over another patient's file."""
        from ..output import slug
        from ..programmes import path_for
        from ..schema import schema_uri

        if not slug(name or ""):
            raise HandoutsError("give the programme a name with letters or digits, like maria-gomez")
        path = path_for(slug(name), self.settings, outcome.clinic)  # a name only: the page never picks a path
        check_save(path, outcome.programme)
        return save_programme(path, replace(outcome.programme, saved=today), schema_uri=schema_uri("programme"),
                              name=path.stem)


def clinic_summary(clinic, clinic_file, settings: Path) -> dict:
    """What the page says about the clinic a sheet is printed for, and where those details are set."""
    from ..clinicfile import exists
    from ..locale import Locale
    from ..programmes import folder

    if clinic_file is None and exists(Path(settings) / "clinic.yaml", "file"):
        clinic_file = Path(settings) / "clinic.yaml"  # as build finds it with no --clinic
    emergency = Locale.for_sheet(clinic.locale, clinic.emergency_number, clinic.page_size).emergency_number
    return {"name": clinic.name, "phone": clinic.phone, "emergency_number": emergency,
            "page_size": clinic.page_size, "file": str(clinic_file) if clinic_file else None,
            "programmes": str(folder(settings, clinic))}


def request_key(asked: dict) -> str:
    """A short fingerprint of a request, to keep its rendered sheet for the preview and the download."""
    return hashlib.sha256(json.dumps(asked, sort_keys=True, default=str).encode()).hexdigest()[:24]


def _movable(programme: Request, library):
    """Whether an exercise can move up or down in what the request can say.

    A standard sheet's own exercises keep the sheet's order; added exercises follow
    them in the order they were added, and move among themselves.
    """
    added = list(programme.add)
    return lambda exercise_id, step: exercise_id in added and 0 <= added.index(exercise_id) + step < len(added)


def _exercise_number(field_name: str) -> int | None:
    if field_name.startswith("exercises["):
        try:
            return int(field_name[len("exercises["):].split("]", 1)[0])
        except ValueError:
            return None
    return None


def _problem(severity: str, message: str, line: str | None = None, exercise: str | None = None) -> dict:
    return {"severity": severity, "message": message, "line": line or message, "exercise": exercise}


def _dose_dict(dose: Dose) -> dict:
    return {f.name: getattr(dose, f.name) for f in fields(Dose) if getattr(dose, f.name) is not None}


def _text(value) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value)
