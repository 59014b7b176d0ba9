"""Plain-text views of the catalogue for `handouts list` and `handouts show`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import membership

if TYPE_CHECKING:  # `handouts list` from listing.py loads no models
    from .catalogue import Library
    from .models import AvoidItem, Exercise, SheetTemplate


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """Columns padded to their widest cell; the last column is left ragged."""
    rows = [header, *rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * len(c) for c in cells).rstrip())
    return "\n".join(lines)


def matches(exercise: Exercise, kind=None, tag=None, equipment=None, position=None, search=None) -> bool:
    if kind and exercise.kind != kind:
        return False
    if tag and tag not in exercise.tags:
        return False
    if equipment and not any(equipment.lower() in e.lower() for e in exercise.equipment):
        return False
    if position and position.lower() not in exercise.position:
        return False
    if search:
        exercise = membership.listed_whole(exercise)  # steps and summary are not kept beside a packed one
        text = " ".join([exercise.id, exercise.name, exercise.summary, *exercise.steps,
                         *exercise.body_area, *exercise.tags]).lower()
        return all(word in text for word in search.lower().split())
    return True


def _plain(text: str) -> str:
    """Lower case words and numbers only, one space apart: "Bird-dog " and "bird dog" read the same."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def search_rank(exercise: Exercise, search: str) -> int:
    """Where a match found by `matches(search=...)` stands; lower comes first. The one rule for
    `handouts list --search` and the search on `handouts serve`'s page (a clinician who typed "bridge"
    had to read past two other bridges to find plain "Bridge"):
    0 the name, or its other name in brackets ("bird dog"), is the words typed; 1 it starts with them;
    2 it holds them as a phrase; 3 it holds each word; 4 the words are only in the steps, summary or tags."""
    words = _plain(search)
    if not words:
        return 0
    others = re.findall(r"\(([^)]*)\)", exercise.name)
    names = [_plain(n) for n in (exercise.name, re.sub(r"\([^)]*\)", " ", exercise.name), *others)]
    if words in names:
        return 0
    if any(n.startswith(words) for n in names):
        return 1
    if any(f" {words}" in f" {n}" for n in names):
        return 2
    if all(w in names[0] or w in exercise.id for w in words.split()):
        return 3
    return 4


EXERCISE_COLUMNS = ("id", "name", "kind", "position", "equipment")


def _exercise_row(e: Exercise) -> tuple[str, ...]:
    return e.id, e.name, e.kind, e.position, ", ".join(e.equipment)


def list_exercises(library: Library, condition: str | None = None, **filters) -> str:
    """The exercises that match; with no condition and no filter, grouped by condition."""
    if condition is None and not any(filters.values()):
        return _by_condition(library)
    pool = membership.exercises_for(library, condition) if condition else membership.as_listed(library)
    found = sorted((e for e in pool if matches(e, **filters)), key=_exercise_row)
    if filters.get("search"):  # the names that match best first, as on `handouts serve`'s page
        found.sort(key=lambda e: search_rank(e, filters["search"]))
    rows = [_exercise_row(e) for e in found]
    if not rows:
        return "No exercises match. Try fewer filters, or `handouts list` to see them all."
    return table(rows, EXERCISE_COLUMNS) + f"\n\n{plural(len(rows), 'exercise')}"


def _by_condition(library: Library) -> str:
    """One table per condition (an exercise shared by two shows under both), then any on none."""
    out, placed = [], set()
    for condition in library.conditions.values():
        members = membership.exercises_for(library, condition.id)
        placed.update(e.id for e in members)
        out.append(f"{condition.name} [{condition.id}]: {plural(len(members), 'exercise')}\n"
                   + (table(sorted(map(_exercise_row, members)), EXERCISE_COLUMNS) if members else "  (none yet)"))
    others = [e for e in membership.as_listed(library) if e.id not in placed]
    if others:
        out.append(f"On no condition's sheets and tagged with none: {plural(len(others), 'exercise')}\n"
                   + table(sorted(map(_exercise_row, others)), EXERCISE_COLUMNS))
    return "\n\n".join(out) + f"\n\n{plural(len(library.exercises), 'exercise')} in all"


