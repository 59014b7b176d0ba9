"""Small body diagrams printed beside a condition's `about`: where the trouble is.

Drawn in code like the figures: dark outlines on white, the place that matters
filled dark, so a photocopy keeps every mark. Sizes in points.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from .body import INK
from .fonts import BODY, BODY_BOLD

PAPER = colors.white
MARK = colors.HexColor("#B3261E")  # the joints: dark enough to stay black on a copy


def si_joints(height: float, label: str, font_size: float) -> Drawing:
    """The pelvis seen from behind: the spine, the sacrum between the two hip bones, the SI joints marked."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    u = height / 100  # drawn on a grid 100 units high
    cx = 52           # the middle of the body, in grid units
    label_x = cx + 58
    d = Drawing((label_x + 3) * u + stringWidth(label, BODY_BOLD, font_size), height)
    d.initialFontName, d.initialFontSize = BODY, font_size
    line = max(1.0, 1.5 * u)

    def shape(points, fill=PAPER):
        d.add(Polygon([v * u for v in points], fillColor=fill, strokeColor=INK, strokeWidth=line,
                      strokeLineJoin=1))

    for bottom in (83, 92):  # two lower back bones above the sacrum
        d.add(Rect((cx - 9) * u, bottom * u, 18 * u, 7 * u, rx=2 * u, ry=2 * u, fillColor=PAPER,
                   strokeColor=INK, strokeWidth=line))
    for side in (-1, 1):  # the hip bones: a wing above, the hip socket and sitting bone below
        outline = [(12, 80), (20, 90), (34, 94), (46, 88), (50, 74), (46, 58), (38, 44), (34, 30), (30, 16),
                   (22, 12), (16, 20), (11, 38), (10, 60)]
        shape([v for dx, y in outline for v in (cx + side * dx, y)])
        d.add(Circle((cx + side * 37) * u, 36 * u, 6 * u, fillColor=PAPER, strokeColor=INK, strokeWidth=line))
    shape([cx - 12, 80, cx + 12, 80, cx + 9, 45, cx + 3, 27, cx - 3, 27, cx - 9, 45])  # the sacrum
    for side in (-1, 1):  # the SI joints, where the sacrum meets each hip bone
        d.add(Line((cx + side * 11.5) * u, 78 * u, (cx + side * 9) * u, 47 * u, strokeColor=MARK,
                   strokeWidth=4 * u, strokeLineCap=1))
    for side in (-1, 1):  # one label, a line to each joint
        d.add(Line(label_x * u, 64 * u, (cx + side * 10.5) * u, 64 * u, strokeColor=INK, strokeWidth=max(0.8, u)))
    d.add(String((label_x + 3) * u, 64 * u - font_size * 0.35, label, fontName=BODY_BOLD, fontSize=font_size,
                 fillColor=INK))
    return d


DRAWINGS = {"si-joints": si_joints}
