"""A sheet that never contradicts itself.

Each check compares two things the patient reads on the same sheet:
- the sheet's "How often" against every exercise's times a day and days a week;
- the session time against each session actually done (a second daily session
  with fewer exercises takes less time than the first);
- any "N minutes a week" aim against what the doses add up to;
- a printed limit ("up to 20 minutes") against the dose and the "Harder" option;
- easier/harder options that name an exercise the patient does not have and
  that have no one-line how-to (left off the sheet);
- "Before you start" advice whose words speak of one kind of exercise
  (standing, stretching, floor work) but that is printed for every sheet;
- do-not-do items that the sheet's own exercises contradict without a printed exception.
"""

from __future__ import annotations

import re

from ..dosewords import session_minutes
from ..errors import Problem
from ..yamlfile import Where

NO_FILE = Where("build", 0, 0)
NUMBER_WORDS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7}
# Words in a piece of advice that tie it to one kind of exercise, and the kinds/attributes it then needs.
KIND_WORDS = {
    r"\bstanding\b|\bstand\b": ("standing",),
    r"\bstretch": ("stretch",),
    r"\bfloor\b|\blying\b|\blie\b|\bmat\b": ("lying-on-back", "lying-on-front", "kneeling"),
    r"\bwalk": ("aerobic", "standing"),
}
SESSION_SLACK = 2  # minutes: sessions that differ by more than this need their own times


def _warn(where, field, message) -> Problem:
    return (where or NO_FILE).warning(field, message)


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def stated_times_per_day(text: str) -> set[int] | None:
    """{1, 2} for 'once or twice a day'; None when the text says nothing about it."""
    lower = text.lower()
    found = set()
    m = re.search(r"((?:once|twice|\w+)(?: times)?(?:\s+or\s+(?:once|twice|\w+)(?: times)?)?)\s+a day", lower)
    if m:
        for word in re.findall(r"once|twice|\w+", m.group(1)):
            n = _number(word)
            if n:
                found.add(n)
    return found or None


def stated_days_per_week(text: str) -> set[int] | None:
    lower = text.lower()
    if "every day" in lower or "daily" in lower:
        return {7}
    if "most days" in lower:
        return {5, 6, 7}
    m = re.search(r"(\w+)(?:\s+or\s+(\w+))?\s+days? a week", lower)
    if m:
        found = {n for n in (_number(m.group(1)), _number(m.group(2) or "")) if n}
        if found:
            return found
    return None


def how_often_findings(handout) -> list[Problem]:
    if not handout.how_often:
        return []
    problems = []
    per_day = stated_times_per_day(handout.how_often)
    per_week = stated_days_per_week(handout.how_often)
    for p in handout.exercises:
        field = f"exercises[{p.number}].dose"
        if per_day and p.dose.times_per_day and p.dose.times_per_day not in per_day:
            problems.append(_warn(p.where or handout.where, field, (
                f"the sheet says '{handout.how_often}' but '{p.exercise.id}' is dosed {p.dose.times_per_day} "
                "times a day; make them agree (set times_per_day in the sheet entry)")))
        if per_week and p.dose.days_per_week and p.dose.days_per_week not in per_week:
            problems.append(_warn(p.where or handout.where, field, (
                f"the sheet says '{handout.how_often}' but '{p.exercise.id}' is dosed {p.dose.days_per_week} "
                "days a week; make them agree (set days_per_week in the sheet entry)")))
    return problems


def session_findings(handout) -> list[Problem]:
    """One session time is printed; it must fit every session of the day."""
    sessions = handout.sessions
    if len(sessions) < 2 or handout.template_id is None:
        # A hand-picked sheet may mix once- and twice-a-day exercises: Handout.session_times
        # gives the renderer each session's own time. A standard sheet keeps one rhythm.
        return []
    by_number = {p.number: p for p in handout.exercises}
    times = [session_minutes(by_number[n].dose for n in numbers) for numbers in sessions]
    if max(times) - min(times) <= SESSION_SLACK:
        return []
    return [_warn(handout.where, "exercises", (
        f"the sheet prints one session time (about {handout.session_minutes} minutes) but its sessions differ: "
        + ", ".join(f"session {i} has {len(s)} exercises, about {t} minutes" for i, (s, t)
                    in enumerate(zip(sessions, times), start=1))
        + "; give every exercise the same times a day"))]


def _sheet_texts(handout):
    """(field, text) the patient reads as what to do now (not the next step)."""
    texts = [("intro", handout.intro), ("how_often", handout.how_often or ""), ("note", handout.note or "")]
    for p in handout.exercises:
        texts += [(f"exercises[{p.number}]", t) for t in (*p.exercise.steps, *p.cautions, *p.limits)]
    return texts


