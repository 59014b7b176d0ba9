"""Render a Handout to PDF bytes: the one entry point the CLI and batch use."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus.doctemplate import LayoutError

from ..errors import HandoutsError
from ..handout import Handout
from .fonts import Markup, register_fonts
from .page import PAGE_SIZES, SIDE_MARGIN, PageFurniture, footer_canvas, make_document
from .story import build_story
from .styles import make_style


@dataclass(frozen=True)
class RenderedSheet:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...]


def render_handout(handout: Handout, library=None) -> RenderedSheet:
    """The finished PDF for one handout; the same handout always gives the same bytes."""
    register_fonts()
    clinic = handout.clinic
    style = make_style(clinic.brand_colour, clinic.accent_colour, handout.large_print)
    markup = Markup()
    contact = " · ".join(filter(None, [clinic.address, clinic.phone and f"Phone {clinic.phone}", clinic.web, clinic.email]))
    furniture = PageFurniture(
        clinic_name=clinic.name or "Your home exercise programme",
        contact=contact or "Keep this sheet and bring it to your next visit.",
        logo=clinic.logo,
        footer=" · ".join(filter(None, [clinic.phone and f"Clinic phone: {clinic.phone}",
                                        f"Issued {handout.issued}", f"Sheet {handout.sheet_id}"])),
    )
    subject = f"Home exercise sheet: {handout.condition.name}"
    if handout.patient:
        subject += f", for {handout.patient}"
    metadata = dict(
        title=handout.title,
        author=clinic.name or "handouts",
        subject=subject,
        keywords=", ".join(["home exercise", handout.condition.name, *(p.exercise.name for p in handout.exercises)]),
        creator="handouts",
        lang="en",
    )
    out = io.BytesIO()
    doc = make_document(out, handout.page_size, style, furniture, markup, metadata)
    width = PAGE_SIZES[handout.page_size][0] - 2 * SIDE_MARGIN
    story = build_story(handout, style, markup, width, library)
    try:
        doc.build(story, canvasmaker=footer_canvas(style, furniture))
    except LayoutError:
        # Only text far longer than the catalogue and command line allow gets here.
        raise HandoutsError(f"'{handout.title}' could not be laid out: some text is too long to fit on a page; "
                            "shorten the longest step, note or caution") from None
    return RenderedSheet(out.getvalue(), doc.page, tuple(markup.warnings()))
