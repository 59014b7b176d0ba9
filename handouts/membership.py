"""Which exercises and standard sheets belong to a condition (for `list --condition` and hand-picked sheets).

An exercise belongs to a condition when its `tags` name the condition's id, or when it is on one
of that condition's standard sheets: a bridge written for SI joint pain and put on a low back
sheet belongs to both, with no edit to its file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import did_you_mean

if TYPE_CHECKING:  # a Library, or the catalogue as `handouts list` keeps it (listing.py)
    from .catalogue import Library


def unknown_condition(library: Library, condition_id: str) -> str | None:
    """What is wrong with a condition id (a did-you-mean, or the list of conditions), or None if it exists."""
    if condition_id in library.conditions:
        return None
    hint = did_you_mean(condition_id, library.conditions) or f"; the conditions are: {', '.join(library.conditions)}"
    return f"unknown condition '{condition_id}'{hint}"


def known_condition(library: Library, condition_id: str) -> str:
    """The id, or BadChoice on the `condition` field (the command line names it --condition)."""
    from .request import BadChoice

    message = unknown_condition(library, condition_id)
    if message:
        raise BadChoice.one("condition", message)
    return condition_id


def sheets_for(library: Library, condition_id: str) -> list:
    return [s for s in library.sheets.values() if s.condition == condition_id]


def exercises_for(library: Library, condition_id: str) -> list:
    """The condition's exercises, as listed: a clinic's may still be packed (parsecache.Packed), with
    what a list shows; `listed_whole` gives one whole."""
    on_sheets = {e.exercise for s in sheets_for(library, condition_id) for e in s.exercises}
    return [e for e in as_listed(library) if condition_id in e.tags or e.id in on_sheets]


def as_listed(library: Library):
    """Every exercise with what a list shows and filters on (id, name, kind, position, equipment, tags),
    unpacking none: a clinic's thousand exercises are listed from what their packing carries."""
    exercises = library.exercises
    return exercises.as_kept() if hasattr(exercises, "as_kept") else exercises.values()


def listed_whole(exercise):
    """An exercise from as_listed() as the whole exercise (for the words a search looks through)."""
    from .parsecache import Unpacking

    return Unpacking.whole(exercise)


def conditions_of(library: Library, exercise_id: str) -> list[str]:
    """The conditions an exercise belongs to, in catalogue order."""
    exercise = library.exercises[exercise_id]
    return [c for c in library.conditions
            if c in exercise.tags or any(e.exercise == exercise_id for s in sheets_for(library, c) for e in s.exercises)]


def condition_for_exercises(library: Library, exercise_ids) -> tuple[str | None, str | None]:
    """(the one condition every hand-picked exercise belongs to, None) or (None, why not: pick one).

    Exercises on no condition (a clinic's own, untagged) do not narrow the choice; with a single
    condition in the catalogue it is that one."""
    if len(library.conditions) == 1:
        return next(iter(library.conditions)), None
    shared = None
    for exercise_id in exercise_ids:
        own = set(conditions_of(library, exercise_id))
        if own:  # a clinic's own untagged exercise fits any condition
            shared = own if shared is None else shared & own
    fits = [c for c in library.conditions if shared and c in shared]
    if len(fits) == 1:
        return fits[0], None
    reason = (f"these exercises fit {' and '.join(fits)}" if fits
              else "no one condition has all of these exercises")
    return None, f"{reason}; pick one of: {', '.join(library.conditions)}"
