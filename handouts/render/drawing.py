"""Draw an exercise's pose as a clean line figure: start and finish side by side.

Vector graphics from data, so every picture shares one style, prints crisply
in black and white, and costs a few kilobytes. The near limbs are dark, the far
limbs grey; the figure rests on the floor line (or on its prop: a ball, a bike).
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Line, PolyLine, Polygon, Rect, String
from reportlab.lib import colors

from ..pose import HEAD_RADIUS, LIMB_WIDTH, Figure, Pose, grounded, place, prop_shapes
from .fonts import BODY

INK = colors.HexColor("#1A1A1A")
FAR = colors.HexColor("#8C8C8C")
PROP = colors.HexColor("#4D4D4D")
PROP_FILL = colors.HexColor("#E6E6E6")
FILLS = {"light": PROP_FILL}
GAP = 1.2            # between the two panels, in head heights
SHORTEST = 3.0       # head heights: a figure lower than this (seen from the feet) is drawn larger
MARGIN = 0.35


class Panel:
    """One stance, grounded: everything in head heights with the floor at y = 0."""

    def __init__(self, figure: Figure, pose: Pose, reach=(), finish: bool = False):
        self.figure = figure
        self.front_view = pose.view == "front"
        self.under, self.between, self.above = prop_shapes(figure, pose.props, finish)
        self.floor = grounded(figure, pose.props)
        self.chair = "chair" in pose.props
        self.wall = "wall" in pose.props
        self.water = "water" in pose.props
        self.floor_line = pose.floor
        points = [p for a, b, _ in figure.body + figure.near + figure.far for p in (a, b)]
        points += [(figure.head[0] - HEAD_RADIUS, figure.head[1] + HEAD_RADIUS),
                   (figure.head[0] + HEAD_RADIUS, figure.head[1])]
        points += [(x, y + self.floor) for x, y in reach]  # where this panel's arrows point
        for shape in self.under:
            if shape[0] == "circle":
                points += [(shape[1][0] - shape[2], shape[1][1]), (shape[1][0] + shape[2], shape[1][1])]
        for shape in self.above:
            if shape[0] == "squeeze":
                x, y = shape[1]
                points += [(x - 1.0, y + 1.0), (x + 1.0, y - 1.0)]
            elif shape[0] in ("push", "loop"):
                points += [(x + d, y) for x, y in shape[1:] for d in (-0.3, 0.3)]
        if self.chair:
            hand = figure.points["near-hand"]
            points.append((hand[0] + 1.4, hand[1]))
        self.left = min(x for x, _ in points) - MARGIN
        self.right = max(x for x, _ in points) + MARGIN
        self.top = max(y for _, y in points) + MARGIN - self.floor
        if self.water:
            self.top = max(self.top, figure.points["shoulder"][1] - self.floor + 0.6)

    @property
    def width(self):
        return self.right - self.left


def pose_drawing(pose: Pose, max_width: float, max_height: float, most_scale: float,
                 caption_size: float = 9) -> Drawing:
    """Start and finish, side by side or one above the other, whichever shows them larger in the box.

    `most_scale` (points per head height) keeps every figure on a sheet the same size
    where the box allows: a standing figure is then as big as a lying one.
    """
    start_figure, finish_figure = place(pose.start, pose.view), place(pose.finish, pose.view)
    finish_floor = grounded(finish_figure, pose.props)
    reach = [(finish_figure.points[j][0], finish_figure.points[j][1] - finish_floor) for j in pose.arrows]
    panels = [Panel(start_figure, pose, reach), Panel(finish_figure, pose, finish=True)]
    caption = caption_size * 1.4
    tallest = max(p.top for p in panels)
    # A low, compact figure (seen from the feet, or lying flat) may be drawn larger,
    # so it is never a thumbnail next to the standing ones.
    most_scale *= max(1.0, SHORTEST / tallest)
    wide = sum(p.width for p in panels) + GAP
    side_by_side = min(most_scale, max_width / wide, (max_height - caption) / tallest)
    stacked = min(most_scale, max_width / max(p.width for p in panels),
                  (max_height - 2 * caption) / (panels[0].top + panels[1].top + GAP / 2))
    drawing = Drawing(0, 0)
    drawing.initialFontName, drawing.initialFontSize = BODY, caption_size  # no Helvetica in the PDF
    if side_by_side >= stacked:
        scale = side_by_side
        drawing.width, drawing.height = wide * scale, tallest * scale + caption
        places = [(0.0, caption), ((panels[0].width + GAP) * scale, caption)]
    else:
        scale = stacked
        drawing.width = max(p.width for p in panels) * scale
        drawing.height = (panels[0].top + panels[1].top + GAP / 2) * scale + 2 * caption
        places = [(0.0, drawing.height - panels[0].top * scale), (0.0, caption)]
    for label, panel, (x, y) in zip(("Start", "Finish"), panels, places):
        group = Group()
        _draw_panel(group, panel, scale, panel.width * scale)
        group.translate(x, y)
        drawing.add(group)
        if caption_size:  # a thumbnail has no captions
            drawing.add(String(x + panel.width * scale / 2, y - caption + 3, label, fontName=BODY,
                           fontSize=caption_size, fillColor=INK, textAnchor="middle"))
    start = panels[0]
    for joint, target in zip(pose.arrows, reach):
        a = _to_panel(start, start.figure.points[joint])
        b = (target[0] - start.left, target[1])
        _arrow(drawing, a, b, scale, places[0])
    return drawing


def _to_panel(panel: Panel, point):
    return point[0] - panel.left, point[1] - panel.floor


def _draw_panel(group: Group, panel: Panel, scale: float, width: float) -> None:
    def at(point):
        return (point[0] - panel.left) * scale, (point[1] - panel.floor) * scale

    figure = panel.figure
    if panel.water:
        level = (figure.points["shoulder"][1] - panel.floor - 0.25) * scale
        wave = []
        for step in range(0, 41):
            wx = width * step / 40
            wave += [wx, level + math.sin(step / 40 * 6 * math.pi) * 0.08 * scale]
        group.add(PolyLine(wave, strokeColor=PROP, strokeWidth=max(0.8, 0.07 * scale)))
    if panel.floor_line:  # a firm line under everything
        group.add(Line(0, 0, width, 0, strokeColor=INK, strokeWidth=max(1.0, 0.08 * scale)))
    if panel.wall:
        toe = at(figure.points["near-toe"])
        wall_x = toe[0] + 0.12 * scale
        group.add(Line(wall_x, 0, wall_x, 2.0 * scale, strokeColor=PROP, strokeWidth=max(1.0, 0.1 * scale)))
    if panel.chair:
        _chair(group, at(figure.points["near-hand"]), scale)
    for shape in panel.under:
        _shape(group, shape, at, scale)
    # Seen from the front or the feet, both sides are in plain sight.
    side_colour = INK if panel.front_view or figure.view == "feet" else FAR
    for a, b, line_width in figure.far:
        _segment(group, at(a), at(b), line_width * scale, side_colour)
    for shape in panel.between:
        _shape(group, shape, at, scale)
    if panel.front_view:
        corners = [at(figure.points[name]) for name in ("near-shoulder", "far-shoulder", "far-hip", "near-hip")]
        group.add(Polygon([c for corner in corners for c in corner], fillColor=INK, strokeColor=INK,
                          strokeWidth=LIMB_WIDTH * scale, strokeLineJoin=1))
    head_behind = figure.view == "feet"  # seen from the feet, the head is the farthest part
    if head_behind:
        _head(group, at(figure.head), scale)
    for a, b, line_width in figure.body:
        _segment(group, at(a), at(b), line_width * scale, INK)
    if not head_behind:
        _head(group, at(figure.head), scale)
    for a, b, line_width in figure.near:
        _segment(group, at(a), at(b), line_width * scale, INK)
    for shape in panel.above:
        _shape(group, shape, at, scale)


def _head(group, centre, scale):
    group.add(Circle(centre[0], centre[1], HEAD_RADIUS * scale * 0.92, fillColor=colors.white, strokeColor=INK,
                     strokeWidth=LIMB_WIDTH * scale * 0.7))


def _segment(group, a, b, width, colour):
    group.add(Line(a[0], a[1], b[0], b[1], strokeColor=colour, strokeWidth=width, strokeLineCap=1))


def _shape(group, shape, at, scale):
    kind = shape[0]
    if kind == "circle":
        centre = at(shape[1])
        group.add(Circle(centre[0], centre[1], shape[2] * scale, fillColor=FILLS[shape[3]], strokeColor=PROP,
                         strokeWidth=max(0.8, 0.07 * scale)))
    elif kind == "rect":
        corner = at(shape[1])
        group.add(Rect(corner[0], corner[1], shape[2] * scale, shape[3] * scale, rx=0.12 * scale, ry=0.12 * scale,
                       fillColor=FILLS[shape[4]], strokeColor=PROP, strokeWidth=max(0.8, 0.06 * scale)))
    elif kind == "band":
        centre, angle = at(shape[1]), shape[2]
        band = Ellipse(0, 0, 0.12 * scale, 0.3 * scale, fillColor=None, strokeColor=PROP,
                       strokeWidth=max(1.0, 0.09 * scale))
        holder = Group(band)
        holder.translate(*centre)
        holder.rotate(angle)
        group.add(holder)
    elif kind == "push":
        _arrow_line(group, at(shape[1]), at(shape[2]), scale)
    elif kind == "loop":
        a, b = at(shape[1]), at(shape[2])
        pad = 0.22 * scale
        group.add(Rect(min(a[0], b[0]) - pad, min(a[1], b[1]) - pad, abs(b[0] - a[0]) + 2 * pad,
                       abs(b[1] - a[1]) + 2 * pad, rx=pad, ry=pad, fillColor=None, strokeColor=PROP,
                       strokeWidth=max(1.0, 0.09 * scale)))
    elif kind == "squeeze":
        # Two short arrows pressing on the ball, across the thigh's line.
        centre, along = at(shape[1]), math.radians(shape[2] + 90)
        for sign in (1, -1):
            tip = (centre[0] + sign * math.cos(along) * 0.42 * scale, centre[1] + sign * math.sin(along) * 0.42 * scale)
            tail = (centre[0] + sign * math.cos(along) * 1.0 * scale, centre[1] + sign * math.sin(along) * 1.0 * scale)
            _arrow_line(group, tail, tip, scale)
    elif kind == "line":
        a, b = at(shape[1]), at(shape[2])
        group.add(Line(a[0], a[1], b[0], b[1], strokeColor=PROP, strokeWidth=max(0.8, 0.08 * scale),
                       strokeDashArray=[0.2 * scale, 0.12 * scale]))
    elif kind == "weight":
        hand = at(shape[1])
        size = 0.5 * scale
        group.add(Rect(hand[0] - size / 2, hand[1] - size * 0.12, size, size * 0.24, fillColor=PROP, strokeColor=None))
        for dx in (-size / 2, size / 2):
            group.add(Rect(hand[0] + dx - size * 0.1, hand[1] - size * 0.3, size * 0.2, size * 0.6,
                           fillColor=PROP, strokeColor=None))
    elif kind == "bike":
        seat, crank = at(shape[1]), at(shape[2])
        hand = at(shape[4])
        line = dict(strokeColor=PROP, strokeWidth=max(1.2, 0.14 * scale), strokeLineCap=1)
        group.add(Line(seat[0] - 0.4 * scale, seat[1], seat[0] + 0.3 * scale, seat[1], **line))
        group.add(Line(seat[0], seat[1], crank[0], crank[1], **line))
        group.add(Line(crank[0], crank[1], hand[0], hand[1], **line))
        group.add(Line(seat[0] - 0.8 * scale, 0, crank[0] + 0.9 * scale, 0, **line))
        group.add(Line(seat[0], seat[1], seat[0] - 0.3 * scale, 0, **line))
        group.add(Line(crank[0], crank[1], crank[0] + 0.4 * scale, 0, **line))
        group.add(Circle(crank[0], crank[1], 0.45 * scale, fillColor=None, strokeColor=PROP,
                         strokeWidth=max(0.8, 0.07 * scale)))


def _chair(group, hand, scale):
    """A side-view chair whose backrest top is under the hand."""
    line = dict(strokeColor=PROP, strokeWidth=max(1.2, 0.14 * scale), strokeLineCap=1)
    back_x, top = hand[0] + 0.1 * scale, hand[1] - 0.05 * scale
    seat_y = top * 0.5
    group.add(Line(back_x, top, back_x, 0, **line))
    group.add(Line(back_x, seat_y, back_x + 1.2 * scale, seat_y, **line))
    group.add(Line(back_x + 1.2 * scale, seat_y, back_x + 1.2 * scale, 0, **line))


def _arrow_line(group, tail, tip, scale):
    width = max(1.0, 0.09 * scale)
    dx, dy = tip[0] - tail[0], tip[1] - tail[1]
    length = math.hypot(dx, dy) or 1
    ux, uy, head = dx / length, dy / length, 0.25 * scale
    group.add(Line(tail[0], tail[1], tip[0] - ux * head * 0.5, tip[1] - uy * head * 0.5, strokeColor=INK,
                   strokeWidth=width, strokeLineCap=1))
    group.add(Polygon([tip[0], tip[1], tip[0] - ux * head - uy * head * 0.55, tip[1] - uy * head + ux * head * 0.55,
                       tip[0] - ux * head + uy * head * 0.55, tip[1] - uy * head - ux * head * 0.55],
                      fillColor=INK, strokeColor=None))


def _arrow(drawing, a, b, scale, offset):
    """A bold arrow from where a joint starts toward where it ends, beside the limb."""
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    if length < 0.4:
        return
    ux, uy = (bx - ax) / length, (by - ay) / length
    nx, ny = -uy, ux  # sideways, so the arrow does not sit on the limb
    shift = 0.45
    start = (ax + nx * shift + ux * 0.15, ay + ny * shift + uy * 0.15)
    end = (bx + nx * shift - ux * 0.1, by + ny * shift - uy * 0.1)
    x0, y0 = offset
    sx, sy = x0 + start[0] * scale, y0 + start[1] * scale
    ex, ey = x0 + end[0] * scale, y0 + end[1] * scale
    width = max(1.2, 0.11 * scale)
    drawing.add(Line(sx, sy, ex, ey, strokeColor=INK, strokeWidth=width, strokeLineCap=1))
    head = 0.38 * scale
    left = (ex - ux * head + nx * head * 0.55, ey - uy * head + ny * head * 0.55)
    right = (ex - ux * head - nx * head * 0.55, ey - uy * head - ny * head * 0.55)
    drawing.add(Polygon([ex + ux * width, ey + uy * width, *left, *right], fillColor=INK, strokeColor=INK,
                        strokeWidth=width * 0.5))
