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
from .errors import Problem, did_you_mean
from .equipment import equipment_list
from .locale import Locale
from .models import RED_FLAG_TIERS, AvoidItem, Clinic, Condition, Dose, Exercise, Precaution, SheetEntry
from .request import TEXT_LIMITS, BadChoice, FieldProblem, Request, text_problem  # noqa: F401 (TEXT_LIMITS: re-exported)
from .yamlfile import Where


# Who each tier of the red-flag box sends the patient to: "emergency" (the renderer adds the
# local emergency number) or "clinic" (the clinic's phone, or a line to write it in).
# The tiers' words live in words/en.yaml, like every word the sheet itself prints.
RED_FLAG_CONTACT = {"emergency": "emergency", "today": "clinic", "soon": "clinic"}
PAIN_COLOURS = ("green", "amber", "red")


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise as printed. Every text field is final: the renderer looks nothing up.

    - name: the plain name; nickname: what the nickname in it means, or None
    - easier / harder: the options in words; an option naming another exercise
      points to its number on this sheet, or is its one-line how-to; an option
      that cannot be resolved is left out (and warned about by the checks)
    - cautions: "take care" lines; support: what to hold for single-leg or balance work
    - changes: what this patient's precautions change in it, one sentence each
    - limits: the sheet's printed limits that make a do-not-do clash all right
    """

    number: int
    exercise: Exercise
    dose: Dose
    note: str | None = None
    acknowledged: tuple[tuple[str, str], ...] = ()  # (avoid or precaution id, the limit printed for the patient)
    where: Where | None = field(default=None, compare=False)
    name: str = ""
    nickname: str | None = None
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    support: str | None = None
    changes: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    dropped_options: tuple[str, ...] = ()  # ids of easier/harder options left out: no how-to to print
    usual: Dose | None = None  # the dose before the clinician's changes (the exercise's, with the sheet's on top)


@dataclass(frozen=True)
class PainLevel:
    """One light of the pain guide: colour is "green", "amber" or "red"."""

    colour: str
    label: str
    text: str


@dataclass(frozen=True)
class PainGuideText:
    levels: tuple[PainLevel, ...]  # green, amber, red, in that order
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedFlagTier:
    """One tier of the "when to get help" box, printed in order: emergency, today, soon."""

    tier: str  # "emergency", "today" or "soon"
    heading: str
    action: str
    contact: str  # "emergency": add the local emergency number; "clinic": the clinic's phone or a blank
    items: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PrecautionNote:
    """The box for one --precaution: "Because you are pregnant", advice, its own stop signs."""

    id: str
    title: str
    advice: tuple[str, ...]
    stop_signs: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EquipmentItem:
    item: str  # what to get, e.g. "A light weight, about 1 to 2 kg (2 to 4 lb)"
    stand_in: str | None  # a household stand-in, e.g. "a full water bottle", or None
    exercises: tuple[int, ...]  # the numbers of the exercises that use it


@dataclass(frozen=True)
class PlannedAvoid:
    """One "Go easy on these for now" item, with this sheet's exception in plain words."""

    id: str
    name: str
    reason: str
    exception: str | None  # e.g. "Fine in exercise 6, done as shown there: Short, slow steps back."
    safe_again: str | None  # e.g. "Many people build back up to this once the pain has settled..." (where given)


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
    # Resolved texts for the new sheet layout (see the report / README for how each is printed):
    about: str = ""  # what the condition is, two short lines for page 1
    before_you_start: tuple[str, ...] = ()  # only the advice that fits this sheet's exercises
    pain_guide: PainGuideText | None = None
    red_flags: tuple[RedFlagTier, ...] = ()
    ask_before: str | None = None  # "Ask before you start if you are pregnant, ..."
    stop_signs: tuple[str, ...] = ()  # stop exercising and get help: aerobic / standing balance sheets
    stop_signs_sources: tuple[str, ...] = ()
    precaution_notes: tuple[PrecautionNote, ...] = ()
    equipment: tuple[EquipmentItem, ...] = ()
    next_step: str | None = None
    avoid_heading: str = ""
    avoid_items: tuple[PlannedAvoid, ...] = ()
    precautions: tuple[Precaution, ...] = ()
    sources: tuple[str, ...] = ()  # the condition's sources, for a "Where this comes from" line
    # The request as a saved programme's YAML, carried inside the PDF (request.yaml) for `build --from`;
    # without the patient's name when the clinic keeps names out of files.
    request: str | None = None

    @property
    def sessions(self) -> tuple[tuple[int, ...], ...]:
        """The exercise numbers done in each session of a day (session 2 only has those done twice a day)."""
        if self.pick_one:
            return (tuple(p.number for p in self.exercises),)
        most = max((p.dose.times_per_day or 1) for p in self.exercises)
        return tuple(tuple(p.number for p in self.exercises if (p.dose.times_per_day or 1) > n) for n in range(most))

    @property
    def session_times(self) -> tuple[int, ...]:
        """Minutes for each session of a day, in order (print each when they differ)."""
        by_number = {p.number: p for p in self.exercises}
        if self.pick_one:
            return (self.session_minutes,)
        return tuple(session_minutes(by_number[n].dose for n in numbers) for numbers in self.sessions)

    @property
    def session_minutes(self) -> int:
        if self.pick_one:  # one activity per session: the longest choice
            return max(session_minutes([p.dose]) for p in self.exercises)
        return session_minutes(p.dose for p in self.exercises)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of everything printed (images by their bytes) and the tool's version.

        The request carried inside the file is not printed, so it is left out: the
        sheet id in the footer stays what it was before files carried it.
        """
        printed = {k: v for k, v in asdict(self).items() if k != "request"}
        content = {"handout": _printable(printed), "tool": __version__}
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


# Not printed, so not in the sheet id: where things came from (a dose before the clinician changed it too), how
# the file is written (PDF/A or not, the patient's name in the file's metadata or not), where programmes are saved.
_FILE_PLACES = {"where", "places", "avoid_where", "condition_where", "pdfa", "names_in_files", "programmes", "usual"}
# Added to the drawing later: left out while unset, so sheets that do not use them keep their ids.
_LATER_UNSET = {"anchor", "pushes", "hold", "from_above", "leads", "from_behind", "start_from_above"}


def _printable(value):
    """What a value contributes to the sheet id: no file places, images by their bytes."""
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()
                if k not in _FILE_PLACES and not (k in _LATER_UNSET and not v)}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    if isinstance(value, Path):
        return hashlib.sha256(value.read_bytes()).hexdigest() if value.is_file() else value.name
    return value


@dataclass(frozen=True)
class Plan:
    """A planned handout and every warning about it (severity "error" ones must never be printed)."""

    handout: Handout
    problems: tuple[Problem, ...]

    @property
    def printable(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def plan(library: Library, request: Request, *, clinic: Clinic, issued: str | None = None) -> Plan:
    """THE way from a request to a sheet: the planned handout and its warnings.

    `request` comes from command-line options, a patient-list row or a saved
    programme (request.py); `issued` is the date to print when the request has
    none (default: today). Every id the request names is checked here, and
    every choice that names nothing raises BadChoice listing each by field.
    The Handout holds every word the patient will read, so it is all that
    render.pdf.render_handout (or render.html.render_html) needs, and its
    sheet_id is a hash of what is printed. `handouts build`, `batch`, `show`
    and the local web page (`handouts serve`) all call this.
    """
    from .safety import handout_warnings

    handout = plan_request(library, request, clinic=clinic, issued=issued)
    return Plan(handout, tuple(handout_warnings(handout)))


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
    precautions: tuple[str, ...] = (),
) -> Handout:
    """plan_request with the request's fields given one by one (for tests and scripts)."""
    request = Request(sheet=sheet, add=tuple(exercises), drop=tuple(drop), doses=tuple(dose_changes),
                      condition=condition, patient=patient, clinician=clinician, note=note, log_weeks=log_weeks,
                      page_size=page_size, print_style="large" if large_print else None,
                      precautions=tuple(precautions))
    return plan_request(library, request, clinic=clinic, issued=issued)