def list_sheets(library: Library, condition: str | None = None) -> str:
    sheets = membership.sheets_for(library, condition) if condition else library.sheets.values()
    rows = [(s.id, s.title, s.condition, str(len(s.exercises))) for s in sheets]
    if not rows:
        return f"No standard sheets for '{condition}' yet."
    return (table(sorted(rows), ("id", "title", "condition", "exercises"))
            + f"\n\n{plural(len(rows), 'standard sheet')}")


def list_avoid(library: Library) -> str:
    rows = [(a.id, a.name) for a in library.avoid.values()]
    return table(sorted(rows), ("id", "what not to do")) + f"\n\n{plural(len(rows), 'avoid item')}"


def _section(title: str, lines) -> list[str]:
    lines = list(lines)
    return [f"\n{title}:", *(f"  {line}" for line in lines)] if lines else []


def _sources(item) -> list[str]:
    return _section("Sources", (s.title + (f" (citing {', '.join(s.cites)})" if s.cites else "")
                                for s in item.sources))


def show_exercise(library: Library, e: Exercise) -> str:
    from .catalogue import exercise_label
    from .dosewords import dose_sentences

    out = [f"{e.name}  [{e.id}]", f"{e.kind}, {e.position}; works: {', '.join(e.body_area)}",
           f"Equipment: {', '.join(e.equipment)}", f"Tags: {', '.join(e.tags) or '-'}", "", e.summary]
    out += _section("Steps", (f"{n}. {s}" for n, s in enumerate(e.steps, start=1)))
    out += _section("How much", dose_sentences(e.dose))
    out += _section("Take care", e.cautions)
    out += _section("Easier", (exercise_label(library, x) for x in e.easier))
    out += _section("Harder", (exercise_label(library, x) for x in e.harder))
    out += _section("Strain it puts on the body (loads)", [", ".join(e.loads)] if e.loads else [])
    out += _section("Video", [e.video_url] if e.video_url else [])
    out += _section("Picture", [str(e.image)] if e.image else [])
    out += _sources(e)
    out.append(f"\nDefined in {e.where.path}:{e.where.line}")
    return "\n".join(out)


def show_sheet(h, s: SheetTemplate) -> str:
    """A standard sheet as planned (`h`, the Handout): the same exercises, doses and time as the printed sheet."""
    from .dosewords import dose_sentences

    lines = [f"{p.number}. {p.name} [{p.exercise.id}]: {' '.join(dose_sentences(p.dose))}" for p in h.exercises]
    out = [f"{h.title}  [{s.id}]", f"Condition: {h.condition.name}", "", h.intro]
    if h.how_often:
        out.append(f"How often: {h.how_often}")
    out += _section("Exercises", lines)
    each = "One of these a session" if h.pick_one else "All of these each session"
    out.append(f"\n{each}: about {h.session_minutes} minutes a session; log for {h.log_weeks} weeks.")
    out += _section("Go easy on these for now", (a.name for a in h.avoid_items))
    if s.note:
        out += _section("Clinician note", [s.note])
    out.append(f"\nDefined in {s.where.path}:{s.where.line}")
    return "\n".join(out)


def show_avoid(a: AvoidItem) -> str:
    out = [f"{a.name}  [{a.id}]", "", f"Why: {a.reason}"]
    out += _section("Strain it stands for (loads)", [", ".join(a.loads)] if a.loads else [])
    out += _sources(a)
    out.append(f"\nDefined in {a.where.path}:{a.where.line}")
    return "\n".join(out)


def list_precautions(library: Library) -> str:
    rows = [(p.id, p.name, ", ".join(p.rules_out) or "-", ", ".join(c.attribute for c in p.changes) or "-")
            for p in library.precautions.values()]
    if not rows:
        return "No precautions in the catalogue."
    return (table(sorted(rows), ("id", "name", "rules out", "changes"))
            + f"\n\n{plural(len(rows), 'precaution')}; use one with `handouts build SHEET --precaution ID`")


def _source_lines(sources) -> list[str]:
    return [f"  Source: {s}" for s in sources]


def show_precaution(library: Library, p) -> str:
    out = [f"{p.name}  [{p.id}]", "", f"Box on the sheet: {p.title}"]
    out += _section("Rules out exercises that are", p.rules_out)
    out += _section("Changes exercises that are", (f"{c.attribute}: {c.change}" for c in p.changes))
    out += _section("Advice printed", p.advice)
    out += _section("Stop signs printed", p.stop_signs)
    ruled = [e.id for e in library.exercises.values() if e.all_attributes & set(p.rules_out)]
    changed = [e.id for e in library.exercises.values()
               if e.id not in ruled and e.all_attributes & {c.attribute for c in p.changes}]
    out += _section("Exercises it rules out", [", ".join(ruled)] if ruled else ["none"])
    out += _section("Exercises it changes", [", ".join(changed)] if changed else ["none"])
    out += _sources(p)
    out.append(f"\nDefined in {p.where.path}:{p.where.line}")
    return "\n".join(out)


