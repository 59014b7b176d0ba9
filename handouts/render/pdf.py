"""Render a Handout to PDF bytes: the one entry point the CLI and batch use.

A small renderer with hooks — theme, stylesheet, page furniture, story —
so the sheet, the card and a blank padding page share one set of rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import CondPageBreak
from reportlab.platypus.doctemplate import LayoutError

from ..errors import HandoutsError
from ..handout import Handout
from .fonts import Fonts, Markup, load_fonts
from .page import PageFurniture, canvas_maker, frame_height, later_pages, make_document
from .styles import make_style
from .theme import theme_for

PAPER = {"letter": LETTER, "a4": A4}  # the measures of each size named in paper.PAGE_SIZES
CARD_CHOICES = ("none", "add", "only")


@dataclass(frozen=True)
class RenderedSheet:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...]


class SheetRenderer:
    """One handout's PDF: furniture and story built from the handout, the theme and the locale."""

    def __init__(self, handout: Handout, card: str = "none", pdfa: bool = False, fonts: Fonts | None = None):
        self.fonts = fonts or load_fonts()
        self.handout, self.card, self.pdfa = handout, card, pdfa
        self.locale = handout.locale
        self.style = make_style(theme_for(handout.large_print), handout.clinic.brand_colour,
                                handout.clinic.accent_colour)
        extra = self.fonts.clinic_font(handout.clinic.font) if handout.clinic.font else None
        self.markup = Markup(spell=self.locale.spell, extra=extra, fonts=self.fonts)
        self.pagesize = PAPER[handout.page_size]
        self.width = self.pagesize[0] - 2 * self.style.theme.side_margin

    def furniture(self) -> PageFurniture:
        h, clinic, words = self.handout, self.handout.clinic, self.locale.words
        contact = " · ".join(filter(None, [clinic.address, clinic.phone and words("phone", phone=clinic.phone),
                                           clinic.web, clinic.email]))
        footer = " · ".join(filter(None, [clinic.phone and words("clinic_phone", phone=clinic.phone),
                                          words("issued", date=self.locale.date(h.issued)),
                                          words("sheet_id", id=h.sheet_id)]))
        return PageFurniture(
            clinic_name=clinic.name or words("letterhead_fallback"),
            contact=contact or words("letterhead_contact_fallback"),
            logo=clinic.logo,
            running_name=h.patient or words("running_head_name_blank"),
            footer=footer,
            page_words=words("page_of", page="{page}", pages="{pages}"),
        )

    def metadata(self) -> dict:
        from dataclasses import asdict

        from .fileinfo import file_info

        info = asdict(file_info(self.handout))
        del info["date"]  # ReportLab's dates are fixed (invariant); finish_pdf sets the sheet's
        del info["request"]  # finish_pdf attaches it
        return info

    def story(self) -> list:
        from .story import build_story

        if self.card == "only":
            return [later_pages(), *self._card()]
        story = build_story(self.handout, self.style, self.markup, self.width)
        if self.card == "add":
            story += [CondPageBreak(10_000), *self._card()]
        return story

    def _card(self) -> list:
        from .card import card_story

        room = frame_height(self.style, self.pagesize[1], first=False)
        return card_story(self.handout, self.style, self.markup, self.width, room)

    def render(self, finished: bool = True) -> RenderedSheet:
        out = io.BytesIO()
        doc = make_document(out, self.pagesize, self.style, self.furniture(), self.markup, self.metadata(),
                            first_page_head=self.card != "only")
        try:
            doc.build(self.story(), canvasmaker=canvas_maker(self.style))
        except LayoutError:
            # Only text far longer than the catalogue and command line allow gets here.
            raise HandoutsError(f"'{self.handout.title}' could not be laid out: some text is too long to fit "
                                "on a page; shorten the longest step, note or caution") from None
        refusal = self.markup.refusal()
        if refusal is not None:  # a name printed as boxes, or letters in the wrong order: never written
            raise refusal
        drawn = RenderedSheet(out.getvalue(), doc.page, tuple(self.markup.warnings()))
        return finish_sheet(self.handout, drawn, pdfa=self.pdfa) if finished else drawn


def finish_sheet(handout: Handout, drawn: RenderedSheet, *, pdfa: bool = False) -> RenderedSheet:
    """The drawn pages made the file `build` writes: metadata, the request inside, PDF/A if asked (pdfa.py)."""
    from dataclasses import replace

    from .fileinfo import file_info
    from .pdfa import finish_pdf

    return replace(drawn, pdf=finish_pdf(drawn.pdf, file_info(handout), pdfa=pdfa))


def render_handout(handout: Handout, *, card: str = "none", pdfa: bool = False) -> RenderedSheet:
    """THE way from a planned handout to a PDF: bytes, page count, and warnings about letters drawn.

    `handout` comes from handout.plan (it holds every word printed, so nothing
    here looks at the catalogue); `card` is "none", "add" (a one-page card after
    the sheet) or "only"; `pdfa` writes PDF/A-2b. The same handout always gives
    the same bytes. Raises HandoutsError when text cannot be laid out or drawn.
    `handouts build`, `batch` and the local web page (`handouts serve`) call this.
    """
    return SheetRenderer(handout, card, pdfa).render()


def draw_handout(handout: Handout, *, card: str = "none") -> RenderedSheet:
    """The pages as drawn, before finish_sheet adds what the file carries (for a preview, which needs no more):
    finish_sheet of these gives the very bytes render_handout gives."""
    return SheetRenderer(handout, card).render(finished=False)


def blank_page(page_size: str, text: str) -> bytes:
    """A page that says it is left blank: pads a sheet to an even count for double-sided printing."""
    from reportlab.pdfgen import canvas

    from .fonts import BODY

    load_fonts()
    out = io.BytesIO()
    width, height = PAPER[page_size]
    canv = canvas.Canvas(out, pagesize=(width, height), invariant=1, initialFontName=BODY, pageCompression=1)
    canv.setFont(BODY, 12)
    canv.drawCentredString(width / 2, height / 2, text)
    canv.showPage()
    canv.save()
    return out.getvalue()
