"""The sheet's locale: spelling, how a date is written, the emergency number,
and every word the sheet itself prints (read from words/en.yaml).

A clinic sets `locale` and `emergency_number` in its clinic file; without
them the locale follows the paper (Letter: en-US, A4: en-GB), because a
clinic that prints on A4 is almost never in the United States.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LOCALES = ("en-US", "en-GB")
LOCALE_FOR_PAPER = {"letter": "en-US", "a4": "en-GB"}
EMERGENCY_NUMBERS = {"en-US": "911", "en-GB": "999"}

# American and British spellings of words the catalogue and the sheet use.
# Each pair is (en-US, en-GB); a sheet prints its locale's form of both.
SPELLINGS = (
    ("program", "programme"), ("programs", "programmes"),
    ("pedaling", "pedalling"), ("pedaled", "pedalled"),
    ("color", "colour"), ("colors", "colours"),
    ("center", "centre"), ("favorite", "favourite"),
    ("behavior", "behaviour"), ("neighbor", "neighbour"),
    ("mold", "mould"), ("ax", "axe"),
    ("gray", "grey"), ("tire", "tyre"), ("tires", "tyres"),
    ("organize", "organise"), ("realize", "realise"), ("recognize", "recognise"),
    ("stabilize", "stabilise"), ("practicing", "practising"),
)


@lru_cache(maxsize=None)
def _words() -> dict:
    import yaml

    # libyaml's parser where it is installed (the same safe loading, a tenth of the time
    # of the pure-Python one: every sheet reads this file).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((Path(__file__).parent / "words" / "en.yaml").read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=None)
def _speller(locale: str):
    pairs = {us: gb for us, gb in SPELLINGS} if locale == "en-GB" else {gb: us for us, gb in SPELLINGS}
    pattern = re.compile(r"\b(" + "|".join(sorted(pairs, key=len, reverse=True)) + r")\b", re.IGNORECASE)

    def swap(match: re.Match) -> str:
        word = match.group(0)
        other = pairs[word.lower()]
        if word.isupper():
            return other.upper()
        return other[0].upper() + other[1:] if word[0].isupper() else other

    return lambda text: pattern.sub(swap, text)


@dataclass(frozen=True)
class Locale:
    """A sheet's locale: its spelling, date style and emergency number."""

    code: str = "en-US"
    emergency_number: str = "911"

    @classmethod
    def for_sheet(cls, code: str | None, emergency_number: str | None, page_size: str) -> "Locale":
        code = code or LOCALE_FOR_PAPER[page_size]
        return cls(code, emergency_number or EMERGENCY_NUMBERS[code])

    def spell(self, text: str) -> str:
        """`text` in this locale's spelling (program / programme)."""
        return _speller(self.code)(text)

    def words(self, key: str, **values) -> str:
        """One of the sheet's own phrases, filled in and spelled for this locale."""
        text = _words().get("by_locale", {}).get(self.code, {}).get(key, _words()[key])
        return self.spell(str(text).format(**values))

    def word_list(self, key: str) -> list[str]:
        return [self.spell(str(word)) for word in _words()[key]]

    def date(self, iso: str) -> str:
        """'2026-11-22' as 'November 22, 2026' (en-US) or '22 November 2026' (en-GB)."""
        day = datetime.date.fromisoformat(iso)
        month = _words()["months"][day.month - 1]
        return f"{month} {day.day}, {day.year}" if self.code == "en-US" else f"{day.day} {month} {day.year}"


def all_words() -> list[tuple[str, str]]:
    """(key, text) of every word the sheet itself prints, in every locale: for tests of the wording."""
    out = []
    for key, value in _words().items():
        if key == "by_locale":
            out += [(f"{code}.{k}", str(v)) for code, texts in value.items() for k, v in texts.items()]
        else:
            out += [(key, str(v)) for v in (value if isinstance(value, list) else [value])]
    return out
