"""One stylesheet for the sheet, from the brand colour and the print size.

Large print is the same stylesheet with bigger numbers, never a second code
path. Text is left-aligned, upright (no italic body text) and at least 12 pt
(13 pt normally, 18 pt in large print), with line spacing of at least 1.25
(1.5 in large print).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .colours import box_behind_text, readable_on
from .fonts import BODY, BODY_BOLD

TEXT = "#1A1A1A"
MUTED = "#4D4D4D"  # 8.5:1 on white: still easy to read for footers and captions


@dataclass(frozen=True)
class Sizes:
    body: float
    leading: float
    title: float
    heading: float
    small: float
    log_row: float
    log_box: float


NORMAL = Sizes(body=13, leading=16.5, title=22, heading=16, small=12, log_row=20, log_box=26)
LARGE = Sizes(body=18, leading=27, title=28, heading=22, small=14, log_row=30, log_box=40)


@dataclass(frozen=True)
class SheetStyle:
    sizes: Sizes
    brand: str       # brand colour as given, for the band and rules
    heading: str     # brand colour made readable as text on white
    tint: str        # light box colour behind black text
    styles: dict

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]


def make_style(brand_colour: str, accent_colour: str, large_print: bool) -> SheetStyle:
    sizes = LARGE if large_print else NORMAL
    heading = readable_on(brand_colour)
    tint = box_behind_text(accent_colour)

    def style(name, size=sizes.body, leading=None, font=BODY, colour=TEXT, **extra):
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading or size * (1.5 if large_print else 1.25),
            textColor=colors.HexColor(colour), alignment=TA_LEFT, bulletFontSize=size, **extra,
        )

    body_gap = sizes.body * 0.35
    styles = {
        "body": style("body", leading=sizes.leading, spaceAfter=0 if large_print else body_gap),
        "title": style("title", sizes.title, font=BODY_BOLD, colour=heading, spaceAfter=sizes.body * 0.3),
        "heading": style("heading", sizes.heading, font=BODY_BOLD, colour=heading,
                         spaceBefore=sizes.body * 0.9, spaceAfter=sizes.body * 0.4),
        "exercise": style("exercise", sizes.heading, font=BODY_BOLD, colour=heading, spaceAfter=sizes.body * 0.2),
        "label": style("label", font=BODY_BOLD, leading=sizes.leading),
        # Large print's 1.5 line spacing already separates the steps.
        "step": style("step", leading=sizes.leading, leftIndent=sizes.body * 1.5,
                      bulletIndent=0, bulletFontName=BODY_BOLD, spaceAfter=0 if large_print else body_gap * 0.35),
        "mark": style("mark", leading=sizes.leading, leftIndent=sizes.body * 1.5,
                      bulletIndent=0, bulletFontName=BODY_BOLD, spaceAfter=0 if large_print else body_gap * 0.6),
        "cell": style("cell", leading=sizes.leading),
        "cell_bold": style("cell_bold", font=BODY_BOLD, leading=sizes.leading),
        "small": style("small", sizes.small, colour=MUTED),
        "header_name": style("header_name", 14, font=BODY_BOLD, leading=17),
        "header_contact": style("header_contact", 11, colour=MUTED, leading=13.5),
        "note": style("note", leading=sizes.leading, font=BODY),
    }
    return SheetStyle(sizes, brand_colour, heading, tint, styles)


def table_style(*commands) -> TableStyle:
    """A TableStyle in the sheet's font: ReportLab tables otherwise set Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY), *commands])
