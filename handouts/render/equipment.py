"""Draw the floor, the mat and the equipment (typed shapes from figures/equipment.py).

Equipment never looks like the far side of the body (white with an outline):
balls have seams, bands and straps are bold dark-red lines with a white edge,
the dumbbell, chair and bike are solid dark bars. Every mark is darker than
50% grey or is a pale tint whose meaning is carried by a dark edge, so a
photocopier keeps it.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Ellipse, Group, Line, PolyLine, Polygon, Rect
from reportlab.lib import colors

from ..figures import equipment as eq
from .body import INK, PAPER, halo_width, outline_width

PROP = colors.HexColor("#333333")        # equipment bars and outlines (grey value 51)
BAND = colors.HexColor("#8A1C1C")        # bands and straps: dark red, grey value 61
MAT_FILL = colors.HexColor("#E3E3E3")    # the top of a mat or floor: a pale tint, edged dark (grey 227)
WATER_FILL = colors.HexColor("#DCEBF5")  # pale blue (grey 232), its surface a dark wavy line
WATER_LINE = colors.HexColor("#1D4F7A")


def _line(group, a, b, colour, width, halo):
    if halo:
        group.add(Line(a[0], a[1], b[0], b[1], strokeColor=PAPER, strokeWidth=width + 2 * halo, strokeLineCap=1))
    group.add(Line(a[0], a[1], b[0], b[1], strokeColor=colour, strokeWidth=width, strokeLineCap=1))


def draw_ground(group: Group, ground: eq.Ground, at, scale: float) -> None:
    edge = outline_width(scale)
    if len(ground.outline) == 2:  # a flat view: the floor is a line, a mat a dark strip
        (x0, y0), (x1, _) = at(ground.outline[0]), at(ground.outline[1])
        depth = ground.thickness * scale
        if ground.mat:
            group.add(Rect(x0, y0 - depth, x1 - x0, depth, rx=depth / 3, ry=depth / 3, fillColor=PROP,
                           strokeColor=None))
        else:
            group.add(Rect(x0, y0 - depth, x1 - x0, depth, fillColor=MAT_FILL, strokeColor=None))
            group.add(Line(x0, y0, x1, y0, strokeColor=INK, strokeWidth=max(1.2, 0.08 * scale)))
        return
    corners = [at(c) for c in ground.outline]
    # A mat has edges all round; a floor is a pale tint with only its front edge drawn, so it never
    # reads as a box or a step to stand on.
    group.add(Polygon([c for p in corners for c in p], fillColor=MAT_FILL, strokeColor=INK if ground.mat else None,
                      strokeWidth=edge, strokeLineJoin=1))
    front = sorted(corners, key=lambda c: c[1])[:2]  # the edge nearest the viewer is lowest in the picture
    front.sort()
    depth = ground.thickness * scale
    (ax, ay), (bx, by) = front
    if ground.mat:
        group.add(Polygon([ax, ay, bx, by, bx, by - depth, ax, ay - depth], fillColor=PROP, strokeColor=PROP,
                          strokeWidth=edge, strokeLineJoin=1))
    elif ground.under_feet:  # standing: the dark edge runs under the feet, where the figure stands
        (ax, ay), (bx, by) = (at(p) for p in ground.under_feet)
        group.add(Line(ax, ay, bx, by, strokeColor=INK, strokeWidth=max(1.4, 0.1 * scale), strokeLineCap=1))
    else:
        group.add(Line(ax, ay, bx, by, strokeColor=INK, strokeWidth=max(1.2, 0.08 * scale), strokeLineCap=1))


def draw_water_body(group: Group, water: eq.Water, at, width: float) -> None:
    level = at((0.0, water.level))[1]
    group.add(Rect(0, 0, width, level, fillColor=WATER_FILL, strokeColor=None))


def draw_water_surface(group: Group, water: eq.Water, at, width: float, scale: float) -> None:
    level = at((0.0, water.level))[1]
    for depth in (0.0, 0.28):
        wave = []
        for step in range(41):
            x = width * step / 40
            wave += [x, level - depth * scale + math.sin(step / 40 * 8 * math.pi) * 0.07 * scale]
        group.add(PolyLine(wave, strokeColor=WATER_LINE, strokeWidth=max(1.0, (0.07 if depth == 0 else 0.045) * scale),
                           strokeLineCap=1))


def draw(group: Group, shape, at, scale: float) -> None:
    """One piece of equipment."""
    halo = halo_width(scale)
    bar = max(1.3, 0.13 * scale)
    if isinstance(shape, eq.Ball):
        _ball(group, shape, at, scale)
    elif isinstance(shape, eq.Band):
        loop = [c for p in shape.loop for c in at(p)]
        width = max(1.4, 0.11 * scale)
        group.add(Polygon(loop, fillColor=None, strokeColor=PAPER, strokeWidth=width + 2 * halo, strokeLineJoin=1))
        group.add(Polygon(loop, fillColor=None, strokeColor=BAND, strokeWidth=width, strokeLineJoin=1))
    elif isinstance(shape, eq.Strap):
        width = max(2.0, 0.16 * scale)
        (ax, ay), (bx, by) = at(shape.a), at(shape.b)
        # The white edge starts clear of the hand: round the hand it ate into the strap, which then broke
        # there on a photocopy. The strap itself runs on unbroken into the hand.
        length = math.hypot(bx - ax, by - ay) or 1.0
        t = min(0.5, (0.2 * scale + halo + width) / length)
        _line(group, (ax + (bx - ax) * t, ay + (by - ay) * t), (bx, by), PAPER, width + 2 * halo, 0)
        _line(group, (ax, ay), (bx, by), BAND, width, 0)
        # A loop round the foot, so the strap is plainly fixed to it.
        (x, y), r = at(shape.b), 0.2 * scale
        group.add(Circle(x, y, r, fillColor=None, strokeColor=PAPER, strokeWidth=width + 2 * halo))
        group.add(Circle(x, y, r, fillColor=None, strokeColor=BAND, strokeWidth=width))
    elif isinstance(shape, eq.Stick):
        _line(group, at(shape.a), at(shape.b), PROP, bar * 1.2, halo)
    elif isinstance(shape, eq.Towel):
        _towel(group, shape, at, scale)
    elif isinstance(shape, eq.Dumbbell):
        _dumbbell(group, at(shape.centre), scale, halo)
    elif isinstance(shape, eq.Chair):
        _chair(group, shape, at, scale, bar, halo)
    elif isinstance(shape, eq.Rail):
        (a, b), (fa, fb) = [at(p) for p in shape.ends], [at(p) for p in shape.feet]
        parts = [(a, b, bar * 1.4), (a, fa, bar), (b, fb, bar)]
        for start, end, width in parts:  # every white edge first, so no part cuts another where they join
            _line(group, start, end, PAPER, width + 2 * halo, 0)
        for start, end, width in parts:
            _line(group, start, end, PROP, width, 0)
    elif isinstance(shape, eq.Bike):
        _bike(group, shape, at, scale, bar, halo)
    elif isinstance(shape, eq.Pillow):
        (x, y), w, h = at(shape.centre), shape.width * scale, shape.height * scale
        group.add(Rect(x - w / 2, y - h / 2, w, h, rx=h / 2, ry=h / 2, fillColor=MAT_FILL, strokeColor=PROP,
                       strokeWidth=outline_width(scale)))
        # A seam along the middle: a pillow, not an outlined (far-side) limb, once a copier drops the tint.
        group.add(Line(x - w / 2 + h / 2, y, x + w / 2 - h / 2, y, strokeColor=PROP, strokeWidth=outline_width(scale),
                       strokeLineCap=1))
    elif isinstance(shape, eq.Seat):
        _seat(group, shape, at, bar, halo)
    elif isinstance(shape, eq.Step):
        edge = outline_width(scale)
        for face, fill in ((shape.top, MAT_FILL), (shape.face, PAPER)):
            group.add(Polygon([c for p in face for c in at(p)], fillColor=fill, strokeColor=PROP,
                              strokeWidth=max(1.2, edge * 1.4), strokeLineJoin=1))
    elif isinstance(shape, eq.FloorMark):  # a dark outline on the floor, dashed: where a foot goes next
        outline = [at(p) for p in shape.outline]
        width = max(1.4, 0.08 * scale)
        for index in range(0, len(outline), 2):  # short strokes: renderers differ on dash patterns
            a, b = outline[index], outline[(index + 1) % len(outline)]
            group.add(Line(a[0], a[1], b[0], b[1], strokeColor=INK, strokeWidth=width, strokeLineCap=1))
    elif isinstance(shape, eq.Roll):
        (x, y), r = at(shape.centre), shape.radius * scale
        width = max(1.2, 0.08 * scale)
        group.add(Circle(x, y, r, fillColor=MAT_FILL, strokeColor=PROP, strokeWidth=width))
        # The rolled-up layers: a towel seen end-on, not a ball or a joint.
        group.add(Circle(x, y, r * 0.55, fillColor=None, strokeColor=PROP, strokeWidth=width * 0.8))
        group.add(Circle(x, y, r * 0.18, fillColor=PROP, strokeColor=None))
    elif isinstance(shape, eq.RollAcross):
        _roll_across(group, shape, at, scale)
    elif isinstance(shape, eq.Wall):
        x, floor = at((shape.x, 0.0))
        group.add(Rect(x, floor, 0.18 * scale, shape.height * scale, fillColor=PROP, strokeColor=None))
    elif isinstance(shape, eq.Door):
        _line(group, at(shape.bottom), at(shape.top), PROP, bar * 2.2, halo)    # the door's edge
        handle = at(shape.handle)
        group.add(Circle(handle[0], handle[1], 0.2 * scale, fillColor=PROP, strokeColor=PAPER, strokeWidth=halo))
    elif isinstance(shape, eq.BandLine):
        width = max(2.0, 0.16 * scale)  # as bold as a strap: a thin line's edges turn mid grey on a copier
        _line(group, at(shape.hand), at(shape.anchor), BAND, width, halo)
    elif isinstance(shape, eq.Press):
        for tail, tip in shape.pairs:
            arrow(group, [at(tail), at(tip)], scale, heads=1, thin=not shape.bold)


def _towel(group, towel: eq.Towel, at, scale):
    """A wide white strip with a dark edge and dark stripes across near the hands, as on a bath towel: red
    bands and straps are thin and dark, so a reader (and a photocopier) tells the two apart."""
    (ax, ay), (bx, by) = at(towel.hand), at(towel.foot)
    width, edge = towel.width * scale, max(1.1, 0.07 * scale)
    group.add(Line(ax, ay, bx, by, strokeColor=PROP, strokeWidth=width + 2 * edge, strokeLineCap=1))
    group.add(Line(ax, ay, bx, by, strokeColor=PAPER, strokeWidth=width, strokeLineCap=1))
    length = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    nx, ny = -uy * width / 2, ux * width / 2
    for t in (0.2, 0.28, 0.72, 0.8):  # two stripes toward each end
        x, y = ax + (bx - ax) * t, ay + (by - ay) * t
        group.add(Line(x - nx, y - ny, x + nx, y + ny, strokeColor=PROP, strokeWidth=edge * 1.3))


def _roll_across(group, roll: eq.RollAcross, at, scale):
    """A white roll with a dark edge, its near end seen end-on as a soft oval with the towel's layers wound in it:
    one open spiral line, no hub (a circle, a ring and a dot read as a wheel; stripes across the roll read as a
    stack of coins). Nothing mid grey: it stays a towel on a photocopy."""
    (ax, ay), (bx, by) = at(roll.near), at(roll.far)
    r, edge = roll.radius * scale, max(1.1, 0.07 * scale)
    h = r * roll.flat
    length = math.hypot(bx - ax, by - ay) or 1.0
    nx, ny = -(by - ay) / length * r, (bx - ax) / length * r
    band = [ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny]
    # One shape, one dark edge: every part's edge first, then every part's white, so no seam shows inside.
    for fill, stroke in ((PROP, edge * 2.4), (PAPER, 0.3)):
        colour = {"fillColor": fill, "strokeColor": fill, "strokeWidth": stroke}
        group.add(Ellipse(bx, by, r, h, **colour))
        group.add(Polygon(band, strokeLineJoin=1, **colour))
        group.add(Ellipse(ax, ay, r, h, **colour))
    group.add(Ellipse(ax, ay, r, h, fillColor=None, strokeColor=PROP, strokeWidth=edge))
    # The rolled-up layers: one line winding out from near the middle to the edge, squashed as the end is.
    turns, steps = 1.25, 40
    spiral = []
    for k in range(steps + 1):
        a = 2 * math.pi * turns * k / steps
        grow = 0.25 + 0.75 * k / steps
        spiral += [ax + r * grow * math.cos(a), ay + h * grow * math.sin(a)]
    group.add(PolyLine(spiral, strokeColor=PROP, strokeWidth=edge * 0.7, strokeLineCap=1, strokeLineJoin=1))


def _dumbbell(group, centre, scale, halo):
    """A hand weight seen along its handle: a bar with a plate at each end (white edge first, then the metal)."""
    x, y = centre
    parts = [(-0.45, -0.07, 0.9, 0.14, 0.03)] + [(dx - 0.16, -0.36, 0.32, 0.72, 0.08) for dx in (-0.45, 0.45)]
    for grow, colour in ((halo, PAPER), (0.0, PROP)):
        for left, bottom, w, h, r in parts:
            group.add(Rect(x + left * scale - grow, y + bottom * scale - grow, w * scale + 2 * grow, h * scale + 2 * grow,
                           rx=r * scale + grow, ry=r * scale + grow, fillColor=colour, strokeColor=None))


def _ball(group, ball: eq.Ball, at, scale):
    (x, y), r = at(ball.centre), ball.radius * scale
    rx, ry = r * ball.squash, r / math.sqrt(ball.squash)
    width = max(1.1, 0.07 * scale)
    if ball.imagined:  # an imagined ball: a bold dark dashed circle, no fill, so it survives a photocopy
        dashes, steps = 14, 5  # drawn as short arcs: renderers differ on dash patterns
        for d in range(dashes):
            arc = []
            for k in range(steps + 1):
                t = 2 * math.pi * (d + 0.6 * k / steps) / dashes
                arc += [x + r * math.cos(t), y + r * math.sin(t)]
            group.add(PolyLine(arc, strokeColor=INK, strokeWidth=max(1.4, 0.09 * scale), strokeLineCap=0))
        return
    group.add(Ellipse(x, y, rx, ry, fillColor=PAPER, strokeColor=PROP, strokeWidth=width))
    # Seams, as on a beach ball: a ball, not a ring or a limb.
    for lean in (-0.45, 0.45):
        seam = []
        for k in range(13):
            t = math.radians(-80 + k * 160 / 12)
            seam += [x + rx * lean * math.cos(t), y + ry * 0.97 * math.sin(t)]
        group.add(PolyLine(seam, strokeColor=PROP, strokeWidth=width * 0.9, strokeLineCap=1))


def _chair(group, chair: eq.Chair, at, scale, bar, halo):
    (x, top), f = at(chair.back_top), chair.facing
    floor = at((0.0, 0.0))[1]
    seat = floor + min((top - floor) * 0.55, 2.0 * scale)
    depth = 1.5 * scale * f
    parts = [((x, floor), (x, top), bar),                                     # back legs and backrest
             ((x, seat), (x + depth, seat), bar * 1.6),                        # seat
             ((x + depth, seat), (x + depth, floor), bar),                     # front legs
             ((x, top - 0.15 * scale), (x, seat + 0.5 * scale), bar * 2.2)]    # backrest pad
    # Every white edge first, then the frame: one part's edge must not cut another part where they join
    # (a photocopy showed the backrest broken off the seat).
    for a, b, width in parts:
        _line(group, a, b, PAPER, width + 2 * halo, 0)
    for a, b, width in parts:
        _line(group, a, b, PROP, width, 0)


def _seat(group, seat: eq.Seat, at, bar, halo):
    """A chair to sit on: a thick seat, a leg at each end down to the floor, a backrest above the back edge."""
    back, front, top = at(seat.back), at(seat.front), at(seat.top)
    floor = at((0.0, 0.0))[1]
    _line(group, (back[0], floor), top, PROP, bar, halo)               # back legs and backrest
    _line(group, (front[0], floor), front, PROP, bar, halo)            # front legs
    _line(group, back, front, PROP, bar * 1.8, halo)                   # seat
    _line(group, (top[0], top[1] - bar), (top[0], (top[1] + back[1]) / 2), PROP, bar * 2.2, halo)  # backrest pad


def _bike(group, bike: eq.Bike, at, scale, bar, halo):
    seat, crank, hand = at(bike.seat), at(bike.crank), at(bike.hand)
    front = 1 if hand[0] >= seat[0] else -1
    base = at((0.0, 0.0))[1] + 0.08 * scale
    base_front = (crank[0] + front * 1.6 * scale, base)
    base_back = (seat[0] - front * 1.0 * scale, base)
    wheel = (crank[0] + front * 1.1 * scale, crank[1] - 0.05 * scale)
    _line(group, base_back, base_front, PROP, bar * 1.3, halo)
    _line(group, (seat[0], seat[1] - 0.2 * scale), crank, PROP, bar, halo)              # seat post to crank
    _line(group, crank, (base_back[0] + front * 0.3 * scale, base), PROP, bar, halo)
    _line(group, wheel, (base_front[0] - front * 0.2 * scale, base), PROP, bar, halo)
    _line(group, crank, wheel, PROP, bar, halo)
    _line(group, wheel, hand, PROP, bar, halo)                                       # handlebar post
    group.add(Circle(wheel[0], wheel[1], 0.8 * scale, fillColor=PROP, strokeColor=PAPER, strokeWidth=halo))
    group.add(Circle(wheel[0], wheel[1], 0.22 * scale, fillColor=PAPER, strokeColor=None))
    _line(group, (seat[0] - 0.45 * scale, seat[1] - 0.08 * scale), (seat[0] + 0.35 * scale, seat[1] - 0.08 * scale),
          PROP, bar * 1.8, halo)                                                       # saddle
    group.add(Circle(crank[0], crank[1], eq.CRANK * scale, fillColor=None, strokeColor=PROP,
                     strokeWidth=max(1.0, 0.06 * scale), strokeDashArray=None))


def stopwatch(group: Group, centre, radius: float) -> None:
    """A stopwatch: hold still for a while. A white face with a bold dark rim, a button on top and one hand."""
    x, y = centre
    rim = max(1.4, radius * 0.16)
    button = radius * 0.28
    group.add(Rect(x - button, y + radius + rim * 0.3, button * 2, button * 0.9, rx=button * 0.2, ry=button * 0.2,
                   fillColor=INK, strokeColor=None))
    group.add(Line(x, y + radius, x, y + radius + rim * 0.5, strokeColor=INK, strokeWidth=button))
    group.add(Circle(x, y, radius, fillColor=PAPER, strokeColor=INK, strokeWidth=rim))
    for k in range(4):  # quarter marks
        a = math.pi / 2 * k
        c, s = math.cos(a), math.sin(a)
        group.add(Line(x + c * radius * 0.62, y + s * radius * 0.62, x + c * radius * 0.8, y + s * radius * 0.8,
                       strokeColor=INK, strokeWidth=rim * 0.6, strokeLineCap=1))
    group.add(Line(x, y, x + radius * 0.45, y + radius * 0.45, strokeColor=INK, strokeWidth=rim * 0.8,
                   strokeLineCap=1))
    group.add(Circle(x, y, rim * 0.7, fillColor=INK, strokeColor=None))


def arrow(group: Group, path, scale: float, heads: int = 1, thin: bool = False) -> None:
    """A bold arrow along `path` (picture points), with a head at the end (and the start if heads=2)."""
    if len(path) < 2:
        return
    width = max(1.2, (0.07 if thin else 0.1) * scale)
    halo = halo_width(scale)
    head = (0.26 if thin else 0.36) * scale
    ends = [(path[-1], path[-2])] + ([(path[0], path[1])] if heads == 2 else [])
    body = list(path)
    # Stop the line short of each tip so the head's point stays sharp.
    for index, (tip, before) in zip((-1, 0), ends):
        ux, uy = _direction(before, tip)
        body[index] = (tip[0] - ux * head * 0.6, tip[1] - uy * head * 0.6)
    flat = [c for p in body for c in p]
    group.add(PolyLine(flat, strokeColor=PAPER, strokeWidth=width + 2 * halo, strokeLineCap=1, strokeLineJoin=1))
    group.add(PolyLine(flat, strokeColor=INK, strokeWidth=width, strokeLineCap=1, strokeLineJoin=1))
    for tip, before in ends:
        ux, uy = _direction(before, tip)
        nx, ny = -uy, ux
        points = [tip[0] + ux * width * 0.3, tip[1] + uy * width * 0.3,
                  tip[0] - ux * head + nx * head * 0.55, tip[1] - uy * head + ny * head * 0.55,
                  tip[0] - ux * head - nx * head * 0.55, tip[1] - uy * head - ny * head * 0.55]
        group.add(Polygon(points, fillColor=INK, strokeColor=PAPER, strokeWidth=halo * 0.6, strokeLineJoin=1))


def _direction(a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length
