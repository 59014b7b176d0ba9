"""Doses in plain words a patient can follow without doing sums, and the time they take.

Reading of the dose fields:
- `reps` are per side when the side is "each side" or "alternate sides";
- `sets` are rounds of those reps;
- `rest_seconds` is the rest between rounds when there are 2 or more rounds,
  otherwise the rest between one repetition and the next.

Session time estimate (documented in README): each repetition takes its hold
plus SECONDS_PER_MOVE to move in and out of position; reps x sets x sides,
plus the rests, plus SECONDS_BETWEEN_EXERCISES to get set up for the next
exercise; timed exercises count their minutes. The sum is rounded up to whole
minutes.
"""

from __future__ import annotations

import math

from .models import Dose

SECONDS_PER_MOVE = 3
SECONDS_BETWEEN_EXERCISES = 30


def times(n: int) -> str:
    return "1 time" if n == 1 else f"{n} times"


def seconds(n: int) -> str:
    return "1 second" if n == 1 else f"{n} seconds"


def minutes(n: int) -> str:
    return "1 minute" if n == 1 else f"{n} minutes"


def side_words(side: str | None) -> str:
    return {
        "each side": "on each side",
        "alternate sides": "on each side, switching sides each time",
        "left": "on your left side only",
        "right": "on your right side only",
        "both together": "with both sides together",
    }.get(side or "", "")


def how_often(dose: Dose) -> str:
    """'2 times a day, 5 days a week' — or '' when the dose says nothing about it."""
    parts = []
    if dose.times_per_day:
        parts.append("once a day" if dose.times_per_day == 1 else f"{dose.times_per_day} times a day")
    if dose.days_per_week:
        parts.append("every day" if dose.days_per_week == 7 else
                     "1 day a week" if dose.days_per_week == 1 else f"{dose.days_per_week} days a week")
    return ", ".join(parts)


def dose_sentences(dose: Dose, often: bool = True) -> list[str]:
    """The dose as short sentences: 'Do 10 times on each side.' 'Hold each for 5 seconds.'

    `often=False` leaves out how often, for a sheet that says it once for all its choices.
    """
    sentences = []
    side = side_words(dose.side)
    if dose.minutes:
        sentences.append(f"Keep going for {minutes(dose.minutes)}.")
    if dose.reps:
        sentences.append(" ".join(filter(None, ["Do", times(dose.reps), side])) + ".")
    elif side:
        sentences.append(f"Do this {side}.")
    if dose.hold_seconds:
        sentences.append(f"Hold each for {seconds(dose.hold_seconds)}.")
    if dose.sets and dose.sets > 1:
        sentences.append(f"Do {dose.sets} rounds of this.")
    if dose.rest_seconds:
        after = "each round" if dose.sets and dose.sets > 1 else "each one"
        sentences.append(f"Rest {seconds(dose.rest_seconds)} after {after}.")
    when = how_often(dose) if often else ""
    if when:
        sentences.append(f"Do this {when}.")
    return sentences


def dose_short(dose: Dose) -> str:
    """A compact dose for the at-a-glance table: '10 times each side, hold 6 seconds'."""
    parts = []
    if dose.minutes:
        parts.append(minutes(dose.minutes))
    if dose.reps:
        reps = times(dose.reps)
        if dose.side in ("each side", "alternate sides"):
            reps += " each side"
        parts.append(reps)
    if dose.sets and dose.sets > 1:
        parts.append(f"{dose.sets} rounds")
    if dose.hold_seconds:
        parts.append(f"hold {seconds(dose.hold_seconds)}")
    return ", ".join(parts) or "as shown"


def exercise_seconds(dose: Dose) -> int:
    """Seconds one exercise takes in one session, by the method in the module doc."""
    total = (dose.minutes or 0) * 60
    if dose.reps:
        sides = 2 if dose.side in ("each side", "alternate sides") else 1
        rounds = dose.sets or 1
        total += rounds * sides * dose.reps * ((dose.hold_seconds or 0) + SECONDS_PER_MOVE)
        if dose.rest_seconds:
            total += dose.rest_seconds * ((rounds - 1) if rounds > 1 else sides * dose.reps - 1)
    return total


def session_minutes(doses) -> int:
    """Whole minutes for one session of all these exercises, rounded up."""
    doses = list(doses)
    total = sum(exercise_seconds(d) for d in doses) + SECONDS_BETWEEN_EXERCISES * max(len(doses) - 1, 0)
    return max(1, math.ceil(total / 60)) if doses else 0
