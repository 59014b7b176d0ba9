"""Fonts for the printed sheet, and safe markup for every piece of user text.

Atkinson Hyperlegible (made for low-vision readers) sets the text. The few
letters it lacks (Turkish İ, Greek, Cyrillic, Vietnamese…) are set in Noto
Sans, run by run, so names print with real glyphs. A letter neither font has
is reported as a warning instead of a silent black box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

BODY = "Atkinson"
BODY_BOLD = "Atkinson-Bold"
FALLBACK = "NotoSans"

_registered: dict[str, set[int]] = {}


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


@dataclass
class Markup:
    """Turns plain text into escaped ReportLab markup, noting letters no font can draw."""

    missing: set[str] = field(default_factory=set)
    spell: object = None  # the locale's spelling, applied to every text that reaches the page

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        register_fonts()
        if self.spell is not None:
            text = self.spell(str(text))
        body = _registered[BODY]
        out, run, run_font = [], [], BODY
        for char in unicodedata.normalize("NFC", str(text)):
            if char in "\n\t":
                char = " "
            elif unicodedata.category(char) == "Cc":
                continue  # control characters have no glyph and no meaning on paper
            code = ord(char)
            if code in body:
                font = BODY
            elif code in fallback_glyphs():
                font = FALLBACK
            else:
                self.missing.add(char)
                font = BODY
            if font != run_font and run:
                out.append(_wrap("".join(run), run_font))
                run = []
            run_font = font
            run.append(char)
        if run:
            out.append(_wrap("".join(run), run_font))
        return "".join(out)

    def warnings(self) -> list[str]:
        return [
            f"warning: the font cannot draw '{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}); "
            "it may print as a box — spell it another way"
            for c in sorted(self.missing)
        ]


def escape(text: str) -> str:
    """&, < and > as markup entities: what xml.sax.saxutils.escape does, without importing
    it (it pulls in urllib.request, http.client and email: a tenth of a build's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, font: str) -> str:
    text = escape(text)
    return text if font == BODY else f'<font name="{font}">{text}</font>'