def check_choices(library: Library, request: Request):
    """(the sheet's template, its entries after adds and drops, chosen precautions), or BadChoice naming every wrong one."""
    problems: list[FieldProblem] = []

    def wrong(field_name: str, message: str, key: str = "") -> None:
        problems.append(FieldProblem(field_name, message, key or field_name))

    for field_name in ("patient", "clinician", "note"):
        problem = text_problem(field_name, getattr(request, field_name))
        if problem:
            wrong(field_name, problem)
    template = None
    sheet_known = request.sheet is None or request.sheet in library.sheets  # else what is on it is unknown
    if request.sheet is not None:
        if request.sheet in library.sheets:
            template = library.sheets[request.sheet]
        else:
            wrong("sheet", f"unknown standard sheet '{request.sheet}'{did_you_mean(request.sheet, library.sheets)}")
    # Entries picked on the command line are sheet entries with no dose change of their own.
    entries = {e.exercise: e for e in template.exercises} if template else {}
    for number, exercise_id in enumerate(request.add, start=1):
        if exercise_id in library.exercises:
            entries.setdefault(exercise_id, SheetEntry(exercise_id))
        else:
            wrong("add", _unknown_exercise(library, exercise_id), f"add[{number}]")
    for number, exercise_id in enumerate(request.drop, start=1):
        if exercise_id in entries:
            del entries[exercise_id]
        elif sheet_known:
            wrong("drop", f"'{exercise_id}' is not on this sheet{did_you_mean(exercise_id, entries)}",
                  f"drop[{number}]")
    if not entries and not problems:
        wrong("add", "nothing to print: name a standard sheet, or add exercises")
    for exercise_id in dict.fromkeys(d[0] for d in request.doses):
        if exercise_id not in entries and sheet_known and exercise_id not in request.add:
            wrong("doses", f"'{exercise_id}' is not an exercise on this sheet{did_you_mean(exercise_id, entries)}",
                  f"doses.{exercise_id}")
    chosen = []
    for number, precaution_id in enumerate(dict.fromkeys(request.precautions), start=1):
        if precaution_id in library.precautions:
            chosen.append(library.precautions[precaution_id])
        else:
            wrong("precautions", f"unknown precaution '{precaution_id}'"
                                 f"{did_you_mean(precaution_id, library.precautions)}", f"precautions[{number}]")
    from .membership import condition_for_exercises, unknown_condition

    condition_id = request.condition or (template.condition if template else None)
    if condition_id is not None:
        if unknown := unknown_condition(library, condition_id):
            wrong("condition", unknown)
    elif not problems:  # a hand-picked sheet: the one condition its exercises share
        condition_id, why_not = condition_for_exercises(library, entries)
        if why_not:
            wrong("condition", why_not)
    if problems:
        raise BadChoice(problems, request.places)
    return template, entries, chosen, condition_id