def show_condition(c) -> str:
    out = [f"{c.name}  [{c.id}]", "", c.about]
    out += _section("Before you start (when: the kinds or attributes it needs)",
                    (a.text + (f"  [when: {', '.join(a.when)}]" if a.when else "") for a in c.advice)
                    if c.advice else c.before_you_start)
    if c.pain_guide:
        out += _section("Pain guide", [f"green: {c.pain_guide.green}", f"amber: {c.pain_guide.amber}",
                                       f"red: {c.pain_guide.red}", *_source_lines(c.pain_guide.sources)])
    for tier, guidance in c.red_flags.items():
        out += _section(f"Red flags, {tier}", [*guidance.items, *_source_lines(guidance.sources)])
    for key, label in (("ask_before", "Ask before you start"), ("stop_signs", "Exercise stop signs")):
        guidance = getattr(c, key)
        if guidance:
            out += _section(label, [*guidance.items, *_source_lines(guidance.sources)])
    out += _sources(c)
    if c.where:
        out.append(f"\nDefined in {c.where.path}:{c.where.line}")
    return "\n".join(out)


def show_plan(h) -> str:
    """Every word the planned sheet gives the patient, in reading order (a text view of the Handout)."""
    from .dosewords import dose_sentences

    out = ["=== As planned for the patient ===", h.title, "", h.about, "", h.intro]
    if h.how_often:
        out.append(f"How often: {h.how_often}")
    if h.note:
        out.append(f"Note: {h.note}")
    if h.ask_before:
        out.append(h.ask_before)
    out += _section("You will need", (f"{e.item}" + (f" (or {e.stand_in})" if e.stand_in else "")
                                      + f" — exercise {', '.join(map(str, e.exercises))}" for e in h.equipment))
    out += _section("Before you start", h.before_you_start)
    if h.pain_guide:
        out += _section("How much pain is all right", [*(f"{l.colour.upper()} — {l.label}: {l.text}"
                                                         for l in h.pain_guide.levels),
                                                       *_source_lines(h.pain_guide.sources)])
    for note in h.precaution_notes:
        out += _section(note.title, [*note.advice, *(f"Stop and get help: {s}" for s in note.stop_signs),
                                     *_source_lines(note.sources)])
    for p in h.exercises:
        out.append(f"\n{p.number}. {p.name}" + (f" — {p.nickname}" if p.nickname else ""))
        out.append(f"  {p.exercise.summary}")
        out += [f"  Step {n}: {s}" for n, s in enumerate(p.exercise.steps, start=1)]
        out += [f"  How much: {' '.join(dose_sentences(p.dose))}"]
        out += [f"  Hold on: {p.support}"] if p.support else []
        out += [f"  Take care: {c}" for c in p.cautions]
        out += [f"  Do it this way: {l}" for l in p.limits]
        out += [f"  For you: {c}" for c in p.changes]
        out += [f"  Easier: {e}" for e in p.easier]
        out += [f"  Harder: {e}" for e in p.harder]
        if p.note:
            out.append(f"  Note: {p.note}")
    out += _section("Stop exercising and get help if you have", h.stop_signs)
    if h.avoid_items:
        out += _section(h.avoid_heading, (f"{a.name}. {a.reason}" + (f" {a.exception}" if a.exception else "")
                                          + (f" {a.safe_again}" if a.safe_again else "") for a in h.avoid_items))
    for tier in h.red_flags:
        contact = "[emergency number]" if tier.contact == "emergency" else "[clinic phone, or a blank]"
        out += _section(f"{tier.heading} ({contact})", [tier.action, *(f"- {i}" for i in tier.items),
                                                         *_source_lines(tier.sources)])
    if h.next_step:
        out += _section("What comes next", [h.next_step])
    out.append(f"\nAbout {h.session_minutes} minutes a session; sessions: "
               + "; ".join(", ".join(map(str, s)) for s in h.sessions))
    return "\n".join(out)
