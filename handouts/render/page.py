"""Page geometry, and the header and footer drawn on every page's canvas.

The footer's "Page X of Y" needs the page count, so the canvas keeps each
page's state and draws the footers when the document is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.lib.utils import ImageReader

from .fonts import BODY, BODY_BOLD, Markup
from .styles import MUTED, SheetStyle

PAGE_SIZES = {"letter": LETTER, "a4": A4}
SIDE_MARGIN = 0.65 * inch          # office printers need at least 0.6 in / 15 mm
TOP_MARGIN = 0.6 * inch
FOOTER_SIZE = 11
BOTTOM_MARGIN = 0.6 * inch + 2.2 * FOOTER_SIZE   # the footer line sits just above the printer's limit


@dataclass(frozen=True)
class PageFurniture:
    """What the header and footer say; the same on every page."""

    clinic_name: str
    contact: str
    logo: object  # a Path or None
    footer: str


# The same in large print: the header is not body text, and the page's
# height is better spent on the exercises.
HEADER_HEIGHT = 0.8 * inch


def make_document(out, page_size: str, style: SheetStyle, furniture: PageFurniture, markup: Markup,
                  metadata: dict) -> BaseDocTemplate:
    width, height = PAGE_SIZES[page_size]
    top = TOP_MARGIN + HEADER_HEIGHT
    doc = BaseDocTemplate(
        out, pagesize=(width, height), leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
        topMargin=top, bottomMargin=BOTTOM_MARGIN, invariant=1, initialFontName=BODY,
        pageCompression=1, **metadata,
    )
    frame = Frame(SIDE_MARGIN, BOTTOM_MARGIN, width - 2 * SIDE_MARGIN, height - top - BOTTOM_MARGIN,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_header(canv, _doc):
        _header(canv, width, height, style, furniture, markup)

    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=draw_header)])
    return doc


def _header(canv, width, height, style: SheetStyle, furniture: PageFurniture, markup: Markup) -> None:
    canv.saveState()
    band = 0.14 * inch
    # The brand band runs across the top, inside the printer's safe area.
    canv.setFillColor(colors.HexColor(style.brand))
    canv.rect(SIDE_MARGIN, height - TOP_MARGIN - band, width - 2 * SIDE_MARGIN, band, stroke=0, fill=1)
    box_top = height - TOP_MARGIN - band - 4
    box_height = HEADER_HEIGHT - band - 12
    left = SIDE_MARGIN
    if furniture.logo is not None:
        canv.drawImage(ImageReader(str(furniture.logo)), left, box_top - box_height, box_height, box_height,
                       preserveAspectRatio=True, mask="auto", anchor="w")
        left += box_height + 10
    text_width = width - SIDE_MARGIN - left
    name = Paragraph(markup(furniture.clinic_name), style["header_name"])
    contact = Paragraph(markup(furniture.contact), style["header_contact"])
    _, name_h = name.wrapOn(canv, text_width, box_height)
    _, contact_h = contact.wrapOn(canv, text_width, box_height)
    y = box_top - (box_height - name_h - contact_h) / 2
    name.drawOn(canv, left, y - name_h)
    contact.drawOn(canv, left, y - name_h - contact_h)
    canv.setStrokeColor(colors.HexColor(style.brand))
    canv.setLineWidth(0.8)
    canv.line(SIDE_MARGIN, box_top - box_height - 6, width - SIDE_MARGIN, box_top - box_height - 6)
    canv.restoreState()


def footer_canvas(style: SheetStyle, furniture: PageFurniture):
    """A canvas class that draws 'Page X of Y' and the footer line once the page count is known."""

    class FooterCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = TOP_MARGIN
            self.saveState()
            self.setStrokeColor(colors.HexColor(style.brand))
            self.setLineWidth(0.6)
            self.line(SIDE_MARGIN, y + FOOTER_SIZE + 3, width - SIDE_MARGIN, y + FOOTER_SIZE + 3)
            self.setFillColor(colors.HexColor(MUTED))
            self.setFont(BODY_BOLD, FOOTER_SIZE)
            self.drawString(SIDE_MARGIN, y, f"Page {self._pageNumber} of {total}")
            self.setFont(BODY, FOOTER_SIZE)
            self.drawRightString(width - SIDE_MARGIN, y, furniture.footer)
            self.restoreState()

    return FooterCanvas