def _unknown_exercise(library: Library, exercise_id: str) -> str:
    return f"unknown exercise '{exercise_id}'{did_you_mean(exercise_id, library.exercises)}"


def plan_request(library: Library, request: Request, *, clinic: Clinic, issued: str | None = None) -> Handout:
    """The Handout for one request: a standard sheet (optional) with added and dropped exercises and dose changes."""
    import datetime

    issued = request.date or issued or datetime.date.today().isoformat()
    template, entries, chosen, condition_id = check_choices(library, request)
    sheet, exercises, drop = request.sheet, request.add, request.drop
    patient, clinician, note, log_weeks = request.patient, request.clinician, request.note, request.log_weeks
    page_size, large_print, condition = request.page_size, request.large_print, request.condition
    changes: dict[str, dict] = {}
    for exercise_id, dose_field, value in request.doses:
        changes.setdefault(exercise_id, {})[dose_field] = value

    numbers = {exercise_id: n for n, exercise_id in enumerate(entries, start=1)}
    planned = []
    for number, entry in enumerate(entries.values(), start=1):
        exercise = library.exercises[entry.exercise]
        usual = exercise.dose.merged(entry.dose)
        dose = replace(usual, **changes.get(entry.exercise, {}))
        easier, dropped = _options(library, exercise.easier, numbers, "instead")
        harder, dropped_harder = _options(library, exercise.harder, numbers, "next")
        planned.append(PlannedExercise(
            number, exercise, dose, entry.note, entry.acknowledge, entry.where,
            name=exercise.name, nickname=exercise.nickname, easier=easier, harder=harder,
            cautions=exercise.cautions, support=exercise.support,
            changes=_precaution_changes(exercise, chosen, dict(entry.acknowledge)),
            limits=tuple(dict.fromkeys(reason for _, reason in entry.acknowledge)),
            dropped_options=dropped + dropped_harder, usual=usual))

    advice = library.conditions[condition_id]
    words = Locale.for_sheet(clinic.locale, clinic.emergency_number, page_size or clinic.page_size).words
    avoid_ids = template.avoid if template and template.avoid else advice.avoid
    avoid = tuple(library.avoid[a] for a in avoid_ids)

    from .programmes import request_text

    carried = request_text(clinic, sheet=sheet, add=tuple(exercises), drop=tuple(drop),
                           doses=tuple(request.doses), condition=condition, patient=patient, clinician=clinician,
                           note=note, log_weeks=log_weeks,
                           # The clinic's own paper and normal print are the defaults, given or not:
                           # the same choices carry the same request, so the same bytes.
                           page_size=page_size if page_size != clinic.page_size else None,
                           print_style="large" if large_print else None, precautions=tuple(request.precautions))
    return Handout(
        request=carried,
        title=template.title if template else words("custom_title", condition=advice.name_in_sentence),
        # A hand-picked sheet has no intro of its own; `about` already says what the condition is.
        intro=template.intro if template else words("custom_intro"),
        condition=advice,
        exercises=tuple(planned),
        avoid=avoid,
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
        about=advice.about,
        before_you_start=_fitting_advice(advice, planned),
        pain_guide=_pain_guide(advice, words),
        red_flags=_red_flags(advice, words),
        avoid_heading=words("avoid_heading"),
        ask_before=advice.ask_before.items[0] if advice.ask_before else None,
        stop_signs=_stop_signs(advice, planned, chosen),
        stop_signs_sources=tuple(map(str, advice.stop_signs.sources)) if advice.stop_signs else (),
        precaution_notes=tuple(PrecautionNote(p.id, p.title, p.advice, p.stop_signs, tuple(map(str, p.sources)))
                               for p in chosen),
        equipment=tuple(EquipmentItem(*row) for row in equipment_list((p.number, p.exercise) for p in planned)),
        next_step=template.next_step if template else None,
        avoid_items=_planned_avoid(avoid, planned),
        precautions=tuple(chosen),
        sources=tuple(map(str, advice.sources)),
    )


