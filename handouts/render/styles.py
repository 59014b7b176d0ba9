"""One stylesheet for the sheet, from the brand colours and the theme.

Large print is the same stylesheet made from the large theme, never a second
code path. Text is left-aligned and upright (no italic body text), at least
12 pt (18 pt in large print).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .colours import box_behind_text, readable_on
from .fonts import BODY, BODY_BOLD
from .theme import Theme

TEXT = "#1A1A1A"
MUTED = "#4D4D4D"   # 8.5:1 on white, and dark enough to survive a photocopier
RULE = "#333333"    # table rules and box edges: well below the 50% grey a copier drops


@dataclass(frozen=True)
class SheetStyle:
    """The paragraph styles and colours of one look (a theme and a clinic's colours)."""

    theme: Theme
    brand: str       # brand colour as given, for the band
    heading: str     # brand colour made readable as text on white
    tint: str        # light box colour behind black text
    styles: dict

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]


_made: dict[tuple, SheetStyle] = {}


def make_style(theme: Theme, brand_colour: str, accent_colour: str) -> SheetStyle:
    """The stylesheet for a look, made once per process: its styles are never changed after, and
    measure.Paragraph keeps parsed text per style object."""
    key = (theme, brand_colour, accent_colour)
    if key not in _made:
        _made[key] = _make_style(theme, brand_colour, accent_colour)
    return _made[key]


def _make_style(theme: Theme, brand_colour: str, accent_colour: str) -> SheetStyle:
    heading = readable_on(brand_colour)
    tint = box_behind_text(accent_colour)

    def style(name, size=theme.body, leading=None, font=BODY, colour=TEXT, alignment=TA_LEFT, **extra):
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading or size * 1.2,
            textColor=colors.HexColor(colour), alignment=alignment, bulletFontSize=size, **extra,
        )

    body = dict(leading=theme.leading)
    styles = {
        "body": style("body", **body, spaceAfter=theme.body * 0.3),
        "title": style("title", theme.title, font=BODY_BOLD, colour=heading, spaceAfter=theme.body * 0.25),
        "heading": style("heading", theme.heading, font=BODY_BOLD, colour=heading,
                         spaceBefore=theme.section_gap, spaceAfter=theme.body * 0.3),
        "exercise": style("exercise", theme.heading, font=BODY_BOLD, colour=heading, spaceAfter=theme.body * 0.2),
        "label": style("label", font=BODY_BOLD, **body),
        "step": style("step", **body, leftIndent=theme.body * 1.4, bulletIndent=0, bulletFontName=BODY_BOLD,
                      spaceAfter=theme.step_gap),
        "mark": style("mark", **body, leftIndent=theme.body * 1.4, bulletIndent=0, bulletFontName=BODY_BOLD,
                      spaceAfter=theme.step_gap),
        "cell": style("cell", **body),
        "cell_bold": style("cell_bold", font=BODY_BOLD, **body),
        "small": style("small", theme.small, colour=MUTED),
        "small_centre": style("small_centre", theme.small, colour=TEXT, alignment=TA_CENTER),
        "head_name": style("head_name", theme.head_name, font=BODY_BOLD),
        "head_contact": style("head_contact", theme.head_contact, colour=MUTED),
        "centre": style("centre", **body, alignment=TA_CENTER),
    }
    return SheetStyle(theme, brand_colour, heading, tint, styles)


def table_style(*commands) -> TableStyle:
    """A TableStyle in the sheet's font: ReportLab tables otherwise set Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY), *commands])
