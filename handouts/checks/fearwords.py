"""Words that frighten, in patient-facing text, each with a plain alternative.

Source: Stewart M, Loftus S. "Sticks and stones: the impact of language in
musculoskeletal rehabilitation" (Journal of Orthopaedic & Sports Physical
Therapy, 2018), and Darlow B et al. "The enduring impact of what clinicians say
to people with low back pain" (Annals of Family Medicine, 2013): words such as
damage, wear and tear, instability and "protect your back" raise fear and
avoidance; reassuring, plain words about what helps do better.
"""

from __future__ import annotations

import re

from ..errors import Problem

SOURCE = ("Stewart & Loftus, 'Sticks and stones', JOSPT 2018; "
          "Darlow et al., 'The enduring impact of what clinicians say', Ann Fam Med 2013")

# pattern -> a plain alternative
FEAR_WORDS = {
    r"\bdamag\w*": "'sore' or 'irritated'",
    r"\bwear and tear\b": "'normal changes with age, like grey hair'",
    r"\bout of (?:place|line|alignment)\b": "say what the patient can do: 'stiff' or 'sore'",
    r"\bslipped\b": "'a sore disc' or 'a disc problem that usually settles'",
    r"\bunstable\b|\binstability\b": "'needs strength' or 'not yet strong'",
    r"\bthe safe way\b": "'a comfortable way'",
    r"\bkeeps? your (?:back|spine|joint) safe\b": "'is easier on your back'",
    r"\bprotect your (?:back|spine)\b": "'be kind to your back' or leave it out",
    r"\bfragile\b": "'needs care' or 'getting stronger'",
    r"\bdegenerat\w*": "'normal changes with age'",
    r"\bcrumbl\w*": "'thinner' or 'weaker'",
    r"\bbone on bone\b": "'a stiff joint'",
    r"\bjolts?\b|\bjars?\b": "'can stir up pain'",
    r"\bstrains?\b": "'works' or 'loads'",
    r"\bharm\w*": "'make it sore for a while'",
    r"\binjur\w*": "'flare up' or 'make sore'",
    r"\btears?\b(?! up)": "'a sore muscle'",
    r"\bdangerous\b": "'not right for you yet'",
    r"\bnever bend\b": "'bend at a pace that feels OK'",
}


def fear_words(text: str) -> list[tuple[str, str]]:
    """(the words found, a plain alternative) in a piece of text."""
    found = []
    for pattern, alternative in FEAR_WORDS.items():
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            found.append((m.group(0), alternative))
    return found


def patient_texts(library):
    """(item, field, text) for every piece of catalogue text a patient can read."""
    from ..readability import avoid_texts, exercise_texts

    for e in library.exercises.values():
        extra = [(k, getattr(e, k)) for k in ("nickname", "how_to", "support") if getattr(e, k)]
        for field, text in [*exercise_texts(e, library.exercises), *extra]:
            yield e, field, text
    for a in library.avoid.values():
        for field, text in [*avoid_texts(a), *([("safe_again", a.safe_again)] if a.safe_again else [])]:
            yield a, field, text
    for c in library.conditions.values():
        yield c, "about", c.about
        for n, text in enumerate(c.before_you_start, start=1):
            yield c, f"before_you_start[{n}]", text
        if c.pain_guide:
            for level in ("green", "amber", "red"):
                yield c, f"pain_guide.{level}", getattr(c.pain_guide, level)
        for tier, guidance in c.red_flags.items():
            for n, text in enumerate(guidance.items, start=1):
                yield c, f"red_flags.{tier}.items[{n}]", text
        for key in ("ask_before", "stop_signs"):
            guidance = getattr(c, key)
            for n, text in enumerate(guidance.items if guidance else (), start=1):
                yield c, f"{key}.items[{n}]", text
    for p in library.precautions.values():
        yield p, "title", p.title
        for key in ("advice", "stop_signs"):
            for n, text in enumerate(getattr(p, key), start=1):
                yield p, f"{key}[{n}]", text
        for change in p.changes:
            yield p, f"changes.{change.attribute}", change.change
    for s in library.sheets.values():
        for key in ("title", "intro", "how_often", "note", "next_step"):
            if getattr(s, key):
                yield s, key, getattr(s, key)
        for n, entry in enumerate(s.exercises, start=1):
            for avoid_id, reason in entry.acknowledge:
                yield s, f"exercises[{n}].acknowledge.{avoid_id}", reason


def library_findings(library) -> list[Problem]:
    problems = []
    for item, field, text in patient_texts(library):
        where = getattr(item, "places", {}).get(field, item.where)
        for words, alternative in fear_words(text):
            problems.append(where.warning(field, (
                f"'{words}' can frighten a patient; try {alternative} (source: {SOURCE})")))
    return problems
