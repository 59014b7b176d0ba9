"""A patient's precautions (pregnancy, a new hip...) against the exercises on their sheet.

An exercise with an attribute the precaution rules out is an error, unless the
sheet entry acknowledges the precaution with a limit (printed for the patient).
One it changes is a warning; the change itself is printed with the exercise.
"""

from __future__ import annotations

from ..errors import Problem
from ..yamlfile import Where

NO_FILE = Where("build", 0, 0)


def findings(handout) -> list[Problem]:
    problems = []
    for precaution in handout.precautions:
        for p in handout.exercises:
            where = p.where or handout.where or NO_FILE
            field = f"exercises[{p.number}]"
            attributes = p.exercise.all_attributes
            ruled = sorted(attributes & set(precaution.rules_out))
            if precaution.id in dict(p.acknowledged):
                continue
            if ruled:
                problems.append(where.problem(field, (
                    f"'{p.exercise.id}' is ruled out by the precaution '{precaution.id}' ({', '.join(ruled)}); "
                    f"drop it (--drop {p.exercise.id}), or acknowledge it in the sheet: "
                    f"acknowledge: {{{precaution.id}: <the safe limit>}}")))
                continue
            changed = [c.attribute for c in precaution.changes if c.attribute in attributes]
            if changed:
                problems.append(where.warning(field, (
                    f"'{p.exercise.id}' is changed by the precaution '{precaution.id}' ({', '.join(changed)}); "
                    "the change is printed with the exercise")))
    return problems