def applies(when: tuple[str, ...], planned) -> bool:
    """Whether advice tagged with kinds, attributes or equipment fits a sheet with these exercises."""
    if not when:
        return True
    return any(p.exercise.kind in when or p.exercise.all_attributes & set(when) or set(p.exercise.equipment) & set(when)
               for p in planned)


def _plain_condition(library, exercise_ids) -> str | None:
    """For a hand-picked sheet with no --condition: the one condition the picked exercises belong to
    (on that condition's standard sheets, or tagged with its id), or None when that is not plain.
    An exercise that belongs to no condition (a clinic's own) neither adds nor rules out one."""
    if len(library.conditions) < 2:
        return None
    candidates = set(library.conditions)
    known = False
    for exercise_id in exercise_ids:
        tags = set(library.exercises[exercise_id].tags) if exercise_id in library.exercises else set()
        belongs = {s.condition for s in library.sheets.values()
                   if any(e.exercise == exercise_id for e in s.exercises)} | (tags & set(library.conditions))
        if belongs:
            candidates &= belongs
            known = True
    return next(iter(candidates)) if known and len(candidates) == 1 else None


def _fitting_advice(condition: Condition, planned) -> tuple[str, ...]:
    if not condition.advice:
        return condition.before_you_start
    return tuple(a.text for a in condition.advice if applies(a.when, planned))


