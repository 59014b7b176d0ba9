"""Fonts for the printed sheet, and safe markup for every piece of user text.

Atkinson Hyperlegible (made for low-vision readers) sets the text. The few
letters it lacks (Turkish İ, Greek, Cyrillic, Vietnamese…) are set in Noto
Sans, run by run, so names print with real glyphs. A clinic may add a font of
its own (`font:` in the clinic file, or `build --font PATH`) for letters
neither has, such as Chinese. A letter no font has, or a script ReportLab
cannot lay out (right to left, or letters that must be shaped and joined),
is refused with a clear error before any file is written: never a black box.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import HandoutsError

BODY = "Atkinson"
BODY_BOLD = "Atkinson-Bold"
FALLBACK = "NotoSans"

_registered: dict[str, set[int]] = {}

# Scripts ReportLab's text engine cannot lay out: it has no bidirectional
# algorithm (right-to-left text comes out reversed) and no shaping (letters
# that join or reorder come out as loose pieces). Refused with any font.
SHAPED_SCRIPTS = (
    "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM",
    "SINHALA", "THAI", "LAO", "TIBETAN", "MYANMAR", "KHMER", "MONGOLIAN", "JAVANESE", "BALINESE",
    "SUNDANESE", "TAI THAM", "NEW TAI LUE", "BUGINESE", "LIMBU", "CHAKMA", "HANGUL JUNGSEONG",
    "HANGUL CHOSEONG", "HANGUL JONGSEONG",
)
# How a script is named in an error, from the first words of its letters' Unicode names.
RIGHT_TO_LEFT = ("R", "AL", "AN")


def font_file(name: str) -> str:
    """Where the TTF for one of our font names lives, inside its installed package."""
    import fontpkg_atkinson_hyperlegible as atkinson
    import fontpkg_noto_sans as noto

    if name == FALLBACK:
        return str(sorted((noto.ROOT / "files").glob("NotoSans[[]*.ttf"))[0])
    style = "Bold" if name == BODY_BOLD else "Regular"
    return str(atkinson.ROOT / "files" / f"AtkinsonHyperlegible-{style}.ttf")


def register_fonts() -> None:
    """Register the families once per process (not at import, to keep start-up fast).

    The Noto fallback (2 MB to parse) is registered only when a letter needs it: see fallback_glyphs().
    """
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (BODY, BODY_BOLD):
        path = font_file(name)
        font = TTFont(name, path)
        pdfmetrics.registerFont(font)
        _registered[name] = set(font.face.charToGlyph)
    # <b> inside a paragraph picks the bold face; there is no italic on a sheet.
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BODY_BOLD)
    addMapping(BODY, 0, 1, BODY)
    addMapping(BODY, 1, 1, BODY_BOLD)


def fallback_glyphs() -> set[int]:
    """The letters Noto Sans can draw, registering it the first time a letter Atkinson lacks is met."""
    if FALLBACK not in _registered:
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        register_fonts()
        font = TTFont(FALLBACK, font_file(FALLBACK))
        pdfmetrics.registerFont(font)
        _registered[FALLBACK] = set(font.face.charToGlyph)
        addMapping(FALLBACK, 0, 0, FALLBACK)
        addMapping(FALLBACK, 1, 0, FALLBACK)
        addMapping(FALLBACK, 0, 1, FALLBACK)
        addMapping(FALLBACK, 1, 1, FALLBACK)
    return _registered[FALLBACK]


def register_user_font(path: Path) -> tuple[str, set[int]]:
    """Register a clinic's own TrueType font; its name comes from its bytes, so rebuilds stay identical."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot read the font ({exc.strerror}); check the path given with "
                            "--font or the clinic file's `font:`") from None
    name = "Clinic-" + hashlib.sha256(data).hexdigest()[:10]
    if name not in _registered:
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (TTFError, Exception) as exc:  # ReportLab raises plain errors for damaged files too
            raise HandoutsError(f"{path}: cannot use this font ({exc}); give a TrueType font file (.ttf, or a "
                                ".ttc with TrueType outlines) that allows embedding") from None
        pdfmetrics.registerFont(font)
        _registered[name] = set(font.face.charToGlyph)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return name, _registered[name]


