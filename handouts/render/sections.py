"""What the go-easy list and the "When to get help" box say, decided once for every
view (the PDF and the HTML version), which then only lay the words out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..dosewords import session_minutes
from ..handout import Handout


def time_needed(handout: Handout) -> str:
    """How long a session takes, under the glance table: one time when every session is the same; a
    range for a pick-one sheet ("5 to 10 minutes"), one time when every choice takes as long; else each."""
    words, times = handout.locale.words, handout.session_times
    minutes = lambda n: words("minute" if n == 1 else "minutes", n=n)  # noqa: E731
    if handout.pick_one:
        shortest = min(session_minutes([p.dose]) for p in handout.exercises)
        if shortest < times[0]:
            return words("time_needed_range", low=shortest, minutes=minutes(times[0]))
        return words("time_needed", minutes=minutes(times[0]))
    if len(set(times)) == 1:
        return words("time_needed", minutes=minutes(times[0]))
    # A second session that holds fewer exercises takes less time: say each.
    return words("time_needed_sessions", each="; ".join(
        words(f"time_for_session_{n}", minutes=minutes(m)) for n, m in enumerate(times, 1)))


def about_heading(handout: Handout) -> str:
    """The label before the lines about the condition: its own phrase in the words file
    (about_heading_<condition id>, such as "Your SI joints"), else the condition's name."""
    try:
        return handout.locale.words(f"about_heading_{handout.condition.id}")
    except KeyError:
        return handout.condition.name


@dataclass(frozen=True)
class GoEasy:
    """Advice on when an activity is usually safe again, when several items share it, is
    said once, before those items (`shared`), instead of once per item."""

    shared: str | None
    first: tuple   # the items that share it
    rest: tuple


def go_easy(handout: Handout) -> GoEasy:
    items = handout.avoid_items
    counts = Counter(item.safe_again for item in items if item.safe_again)
    shared = next((text for text, n in counts.most_common(1) if n > 1), None)
    first = tuple(item for item in items if shared and item.safe_again == shared)
    return GoEasy(shared, first, tuple(item for item in items if item not in first))


def own_safe_again(item, shared: str | None) -> str | None:
    """An item's own "safe again" advice, unless the group already says it."""
    return item.safe_again if item.safe_again and item.safe_again != shared else None


@dataclass(frozen=True)
class HelpTier:
    """One tier of the when-to-get-help box: who to call, and for what."""

    heading: str
    action: str           # with the number to call after it, where there is one
    closed: str | None    # what to do when the clinic is closed (the same-day tier)
    items: tuple[str, ...]


def help_tiers(handout: Handout) -> tuple[HelpTier, ...]:
    words, phone = handout.locale.words, handout.clinic.phone
    tiers = []
    for tier in handout.red_flags:
        if tier.contact == "emergency":
            action = f"{tier.action} ({handout.locale.emergency_number})"
        else:
            action = f"{tier.action} ({phone})" if phone else tier.action
        closed = None
        if tier.tier == "today":  # never a dead end on a Friday night
            out = handout.clinic.out_of_hours
            closed = words("closed_clinic", out_of_hours=out) if out else words("closed_clinic_default")
        tiers.append(HelpTier(tier.heading, action, closed, tier.items))
    return tuple(tiers)
