"""How easy the patient-facing text is to read.

Flesch-Kincaid grade level:
    0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59
Syllables are counted with the usual vowel-group rule (groups of vowels,
less a silent final e / es / ed, plus vowel pairs said apart as in "lying";
at least one per word), which matches a dictionary for almost all the short
everyday words a handout should use. Every list item
(a step, a caution) counts as its own sentence, as a patient reads it.
We compute it ourselves: the formula is a few lines, and the libraries that do
it pull in large dependencies (textstat brings nltk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MAX_GRADE = 8
MAX_SENTENCE_WORDS = 20

# Words patients often do not know. Allowed when the text explains them,
# e.g. "lie supine (on your back)".
MEDICAL_WORDS = (
    "sacroiliac", "sacroiliitis", "supine", "prone", "quadruped", "adduction", "abduction", "adductor",
    "abductor", "lumbar", "contralateral", "ipsilateral", "gluteus", "gluteal", "quadriceps", "hamstrings",
    "lateral", "medial", "flexion", "extension", "anterior", "posterior", "hypermobility", "sacrum",
    "pelvic floor", "isometric", "dorsiflexion", "plantarflexion", "thoracic", "cervical",
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")

# Compiled once: `validate` grades every text in the catalogue, word by word.
_NOT_LETTER = re.compile(r"[^a-z]+")
_SILENT_END = re.compile(r"(?:[^laeiouycghsxzdt]es|[^laeiouydt]ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SAID_APART = re.compile(r"[aeiouy]ing|ia|io(?!n)|eo|ua(?!r)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# One pattern finds every medical word; a text without any is passed over in one scan.
_MEDICAL = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in MEDICAL_WORDS) + r")\b")
_MEDICAL_EACH = {term: re.compile(rf"\b{re.escape(term)}\b") for term in MEDICAL_WORDS}


@lru_cache(maxsize=8192)  # a catalogue uses the same few thousand words again and again
def syllables(word: str) -> int:
    letters = _NOT_LETTER.sub("", word.lower())
    if not letters:
        return 1  # a number such as 10 is read as one short word
    if len(letters) <= 3:
        return 1
    # A final e, es or ed is mostly silent ("hopes", "lifted" keeps its ed after t/d).
    letters = _SILENT_END.sub("", letters)
    if letters.startswith("y"):
        letters = letters[1:]
    count = len(_VOWEL_GROUP.findall(letters))
    # Two vowels that are said apart: ly-ing, be-ing, ar-e-a, stu-di-o.
    count += len(_SAID_APART.findall(letters))
    return max(1, count)


def sentences(texts) -> list[str]:
    found = []
    for text in texts:
        found += [s.strip() for s in _SENTENCE_END.split(text.strip()) if _WORD.search(s)]
    return found


@dataclass(frozen=True)
class Reading:
    """A text's reading grade, with the counts it comes from."""

    grade: float
    words: int
    sentences: int


def reading_grade(texts) -> Reading:
    parts = sentences(texts)
    words = [w for s in parts for w in _WORD.findall(s)]
    if not words:
        return Reading(0.0, 0, 0)
    count = sum(syllables(w) for w in words)
    grade = 0.39 * len(words) / len(parts) + 11.8 * count / len(words) - 15.59
    return Reading(round(grade, 1), len(words), len(parts))


def long_sentences(text: str) -> list[str]:
    return [s for s in sentences([text]) if len(_WORD.findall(s)) > MAX_SENTENCE_WORDS]


def unexplained_medical_words(text: str) -> list[str]:
    found = []
    lower = text.lower()
    if not _MEDICAL.search(lower):
        return found
    for term in MEDICAL_WORDS:  # in this order, each term at most once, as before
        if term not in lower:
            continue
        for match in _MEDICAL_EACH[term].finditer(lower):
            after = lower[match.end():match.end() + 3]
            if "(" not in after and "—" not in after and ", or" not in lower[match.end():match.end() + 5]:
                found.append(term)
                break
    return found


def exercise_texts(exercise, known_ids) -> list[tuple[str, str]]:
    """(field, text) for everything a patient reads about an exercise."""
    texts = [("name", exercise.name), ("summary", exercise.summary)]
    for key in ("steps", "cautions", "easier", "harder"):
        texts += [(f"{key}[{n}]", t) for n, t in enumerate(getattr(exercise, key), start=1) if t not in known_ids]
    if getattr(exercise, "picture_text", None):  # heard, not read, but held to the same grade
        texts.append(("picture_text", exercise.picture_text))
    return texts


def avoid_texts(item) -> list[tuple[str, str]]:
    return [("name", item.name), ("reason", item.reason)]