def script_problem(char: str) -> str | None:
    """Why ReportLab cannot lay out this letter correctly with any font, or None."""
    if unicodedata.bidirectional(char) in RIGHT_TO_LEFT and unicodedata.category(char)[0] in "LMN":
        script = unicodedata.name(char, "right-to-left").split(" ")[0].title()
        return f"{script} is written right to left, and handouts would print its letters in the wrong order"
    name = unicodedata.name(char, "")
    for script in SHAPED_SCRIPTS:
        if name.startswith(script + " "):
            return (f"{script.title()} letters must be joined and shaped, and handouts would print them "
                    "as loose pieces")
    return None


# Markup already made, per text (as spelled) and clinic font: a batch prints the
# same steps and headings on every sheet, and going letter by letter through
# them was a twentieth of a render.
MAX_MARKED = 8192
_marked: dict[tuple, str] = {}


@dataclass
class Markup:
    """Turns plain text into escaped ReportLab markup, noting letters no font can draw."""

    missing: set[str] = field(default_factory=set)
    spell: object = None  # the locale's spelling, applied to every text that reaches the page
    extra: tuple[str, set[int]] | None = None  # the clinic's own font (name, characters), after ours
    texts: dict[str, str] = field(default_factory=dict)  # a text each missing or refused letter came in
    unshaped: dict[str, str] = field(default_factory=dict)  # letter -> why it cannot be laid out

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        register_fonts()
        if self.spell is not None:
            text = self.spell(str(text))
        key = (str(text), self.extra[0] if self.extra else None)
        done = _marked.get(key)
        if done is not None:
            return done
        body = _registered[BODY]
        out, run, run_font, flagged = [], [], BODY, False
        for char in unicodedata.normalize("NFC", str(text)):
            if char in "\n\t":
                char = " "
            elif unicodedata.category(char) == "Cc":
                continue  # control characters have no glyph and no meaning on paper
            code = ord(char)
            problem = script_problem(char) if code > 0x58F else None
            if problem:
                self.unshaped[char] = problem
                self.texts.setdefault(char, str(text))
                flagged = True
            if code in body:
                font = BODY
            elif code in fallback_glyphs():
                font = FALLBACK
            elif self.extra is not None and code in self.extra[1]:
                font = self.extra[0]
            else:
                self.missing.add(char)
                self.texts.setdefault(char, str(text))
                font = BODY
                flagged = True
            if font != run_font and run:
                out.append(_wrap("".join(run), run_font))
                run = []
            run_font = font
            run.append(char)
        if run:
            out.append(_wrap("".join(run), run_font))
        done = "".join(out)
        if not flagged:  # a text with a letter to refuse is worked through every time, so it is noted each time
            if len(_marked) >= MAX_MARKED:
                _marked.clear()
            _marked[key] = done
        return done

    def warnings(self) -> list[str]:
        return []  # a letter that cannot be printed is an error (see refusal), never a warning

    def refusal(self) -> HandoutsError | None:
        """The error for text this sheet cannot print right, naming the letters and the fix, or None."""
        if self.unshaped:
            char = min(self.unshaped, key=lambda c: (self.texts[c], c))
            return HandoutsError(
                f"cannot print {_quoted(self.texts[char])}: {self.unshaped[char]}, with any font. Write it "
                "in Latin letters (as in a passport), or leave it out and write it on the printed sheet by hand")
        if self.missing:
            chars = [c for c in self.texts if c in self.missing]  # in the order they were met
            texts = ", ".join(dict.fromkeys(_quoted(self.texts[c]) for c in chars))
            letters = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:8]) + (", …" if len(chars) > 8 else "")
            return HandoutsError(
                f"cannot print {texts}: the sheet's fonts have no {letters}. Give a TrueType font (.ttf) "
                "that has them, with `--font PATH` or `font: PATH` in the clinic file; handouts embeds it "
                "and uses it for those letters (for Chinese, for example, WenQuanYi Zen Hei or Noto Sans SC)")
        return None


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def escape(text: str) -> str:
    """&, < and > as markup entities: what xml.sax.saxutils.escape does, without importing
    it (it pulls in urllib.request, http.client and email: a tenth of a build's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, font: str) -> str:
    text = escape(text)
    return text if font == BODY else f'<font name="{font}">{text}</font>'
