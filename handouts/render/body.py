"""The figure's body as filled shapes: rounded limbs, chest and pelvis, head, hands and feet.

Photocopy-safe by design: nothing is mid grey. The near side and the trunk are
dark (BODY) with a thin white edge, so a near arm still shows in front of the
chest; the far side is white with a dark outline. Both survive a 50% threshold
and read the same in colour, greyscale and black and white.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Group, Polygon
from reportlab.lib import colors

from ..figures.skeleton import RADIUS, Figure

INK = colors.HexColor("#1A1A1A")        # outlines, arrows, captions
BODY = colors.HexColor("#1F3A5C")       # near side and trunk: dark navy, grey value 54
PAPER = colors.white


def outline_width(scale: float) -> float:
    return max(0.9, 0.06 * scale)


def halo_width(scale: float) -> float:
    return max(1.0, 0.09 * scale)


def hull(circles, steps: int = 20):
    """The convex outline around circles ((x, y), r): a limb with rounded ends, a chest, a foot."""
    unit = _circle(steps)
    points = sorted({(round(x + r * cos, 4), round(y + r * sin, 4)) for (x, y), r in circles for cos, sin in unit})
    if len(points) < 3:
        return points
    # Andrew's monotone chain; a turn that is not to the left drops the middle point.
    lower, upper = [], []
    for chain, ordered in ((lower, points), (upper, reversed(points))):
        for p in ordered:
            while len(chain) >= 2:
                (ox, oy), (ax, ay) = chain[-2], chain[-1]
                if (ax - ox) * (p[1] - oy) - (ay - oy) * (p[0] - ox) > 0:
                    break
                chain.pop()
            chain.append(p)
    return lower[:-1] + upper[:-1]


_CIRCLES: dict[int, list[tuple[float, float]]] = {}


def _circle(steps: int) -> list[tuple[float, float]]:
    """(cos, sin) of `steps` angles round a circle, worked out once: a sheet's figures need thousands."""
    unit = _CIRCLES.get(steps)
    if unit is None:
        unit = _CIRCLES[steps] = [(math.cos(2 * math.pi * k / steps), math.sin(2 * math.pi * k / steps))
                                  for k in range(steps)]
    return unit


def _unit(a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def limb_shapes(p: dict, side: str):
    """The outlines of one side's leg and arm (each a list of hulls), in picture coordinates."""
    r = RADIUS
    hip, knee, ankle, toe = (p[f"{side}-{j}"] for j in ("hip", "knee", "ankle", "toe"))
    top, elbow, hand = (p[f"{side}-{j}"] for j in ("shoulder", "elbow", "hand"))
    down = _unit(knee, ankle)
    heel = (ankle[0] + down[0] * 0.1, ankle[1] + down[1] * 0.1)
    leg = [hull([(hip, r["hip"]), (knee, r["knee"])]),
           hull([(knee, r["knee"]), (ankle, r["ankle"])]),
           hull([(ankle, r["ankle"]), (heel, 0.1), (toe, r["toe"])])]
    reach = _unit(elbow, hand)
    palm = (hand[0] + reach[0] * 0.06, hand[1] + reach[1] * 0.06)
    fingers = p.get(f"{side}-fingers")  # a hand bent back at the wrist: a flat palm, not a round fist
    arm = [hull([(top, r["shoulder"]), (elbow, r["elbow"])]),
           hull([(elbow, r["elbow"]), (hand, r["elbow"] * 0.75)]),
           hull([(hand, r["hand"] * 0.8), (fingers, r["hand"] * 0.65)]) if fingers else hull([(palm, r["hand"])])]
    return leg, arm


def trunk_shapes(p: dict):
    """Chest, pelvis and neck, in picture coordinates."""
    r = RADIUS
    chest_middle = tuple(s + (w - s) * 0.3 for s, w in zip(p["shoulder"], p["waist"]))
    chest = hull([(chest_middle, r["chest"]), (p["waist"], r["waist"]),
                  (p["near-shoulder"], r["shoulder"] * 1.3), (p["far-shoulder"], r["shoulder"] * 1.3)])
    pelvis = hull([(p["pelvis"], r["pelvis"]), (p["waist"], r["waist"]),
                   (p["near-hip"], r["hip"] * 1.1), (p["far-hip"], r["hip"] * 1.1)])
    neck = hull([(p["shoulder"], r["neck"]), (p["neck"], r["neck"])])
    head = [(p["head"], r["head"])]
    if "nose" in p:
        head.append((p["nose"], 0.1))
    return [chest, pelvis, neck, hull(head, 28)]


def _polygon(outline, at, **style):
    return Polygon([c for point in outline for c in at(point)], strokeLineJoin=1, **style)


def draw_solid(group: Group, shapes, at, scale: float, fill=BODY, edge=PAPER) -> None:
    """Dark shapes with a white edge: first every edge, then every fill, so a limb has no inner seams."""
    for outline in shapes:
        group.add(_polygon(outline, at, fillColor=edge, strokeColor=edge, strokeWidth=halo_width(scale) * 2))
    for outline in shapes:
        group.add(_polygon(outline, at, fillColor=fill, strokeColor=fill, strokeWidth=0.3))


def draw_outlined(group: Group, shapes, at, scale: float) -> None:
    """White shapes with a dark outline: the far side."""
    for outline in shapes:
        group.add(_polygon(outline, at, fillColor=INK, strokeColor=INK, strokeWidth=outline_width(scale) * 2))
    for outline in shapes:
        group.add(_polygon(outline, at, fillColor=PAPER, strokeColor=PAPER, strokeWidth=0.3))


def draw_figure(group: Group, figure: Figure, at, scale: float, between=lambda: None,
                on_trunk=lambda: None) -> None:
    """Far limbs (outlined), then `between` (a ball between the knees), then the trunk, `on_trunk` (a towel
    under the elbow) and the near limbs (dark)."""
    p = figure.points
    both_near = figure.view in ("front", "feet")  # both sides in plain sight: both dark
    far_leg, far_arm = limb_shapes(p, "far")
    near_leg, near_arm = limb_shapes(p, "near")
    # A far shin turned across onto the near knee (a figure four) rests on top of the near leg: drawn last.
    crossed = getattr(figure, "crossed", False) and not both_near
    on_top = far_leg[1:] if crossed else []
    # Its thigh rises off the floor from the far hip, in front of the pelvis: drawn over the trunk, or the trunk
    # hid half of it and the 4 lost its upright stroke.
    raised = far_leg[:1] if crossed else []
    for limb in (far_arm, far_leg[:len(far_leg) - len(on_top) - len(raised)]):
        if both_near:
            draw_solid(group, limb, at, scale)
        else:
            draw_outlined(group, limb, at, scale)
    between()
    draw_solid(group, trunk_shapes(p), at, scale)
    on_trunk()
    if raised:
        draw_outlined(group, raised, at, scale)
    for limb in (near_leg, near_arm):
        draw_solid(group, limb, at, scale)
    if on_top:
        draw_outlined(group, on_top, at, scale)


def head_circle(group: Group, centre, radius, fill=BODY):
    group.add(Circle(centre[0], centre[1], radius, fillColor=fill, strokeColor=None))
