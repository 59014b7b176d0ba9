"""Page furniture: the letterhead on page 1, a slim running head on later pages,
and the footer on every page ("Page X of Y", date issued, sheet id).

The page count is not known until the last page, so "Y" is a form drawn on
every page and defined once, when the document is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from .measure import Paragraph  # lines broken once per width
from .fonts import BODY, BODY_BOLD, Markup
from .styles import MUTED, TEXT, SheetStyle

PAGE_COUNT_FORM = "page-count"


@dataclass(frozen=True)
class PageFurniture:
    """What the head and foot of the pages say; planned once per sheet."""

    clinic_name: str
    contact: str
    logo: object            # a Path or None
    running_name: str       # the patient's name, or a line to write it on
    footer: str             # right-hand side of the footer
    page_words: str         # "Page {page} of {pages}"


class SheetCanvas(canvas.Canvas):
    """Defines the page-count form when the document is saved."""

    footer_font_size = 10.0

    def save(self):
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(BODY_BOLD, self.footer_font_size)
        self.setFillColor(colors.HexColor(MUTED))
        self.drawString(0, 0, str(self._pageNumber - 1))
        self.endForm()
        super().save()


def canvas_maker(style: SheetStyle):
    return type("ThemedSheetCanvas", (SheetCanvas,), {"footer_font_size": style.theme.footer})


def frame_height(style: SheetStyle, page_height: float, first: bool) -> float:
    t = style.theme
    head = t.letterhead_height if first else t.running_head_height
    return page_height - t.top_margin - head - _footer_zone(style)


def _footer_zone(style: SheetStyle) -> float:
    return style.theme.bottom_margin + style.theme.footer * 2


# finish_pdf (pikepdf) decodes and compresses every stream as it saves, so ReportLab's own
# compression was an eighth of a render for the same bytes (tests/test_speed.py compares).
COMPRESS = 0


def make_document(out, pagesize, style: SheetStyle, furniture: PageFurniture, markup: Markup,
                  metadata: dict, first_page_head: bool = True) -> BaseDocTemplate:
    """A document whose first page has the letterhead (or, for a card alone, the running head).

    Its streams are left uncompressed (COMPRESS).
    """
    width, height = pagesize
    t = style.theme
    doc = BaseDocTemplate(out, pagesize=pagesize, leftMargin=t.side_margin, rightMargin=t.side_margin,
                          topMargin=t.top_margin, bottomMargin=_footer_zone(style), invariant=1,
                          initialFontName=BODY, pageCompression=COMPRESS, **metadata)

    def frame(first: bool, name: str) -> Frame:
        body_height = frame_height(style, height, first)
        return Frame(t.side_margin, _footer_zone(style), width - 2 * t.side_margin, body_height, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canv, _doc):
        _letterhead(canv, width, height, style, furniture, markup)
        _footer(canv, width, style, furniture)

    def later_page(canv, _doc):
        _running_head(canv, width, height, style, furniture, markup)
        _footer(canv, width, style, furniture)

    templates = [PageTemplate(id="later", frames=[frame(False, "later")], onPage=later_page)]
    if first_page_head:
        templates.insert(0, PageTemplate(id="first", frames=[frame(True, "first")], onPage=first_page))
    doc.addPageTemplates(templates)
    return doc


def later_pages() -> NextPageTemplate:
    """Put first in a story: every page after the first gets the running head."""
    return NextPageTemplate("later")


def _letterhead(canv, width, height, style: SheetStyle, furniture: PageFurniture, markup: Markup) -> None:
    t = style.theme
    canv.saveState()
    top = height - t.top_margin
    canv.setFillColor(colors.HexColor(style.brand))
    canv.rect(t.side_margin, top - t.band, width - 2 * t.side_margin, t.band, stroke=0, fill=1)
    box_top = top - t.band - 4
    box_height = t.letterhead_height - t.band - 12
    left = t.side_margin
    if furniture.logo is not None:
        canv.drawImage(ImageReader(str(furniture.logo)), left, box_top - box_height, box_height, box_height,
                       preserveAspectRatio=True, mask="auto", anchor="w")
        left += box_height + 10
    text_width = width - t.side_margin - left
    name = Paragraph(markup(furniture.clinic_name), style["head_name"])
    contact = Paragraph(markup(furniture.contact), style["head_contact"])
    _, name_h = name.wrapOn(canv, text_width, box_height)
    _, contact_h = contact.wrapOn(canv, text_width, box_height)
    y = box_top - (box_height - name_h - contact_h) / 2
    name.drawOn(canv, left, y - name_h)
    contact.drawOn(canv, left, y - name_h - contact_h)
    _rule(canv, style, width, box_top - box_height - 6)
    canv.restoreState()


def _running_head(canv, width, height, style: SheetStyle, furniture: PageFurniture, markup: Markup) -> None:
    t = style.theme
    canv.saveState()
    baseline = height - t.top_margin - t.running_head
    half = (width - 2 * t.side_margin) / 2 - 6
    for text, font, x, anchor in ((furniture.clinic_name, BODY_BOLD, t.side_margin, "left"),
                                  (furniture.running_name, BODY, width - t.side_margin, "right")):
        line = Paragraph(f'<font name="{font}">{markup(text)}</font>', style["head_contact"].clone(
            "running", fontSize=t.running_head, leading=t.running_head * 1.2, textColor=colors.HexColor(TEXT),
            alignment=0 if anchor == "left" else 2))
        _, h = line.wrapOn(canv, half, t.running_head_height)
        line.drawOn(canv, x if anchor == "left" else x - half, baseline - h + t.running_head)
    _rule(canv, style, width, height - t.top_margin - t.running_head_height + 6)
    canv.restoreState()


def _rule(canv, style: SheetStyle, width: float, y: float) -> None:
    canv.setStrokeColor(colors.HexColor(style.heading))
    canv.setLineWidth(style.theme.rule)
    canv.line(style.theme.side_margin, y, width - style.theme.side_margin, y)


def _footer(canv, width, style: SheetStyle, furniture: PageFurniture) -> None:
    t = style.theme
    y = t.bottom_margin
    canv.saveState()
    _rule(canv, style, width, y + t.footer + 3)
    canv.setFillColor(colors.HexColor(MUTED))
    canv.setFont(BODY_BOLD, t.footer)
    before_count = furniture.page_words.split("{pages}")[0].format(page=canv.getPageNumber())
    canv.drawString(t.side_margin, y, before_count)
    canv.saveState()
    canv.translate(t.side_margin + canv.stringWidth(before_count, BODY_BOLD, t.footer), y)
    canv.doForm(PAGE_COUNT_FORM)
    canv.restoreState()
    canv.setFont(BODY, t.footer)
    canv.drawRightString(width - t.side_margin, y, furniture.footer)
    canv.restoreState()
