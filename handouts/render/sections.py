"""What the go-easy list and the "When to get help" box say, decided once for every
view (the PDF and the HTML version), which then only lay the words out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..handout import Handout


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
