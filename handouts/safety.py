"""Clinical safety checks on a sheet before it reaches paper.

- Conflicts: an exercise whose `loads` match a do-not-do item on the same
  sheet confuses the patient and may hurt. Each is warned about unless the
  sheet acknowledges it with a reason, which is then printed for the patient.
- Dose sanity beyond the hard limits (see models.DOSE_LIMITS): too many
  exercises, a long session, a hold with no count, an aerobic exercise dosed
  in repetitions instead of minutes, minutes together with reps, a hold on a
  timed activity.

Every finding is a Problem with severity "warning"; `--strict` makes them errors.
handout_warnings also runs the checks in handouts/checks/ (coherence, precautions,
support for balance work), so every caller gets every finding for the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem
from .handout import Handout, PlannedExercise
from .models import AvoidItem, Dose, Exercise
from .yamlfile import Where

MAX_EXERCISES = 6
MAX_SESSION_MINUTES = 30
NO_FILE = Where("build", 0, 0)  # for exercises picked on the command line


@dataclass(frozen=True)
class Conflict:
    """An exercise that loads the body in a way an avoid item forbids."""

    exercise: Exercise
    avoid: AvoidItem
    loads: tuple[str, ...]


def find_conflicts(planned: PlannedExercise, avoid: tuple[AvoidItem, ...]) -> list[Conflict]:
    loads = set(planned.exercise.loads)
    return [Conflict(planned.exercise, item, tuple(sorted(loads & set(item.loads))))
            for item in avoid if loads & set(item.loads)]


def _warn(where: Where | None, field: str, message: str) -> Problem:
    return (where or NO_FILE).warning(field, message)


def handout_warnings(handout: Handout) -> list[Problem]:
    """Every warning for one sheet as it will be printed."""
    problems = []
    for planned in handout.exercises:
        field = f"exercises[{planned.number}]"
        acknowledged = {avoid_id for avoid_id, _ in planned.acknowledged
                        if avoid_id not in {p.id for p in handout.precautions}}
        conflicts = find_conflicts(planned, handout.avoid)
        for conflict in conflicts:
            if conflict.avoid.id in acknowledged:
                continue
            problems.append(_warn(planned.where or handout.where, field, (
                f"'{conflict.exercise.name}' ({conflict.exercise.id}) clashes with do-not-do item "
                f"'{conflict.avoid.name}' ({conflict.avoid.id}): both are {', '.join(conflict.loads)}. "
                f"Drop one, or acknowledge it in the sheet: acknowledge: {{{conflict.avoid.id}: <the safe limit>}}")))
        clashing = {c.avoid.id for c in conflicts}
        for avoid_id in sorted(acknowledged - clashing):
            problems.append(_warn(planned.where, f"{field}.acknowledge",
                                  f"'{avoid_id}' does not clash with '{planned.exercise.id}' here; remove it"))
        problems += dose_warnings(planned.exercise, planned.dose, planned.where or handout.where, f"{field}.dose")
    if len(handout.exercises) > MAX_EXERCISES:
        problems.append(_warn(handout.where, "exercises", (
            f"{len(handout.exercises)} exercises on one sheet; patients do fewer exercises better — "
            f"keep it to {MAX_EXERCISES} or fewer")))
    if handout.session_minutes > MAX_SESSION_MINUTES:
        problems.append(_warn(handout.where, "exercises", (
            f"a session takes about {handout.session_minutes} minutes; keep it to {MAX_SESSION_MINUTES} or less "
            "with fewer exercises or smaller doses")))
    from .checks import coherence, precautions, support

    problems += coherence.findings(handout) + precautions.findings(handout) + support.findings(handout)
    return problems


NO_PHONE = ("no clinic phone number, so the sheet leaves a blank line to write it on. To print it, add your "
            "phone number to your clinic file.")


def clinic_warnings(clinic) -> list[str]:
    """What the clinic file leaves out that a sheet misses (build prints these, the page shows them)."""
    if not clinic.phone:
        # One wording for the terminal and the page, in a clinician's words (one testing the page did not
        # know what `phone:` or --clinic meant).
        return [f"warning: {NO_PHONE}"]
    return []


def dose_warnings(exercise: Exercise, dose: Dose, where: Where | None, field: str) -> list[Problem]:
    problems = []
    if dose.hold_seconds and not dose.reps:
        problems.append(_warn(where, field, (
            f"'{exercise.id}' has a hold but no reps; say how many times to do it")))
    if dose.minutes and dose.reps:  # "Keep going for 5 minutes. Do 10 times": the patient cannot do both
        problems.append(_warn(where, field, (
            f"'{exercise.id}' has both minutes ({dose.minutes}) and reps ({dose.reps}); give reps for a "
            "repeated move or minutes for a timed activity, not both")))
    if dose.minutes and dose.hold_seconds:
        problems.append(_warn(where, field, (
            f"'{exercise.id}' is timed ({dose.minutes} minutes) but has a hold ({dose.hold_seconds} seconds); "
            "a timed activity has no hold, so remove the hold")))
    if exercise.kind == "aerobic" and dose.reps and not dose.minutes:
        problems.append(_warn(where, field, (
            f"'{exercise.id}' is aerobic but dosed in reps; give minutes instead")))
    return problems
