"""Plain-text views of the catalogue for `handouts list` and `handouts show`."""

from __future__ import annotations

from .catalogue import Library, exercise_label
from .dosewords import dose_sentences, session_minutes
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
        text = " ".join([exercise.id, exercise.name, exercise.summary, *exercise.steps,
                         *exercise.body_area, *exercise.tags]).lower()
        return all(word in text for word in search.lower().split())
    return True


def list_exercises(library: Library, **filters) -> str:
    rows = [(e.id, e.name, e.kind, e.position, ", ".join(e.equipment))
            for e in library.exercises.values() if matches(e, **filters)]
    if not rows:
        return "No exercises match. Try fewer filters, or `handouts list` to see them all."
    return table(sorted(rows), ("id", "name", "kind", "position", "equipment")) + f"\n\n{plural(len(rows), 'exercise')}"


def list_sheets(library: Library) -> str:
    rows = [(s.id, s.title, str(len(s.exercises))) for s in library.sheets.values()]
    return table(sorted(rows), ("id", "title", "exercises")) + f"\n\n{plural(len(rows), 'standard sheet')}"


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


def show_sheet(library: Library, s: SheetTemplate) -> str:
    condition = library.conditions[s.condition]
    doses = []
    lines = []
    for n, entry in enumerate(s.exercises, start=1):
        exercise = library.exercises[entry.exercise]
        dose = exercise.dose.merged(entry.dose)
        doses.append(dose)
        lines.append(f"{n}. {exercise.name} [{exercise.id}]: {' '.join(dose_sentences(dose))}")
    out = [f"{s.title}  [{s.id}]", f"Condition: {condition.name}", "", s.intro]
    if s.how_often:
        out.append(f"How often: {s.how_often}")
    out += _section("Exercises", lines)
    out.append(f"\nAbout {session_minutes(doses)} minutes a session; log for {s.log_weeks} weeks.")
    avoid_ids = s.avoid or condition.avoid
    out += _section("Do not do", (library.avoid[a].name for a in avoid_ids))
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