def needs_stop_signs(planned) -> bool:
    """Aerobic work, or balance work standing up (tai chi, one-leg moves), needs exercise stop signs."""
    return any(p.exercise.kind in ("aerobic", "balance")
               or {"standing", "single-leg"} <= p.exercise.all_attributes for p in planned)


def _stop_signs(condition: Condition, planned, precautions) -> tuple[str, ...]:
    if condition.stop_signs is None:
        return ()
    if needs_stop_signs(planned) or any(p.stop_signs for p in precautions):
        return condition.stop_signs.items
    return ()


def _pain_guide(condition: Condition, words) -> PainGuideText | None:
    guide = condition.pain_guide
    if guide is None:
        return None
    levels = tuple(PainLevel(c, words(f"pain_{c}"), getattr(guide, c)) for c in PAIN_COLOURS)
    return PainGuideText(levels, tuple(map(str, guide.sources)))


def _red_flags(condition: Condition, words) -> tuple[RedFlagTier, ...]:
    tiers = []
    for tier in RED_FLAG_TIERS:
        guidance = condition.red_flags.get(tier)
        if guidance is None:
            continue
        tiers.append(RedFlagTier(tier, words(f"red_flag_{tier}_heading"), words(f"red_flag_{tier}_action"),
                                 RED_FLAG_CONTACT[tier], guidance.items, tuple(map(str, guidance.sources))))
    return tuple(tiers)


def exercise_numbers(numbers: list[int]) -> str:
    """"exercise 2", "exercises 1, 3 and 5": how the sheet names its own numbered exercises in a sentence."""
    if len(numbers) == 1:
        return f"exercise {numbers[0]}"
    return "exercises " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _planned_avoid(avoid, planned) -> tuple[PlannedAvoid, ...]:
    items = []
    for item in avoid:
        # Name the limit that makes each one all right, so an exception never reads as "do the thing".
        by_limit: dict[str, list[int]] = {}
        for p in planned:
            if item.id in dict(p.acknowledged):
                by_limit.setdefault(dict(p.acknowledged)[item.id], []).append(p.number)
        exception = " ".join(f"Fine in {exercise_numbers(numbers)}, done as shown there: {limit}"
                             for limit, numbers in by_limit.items()) or None
        items.append(PlannedAvoid(item.id, item.name, item.reason, exception, item.safe_again))
    return tuple(items)


def _options(library: Library, options, numbers: dict[str, int], way: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Easier/harder options in final words, and the ids left out because nothing can be printed for them."""
    texts, dropped = [], []
    for option in options:
        other = library.exercises.get(option)
        if other is None:
            texts.append(option)
        elif option in numbers:
            if way != "instead":
                continue  # the patient already does it: "move on to it" would read as "stop this one"
            texts.append(f"On a day this is too much, do exercise {numbers[option]}, “{other.name}”, in its place.")
        elif other.how_to:
            texts.append(other.how_to)
        else:
            dropped.append(option)
    return tuple(texts), tuple(dropped)


def _precaution_changes(exercise: Exercise, precautions, acknowledged: dict[str, str]) -> tuple[str, ...]:
    changes = []
    for precaution in precautions:
        if precaution.id in acknowledged:
            changes.append(acknowledged[precaution.id])
            continue
        matched = {c.attribute for c in precaution.changes} & exercise.all_attributes
        if "single-leg" in matched:
            matched.discard("standing")  # the one-leg change says more, and says it first
        for change in precaution.changes:
            if change.attribute in matched and change.change not in changes:
                changes.append(change.change)
    return tuple(changes)
