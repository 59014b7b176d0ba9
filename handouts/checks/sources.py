"""Every clinical statement names the guidance it follows.

A condition needs sources, a pain guide, three red-flag tiers (emergency, today,
soon), an "ask before you start" line and exercise stop signs; each of those,
and each precaution, names its guidance by title, body and year, written as
"Title (Body, 2020)" so that `show` can print it and a reader can find it.
A condition's `about` is two short sentences: it goes on page 1.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..models import RED_FLAG_TIERS

ABOUT_CHARS = 220
NAMED = re.compile(r"\([^()]*\b(?:19|20)\d\d\b[^()]*\)")


def _named(sources) -> bool:
    return any(NAMED.search(s.title) for s in sources)


def library_findings(library) -> list[Problem]:
    problems = []
    for c in library.conditions.values():
        w = c.where
        if not c.sources:
            problems.append(w.warning("sources", "name the articles or guidance this condition's advice follows"))
        parts = {"pain_guide": c.pain_guide, "ask_before": c.ask_before, "stop_signs": c.stop_signs}
        parts.update({f"red_flags.{t}": c.red_flags.get(t) for t in RED_FLAG_TIERS})
        for field, part in parts.items():
            if part is None:
                problems.append(w.warning(field, "missing; every condition needs it, with its sources "
                                                 "(see catalogue/conditions/si-joint-pain.yaml)"))
            elif not _named(part.sources):
                problems.append(w.warning(f"{field}.sources", (
                    "name the guidance it follows by title, body and year, like "
                    "'Back pain (NHS, 2022)'")))
        sentences = [x for x in re.split(r"(?<=[.!?])\s+", c.about.strip()) if x]
        if len(sentences) > 2 or len(c.about) > ABOUT_CHARS:
            problems.append(w.warning("about", (
                f"is {len(sentences)} sentences, {len(c.about)} characters; page 1 has room for two short "
                f"lines: keep it to 2 sentences and {ABOUT_CHARS} characters")))
    for p in library.precautions.values():
        if not _named(p.sources):
            problems.append(p.where.warning("sources", (
                "name the guidance it follows by title, body and year, like 'Exercise in pregnancy (NHS, 2023)'")))
    return problems
