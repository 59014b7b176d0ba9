"""Paint a ReportLab Drawing into a PNG with Pillow.

ReportLab's own bitmap renderer needs cairo, which has no wheels to install
with pip on Linux. Our drawings use only a few shapes (lines, circles, ellipses,
polygons, rectangles and text), so painting them with Pillow, which ReportLab
already depends on, is a few lines and keeps `show --picture x.png` working
on any machine.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin
from reportlab.graphics.shapes import Circle, Ellipse, Group, Line, PolyLine, Polygon, Rect, String

from ..errors import HandoutsError
from ..imagefile import LIMIT_WORDS, MAX_PIXELS

OVERSAMPLE = 3  # paint bigger, then shrink: smooth edges without an anti-aliasing renderer


def _compose(a, b):
    """The affine transform that applies b, then a (ReportLab's 6-number form)."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1],
            a[0] * b[2] + a[2] * b[3], a[1] * b[2] + a[3] * b[3],
            a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def _colour(colour):
    if colour is None:
        return None
    return tuple(round(c * 255) for c in colour.rgb())


def drawing_to_png(drawing, dpi: int, font_path: str) -> bytes:
    zoom = dpi / 72 * OVERSAMPLE
    width, height = math.ceil(drawing.width * zoom), math.ceil(drawing.height * zoom)
    if width * height > MAX_PIXELS * OVERSAMPLE ** 2:  # never paint a picture larger than one we would read
        raise HandoutsError(f"the picture would be {width // OVERSAMPLE:,} × {height // OVERSAMPLE:,} pixels; "
                            f"the limit is {LIMIT_WORDS}")
    image = Image.new("RGB", (width, height), "white")
    paint = ImageDraw.Draw(image)
    # Flip y: ReportLab measures up from the bottom, Pillow down from the top.
    base = (zoom, 0, 0, -zoom, 0, height)
    _paint_group(paint, drawing, base, zoom, font_path)
    image = image.resize((width // OVERSAMPLE, height // OVERSAMPLE), Image.LANCZOS)
    out = io.BytesIO()
    marks = PngImagePlugin.PngInfo()
    marks.add_text("Software", "handouts")  # so a later --picture may replace it without --force
    image.save(out, format="PNG", dpi=(dpi, dpi), pnginfo=marks)
    return out.getvalue()


def _paint_group(paint, group, transform, zoom, font_path):
    transform = _compose(transform, getattr(group, "transform", (1, 0, 0, 1, 0, 0)))
    for shape in group.contents:
        if isinstance(shape, Group):
            _paint_group(paint, shape, transform, zoom, font_path)
        else:
            _paint_shape(paint, shape, transform, zoom, font_path)


def _paint_shape(paint, shape, t, zoom, font_path):
    def at(x, y):
        return t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]

    scale = math.hypot(t[0], t[1])
    stroke = _colour(getattr(shape, "strokeColor", None))
    fill = _colour(getattr(shape, "fillColor", None))
    width = max(1, round((getattr(shape, "strokeWidth", 1) or 0) * scale))
    if isinstance(shape, Line):
        a, b = at(shape.x1, shape.y1), at(shape.x2, shape.y2)
        paint.line([a, b], fill=stroke, width=width)
        if getattr(shape, "strokeLineCap", 0) == 1:  # round ends
            for x, y in (a, b):
                paint.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=stroke)
    elif isinstance(shape, Circle):
        x, y = at(shape.cx, shape.cy)
        r = shape.r * scale
        paint.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=stroke, width=width)
    elif isinstance(shape, Ellipse):
        points = [at(shape.cx + shape.rx * math.cos(math.radians(d)), shape.cy + shape.ry * math.sin(math.radians(d)))
                  for d in range(0, 360, 10)]
        paint.polygon(points, fill=fill, outline=stroke, width=width)
    elif isinstance(shape, Rect):
        x, y, w, h = shape.x, shape.y, shape.width, shape.height
        paint.polygon([at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h)], fill=fill, outline=stroke,
                      width=width)
    elif isinstance(shape, Polygon):
        p = shape.points
        corners = [at(p[i], p[i + 1]) for i in range(0, len(p), 2)]
        if fill is not None:
            paint.polygon(corners, fill=fill)
        if stroke is not None and getattr(shape, "strokeWidth", 0):
            # Pillow draws a wide outline inside the shape; PDF centres it on the edge, as here.
            paint.line(corners + corners[:2], fill=stroke, width=width, joint="curve")
    elif isinstance(shape, PolyLine):
        p = shape.points
        paint.line([at(p[i], p[i + 1]) for i in range(0, len(p), 2)], fill=stroke, width=width, joint="curve")
    elif isinstance(shape, String):
        font = ImageFont.truetype(font_path, max(1, round(shape.fontSize * scale)))
        x, y = at(shape.x, shape.y)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.textAnchor]
        paint.text((x, y), shape.text, fill=_colour(shape.fillColor), font=font, anchor=anchor)
