"""Save one exercise's drawing on its own, for `handouts show ID --picture FILE`."""

from __future__ import annotations

from ..errors import HandoutsError
from ..models import Exercise
from .drawing import pose_drawing
from .fonts import BODY, register_fonts

PREVIEW_HEIGHT = 220  # points: big enough to judge a pose by eye
FORMATS = (".png", ".pdf", ".svg")


def picture_bytes(exercise: Exercise, suffix: str) -> bytes:
    if exercise.pose is None:
        raise HandoutsError(f"'{exercise.id}' has no pose to draw; add a `pose:` block (see the README)")
    register_fonts()
    drawing = pose_drawing(exercise.pose, PREVIEW_HEIGHT * 2.5, PREVIEW_HEIGHT, most_scale=40, caption_size=14)
    if suffix == ".pdf":
        from reportlab.graphics import renderPDF

        return renderPDF.drawToString(drawing)
    if suffix == ".svg":
        from reportlab.graphics import renderSVG

        return renderSVG.drawToString(drawing).encode("utf-8")
    if suffix == ".png":
        from .bitmap import drawing_to_png
        from .fonts import font_file

        return drawing_to_png(drawing, dpi=144, font_path=font_file(BODY))
    raise HandoutsError(f"a picture is saved as {', '.join(FORMATS)}, not '{suffix}'")

