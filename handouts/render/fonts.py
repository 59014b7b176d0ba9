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
from functools import lru_cache
from pathlib import Path

from ..errors import HandoutsError

BODY = "Atkinson"
BODY_BOLD = "Atkinson-Bold"
FALLBACK = "NotoSans"

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


def _register(name: str, path: str, faces: tuple[str, str]) -> set[int]:
    """Register one TrueType font with ReportLab (plain and bold faces); the characters it can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, path, subfontIndex=0)
    pdfmetrics.registerFont(font)
    plain, bold = faces
    for italic in (0, 1):  # there is no italic on a sheet
        addMapping(name, 0, italic, plain)
        addMapping(name, 1, italic, bold)
    return set(font.face.charToGlyph)


class Fonts:
    """The sheet's fonts, registered with ReportLab once, and the letters each can draw.

    Made once per process by load_fonts() (not at import, to keep start-up fast)
    and held by each renderer and Markup. The Noto fallback (2 MB to parse) is
    read only when a letter Atkinson lacks is met; a clinic's own font when it is named.
    """

    def __init__(self):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        bold = TTFont(BODY_BOLD, font_file(BODY_BOLD))
        pdfmetrics.registerFont(bold)
        self.body = _register(BODY, font_file(BODY), (BODY, BODY_BOLD))  # <b> picks the bold face
        self._fallback: set[int] | None = None
        self._clinic: dict[str, set[int]] = {}
        # Markup already made with these fonts, per text (as spelled) and clinic font: a batch prints
        # the same steps and headings on every sheet, and going letter by letter through them was a
        # twentieth of a render. Only texts every letter of which prints are kept (see Markup).
        self.marked: dict[tuple, str] = {}

    def fallback(self) -> set[int]:
        """The letters Noto Sans can draw, registering it the first time it is needed."""
        if self._fallback is None:
            self._fallback = _register(FALLBACK, font_file(FALLBACK), (FALLBACK, FALLBACK))
        return self._fallback

    def clinic_font(self, path: Path) -> tuple[str, set[int]]:
        """Register a clinic's own TrueType font; its name comes from its bytes, so rebuilds stay identical."""
        from reportlab.pdfbase.ttfonts import TTFError

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise HandoutsError(f"{path}: cannot read the font ({exc.strerror}); check the path given with "
                                "--font or the clinic file's `font:`") from None
        name = "Clinic-" + hashlib.sha256(data).hexdigest()[:10]
        if name not in self._clinic:
            try:
                self._clinic[name] = _register(name, str(path), (name, name))
            except (TTFError, Exception) as exc:  # ReportLab raises plain errors for damaged files too
                raise HandoutsError(f"{path}: cannot use this font ({exc}); give a TrueType font file (.ttf, "
                                    "or a .ttc with TrueType outlines) that allows embedding") from None
        return name, self._clinic[name]


@lru_cache(maxsize=1)
def load_fonts() -> Fonts:
    """The process's Fonts: ReportLab keeps one registry per process, so they are loaded once."""
    return Fonts()


def register_fonts() -> Fonts:
    """Make sure the sheet's fonts are registered (for code that draws with ReportLab directly)."""
    return load_fonts()


def fallback_glyphs() -> set[int]:
    return load_fonts().fallback()


def register_user_font(path: Path) -> tuple[str, set[int]]:
    return load_fonts().clinic_font(path)


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


MAX_MARKED = 8192  # texts whose markup a Fonts keeps (see Fonts.marked)


@dataclass
class Markup:
    """Turns plain text into escaped ReportLab markup, noting letters no font can draw."""

    missing: set[str] = field(default_factory=set)
    spell: object = None  # the locale's spelling, applied to every text that reaches the page
    extra: tuple[str, set[int]] | None = None  # the clinic's own font (name, characters), after ours
    texts: dict[str, str] = field(default_factory=dict)  # a text each missing or refused letter came in
    unshaped: dict[str, str] = field(default_factory=dict)  # letter -> why it cannot be laid out
    fonts: Fonts | None = None  # default: the process's (load_fonts)

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        fonts = self.fonts or load_fonts()
        if self.spell is not None:
            text = self.spell(str(text))
        key = (str(text), self.extra[0] if self.extra else None)
        done = fonts.marked.get(key)
        if done is not None:
            return done
        body = fonts.body
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
            elif code in fonts.fallback():
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
            if len(fonts.marked) >= MAX_MARKED:
                fonts.marked.clear()
            fonts.marked[key] = done
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
