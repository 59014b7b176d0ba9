"""A contact sheet for reviewers: every drawing large, with its id and name (`handouts pictures`)."""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from ..errors import HandoutsError
from .drawing import figure_key_drawing, pose_drawing
from .fonts import BODY, BODY_BOLD, register_fonts

MARGIN = 36
PER_PAGE = 3
TITLE = 13


def _drawable(exercises):
    missing = [e.id for e in exercises if e.pose is None]
    if missing:
        raise HandoutsError(f"no pose to draw for: {', '.join(missing)}; add a `pose:` block to each")
    return exercises


def gallery_pdf(exercises, title: str = "Exercise pictures") -> bytes:
    """One PDF page per three exercises, each drawing as large as its box allows."""
    exercises = _drawable(list(exercises))
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=letter, invariant=1, initialFontName=BODY)
    canvas.setTitle(title)
    width, height = letter
    key = figure_key_drawing(font_size=10)
    box_height = (height - 2 * MARGIN - key.height - 12) / PER_PAGE
    for start in range(0, len(exercises), PER_PAGE):
        top = height - MARGIN
        renderPDF.draw(key, canvas, MARGIN, top - key.height)
        top -= key.height + 12
        for exercise in exercises[start:start + PER_PAGE]:
            canvas.setFont(BODY_BOLD, TITLE)
            canvas.drawString(MARGIN, top - TITLE, exercise.name)
            canvas.setFont(BODY, TITLE * 0.8)
            canvas.drawRightString(width - MARGIN, top - TITLE, exercise.id)
            drawing = pose_drawing(exercise.pose, width - 2 * MARGIN, box_height - TITLE - 16, most_scale=60,
                                   caption_size=11)
            renderPDF.draw(drawing, canvas, MARGIN + (width - 2 * MARGIN - drawing.width) / 2,
                           top - TITLE - 8 - drawing.height)
            top -= box_height
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def picture_pngs(exercises, dpi: int = 144, named: bool = True) -> dict[str, bytes]:
    """Each exercise's drawing as a PNG, by file name (the id, or a neutral number when `named` is false)."""
    from .bitmap import drawing_to_png
    from .fonts import font_file

    register_fonts()
    pngs = {}
    for number, exercise in enumerate(_drawable(list(exercises)), 1):
        drawing = pose_drawing(exercise.pose, 560, 240, most_scale=40, caption_size=14)
        name = f"{exercise.id}.png" if named else f"drawing-{number:02d}.png"
        pngs[name] = drawing_to_png(drawing, dpi=dpi, font_path=font_file(BODY))
    return pngs
