"""Balance work names what to hold; progressions that take the support away say to ask first.

Every exercise that stands on one leg, or mostly on one leg, and every standing
balance exercise, needs a `support:` line (a chair, a counter, a wall). A
"Harder" option that removes the support must say to ask first.
"""

from __future__ import annotations

import re

from ..errors import Problem

REMOVES_SUPPORT = re.compile(
    r"no support|without (?:support|holding)|let go|hands? free|off the floor|eyes closed|close your eyes|"
    r"lift the back foot|hold on more lightly|fingertip|one hand only|stand on one leg", re.IGNORECASE)
ASKS_FIRST = re.compile(r"\bask\b", re.IGNORECASE)


def needs_support(exercise) -> bool:
    attributes = exercise.all_attributes
    return "single-leg" in attributes or (exercise.kind == "balance" and "standing" in attributes)


def exercise_findings(exercise, where, field_prefix: str = "") -> list[Problem]:
    problems = []
    if needs_support(exercise) and not exercise.support:
        problems.append(where.warning(f"{field_prefix}support", (
            f"'{exercise.id}' is one-leg or balance work; add `support:` saying what to hold "
            "(a counter, a firm chair, a wall)")))
    for number, text in enumerate(exercise.harder, start=1):
        if REMOVES_SUPPORT.search(text) and not ASKS_FIRST.search(text):
            problems.append(where.warning(f"{field_prefix}harder[{number}]", (
                f"'{text[:60]}' takes support away; start it with 'Ask your clinic first.' or remove it")))
    return problems


def library_findings(library) -> list[Problem]:
    problems = []
    for exercise in library.exercises.values():
        problems += exercise_findings(exercise, exercise.where)
    return problems


def findings(handout) -> list[Problem]:
    problems = []
    for p in handout.exercises:
        if p.where is None and handout.where is None:
            continue  # picked on the command line: its own file is checked by validate
        where = p.where or handout.where
        problems += exercise_findings(p.exercise, where, f"exercises[{p.number}].")
    return problems