def weekly_minutes(handout) -> int:
    """The most minutes a week the doses add up to (on a pick-one sheet, the longest choice on every day)."""
    per_week = [(p.dose.minutes or 0) * (p.dose.times_per_day or 1) * (p.dose.days_per_week or 7)
                for p in handout.exercises]
    if handout.pick_one:
        days = max((p.dose.days_per_week or 7) for p in handout.exercises)
        return max((p.dose.minutes or 0) * (p.dose.times_per_day or 1) for p in handout.exercises) * days
    return sum(per_week)


def weekly_target_findings(handout) -> list[Problem]:
    problems = []
    total = weekly_minutes(handout)
    for field, text in _sheet_texts(handout):
        for m in re.finditer(r"(\d+)\s+minutes (?:a|per|each) week", text.lower()):
            target = int(m.group(1))
            if abs(target - total) > max(5, target // 10):
                problems.append(_warn(handout.where, field, (
                    f"says {target} minutes a week, but the doses add up to about {total}; "
                    "make the aim match the doses, or move it to the next step")))
    return problems


_LIMIT = re.compile(r"(\d+)\s+minutes")


def limit_findings(handout) -> list[Problem]:
    """A printed limit must allow the dose, and a "Harder" option must stay inside it."""
    problems = []
    for p in handout.exercises:
        field = f"exercises[{p.number}]"
        limits = [int(m.group(1)) for text in p.limits for m in _LIMIT.finditer(text.lower())]
        if not limits:
            continue
        limit = min(limits)
        if p.dose.minutes and p.dose.minutes > limit:
            problems.append(_warn(p.where or handout.where, f"{field}.dose", (
                f"'{p.exercise.id}' is dosed {p.dose.minutes} minutes but its printed limit is {limit} minutes")))
        for text in p.harder:
            lower = text.lower()
            if re.search(r"\badd\b|\blonger\b|\bmore minutes\b", lower):
                ceilings = [int(m.group(1)) for m in _LIMIT.finditer(lower)]
                if not ceilings or max(ceilings) > limit:
                    problems.append(_warn(p.where or handout.where, f"{field}.harder", (
                        f"'Harder: {text}' goes past the printed limit of {limit} minutes; "
                        f"say 'up to {limit} minutes' or change the limit")))
    return problems


def cross_reference_findings(handout) -> list[Problem]:
    problems = []
    for p in handout.exercises:
        for option in p.dropped_options:
            problems.append(_warn(p.where or handout.where, f"exercises[{p.number}]", (
                f"'{p.exercise.id}' points to '{option}', which is not on this sheet and has no `how_to:` line; "
                "the option is left off. Add a one-line how_to to that exercise, or put it on the sheet")))
    return problems


def advice_findings(handout, condition) -> list[Problem]:
    """Untagged advice that speaks of one kind of exercise the sheet does not have."""
    from ..handout import applies

    problems = []
    for number, advice in enumerate(condition.advice or (), start=1):
        if advice.when:
            continue
        for pattern, needs in KIND_WORDS.items():
            if re.search(pattern, advice.text.lower()) and not applies(needs, handout.exercises):
                problems.append(_warn(condition.where, f"before_you_start[{number}]", (
                    f"'{advice.text[:50]}…' speaks of {needs[0]} exercises, but this sheet has none; "
                    f"tag it with `when: [{', '.join(needs)}]` so it prints only where it fits")))
                break
    return problems


def avoid_findings(handout) -> list[Problem]:
    """Every do-not-do item an exercise on the sheet knowingly does must carry its printed exception."""
    from ..safety import find_conflicts

    problems = []
    exceptions = {item.id: item.exception for item in handout.avoid_items}
    for p in handout.exercises:
        for conflict in find_conflicts(p, handout.avoid):
            if conflict.avoid.id in dict(p.acknowledged) and not exceptions.get(conflict.avoid.id):
                problems.append(_warn(p.where or handout.where, f"exercises[{p.number}]", (
                    f"'{conflict.avoid.name}' is on the do-not-do list with no exception printed, "
                    f"but exercise {p.number} does it")))
    return problems


def findings(handout) -> list[Problem]:
    return [*how_often_findings(handout), *session_findings(handout), *weekly_target_findings(handout),
            *limit_findings(handout), *cross_reference_findings(handout),
            *advice_findings(handout, handout.condition), *avoid_findings(handout)]


def library_findings(library) -> list[Problem]:
    """An easier/harder option naming another exercise needs that exercise's one-line how-to,
    for the sheets that do not have it."""
    problems = []
    for exercise in library.exercises.values():
        for key in ("easier", "harder"):
            for number, option in enumerate(getattr(exercise, key), start=1):
                other = library.exercises.get(option)
                if other is not None and not other.how_to:
                    problems.append(exercise.where.warning(f"{key}[{number}]", (
                        f"points to '{option}', which has no `how_to:` line; on a sheet without "
                        f"'{option}' the option is left off. Add a one-line how_to to '{option}'")))
    return problems
