"""Draw an exercise's pose as figures with a body: start and finish (and a second finish) side by side.

Vector graphics from data, so every picture shares one style, prints crisply
in black and white, and costs a few kilobytes. The near side and trunk are dark,
the far side white with a dark outline (`figure_key_drawing` says so once per
sheet); the figure rests on a floor strip or mat, or on its prop (a ball, a
bike). Arrows start at the moving joint and follow its path.
"""

from __future__ import annotations

import math
from dataclasses import replace

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String

from ..figures import equipment as eq
from ..figures.skeleton import RADIUS, STATURE, Figure, place, radius_of
from ..pose import LATER_DEFAULTS, Pose, Stance
from . import equipment as draw_eq
from .body import INK, draw_figure, draw_outlined, draw_solid, hull, limb_shapes, outline_width, trunk_shapes
from .fonts import BODY

GAP = 1.0            # between panels, in head heights
SHORTEST = 3.0       # head heights: a figure lower than this is drawn larger
MARGIN = 0.3
ARROW_OFFSET = 0.35  # head heights between a joint's path and its arrow
SHORTEST_ARROW = 1.1  # head heights
PUSH_SNAP = 25       # degrees: a push arrow this close to level or upright is drawn level or upright
FLOOR_CLEAR = 0.15   # head heights: an arrow beside a joint on the floor starts this far above it
# Views whose picture height is height above the floor: an arrow there can be kept out of the floor.
HEIGHT_VIEWS = ("side", "front", "feet", "floor-level")
CAPTIONS = {2: ("Start", "Finish"), 3: ("Start", "Next", "Then")}
HELD = ("Start", "Hold")  # a finish held still (balance on one leg): no arrow, a stopwatch beside the head
STOPWATCH = 0.55     # head heights: its radius
ABOVE = 0.7          # the view from above (`from_above`), this size of the main figure
ABOVE_CAMERA = (90.0, 90.0)  # straight down, the person facing the top of the picture: raised arms make a V
# Lying, from straight above the body laid across the picture as in the side view (head the same way, near side
# at the bottom): arms stretched past the head open in a V that the side view folds into one line.
ABOVE_LYING = 0.5
ABOVE_LYING_CAMERA = (90.0, 0.0)
# From behind and a little above (`from_behind`), the near side on the right: arms reaching back to hands joined
# behind the back make a V over the back, meeting at the buttocks (from the side one arm hid the other).
BEHIND_CAMERA = (10.0, 90.0)
BEHIND = 0.85        # the view from behind, this size of the main figure: the V of the arms shows at sheet size
# With the shoulder blades drawn (prop `shoulder-blades`), only the back from the waist up, larger: at sheet size
# the blades and their arrows must show (round 13: the readers never saw them).
BLADES_BEHIND = 1.25
BEHIND_WIDTH = 2.4   # head heights: the box's least width (wider where its caption needs it)
BEHIND_WORDS = "From behind"
ABOVE_WORDS = "From above"
CAPTION_ROOM = 0.9   # head heights in a small view's box under the body, for its caption
# Lying, seen from the ceiling (`start_from_above`), head at the top: the legs' shape (a figure four's 4), which
# from the side points straight at the viewer, lies flat in the picture. This size of the main figure.
LYING_ABOVE = 0.7
# The joint a moving part swings about: its arrow goes on the side away from it.
PIVOTS = {"knee": "hip", "ankle": "hip", "toe": "hip", "elbow": "shoulder", "hand": "shoulder", "head": "pelvis",
          "pelvis": "waist", "waist": "pelvis", "shoulder": "pelvis"}


class Panel:
    """One stance, grounded, in picture coordinates (head heights) with its bounds."""

    def __init__(self, figure: Figure, pose: Pose, lying: bool, finish: bool = False, extra=(),
                 start: Figure | None = None):
        self.figure = figure
        self.behind, self.between, self.front = eq.equipment(figure, pose.props, finish, start)
        self.water = next((s for s in self.behind if isinstance(s, eq.Water)), None)
        self.behind = [s for s in self.behind if not isinstance(s, eq.Water)]
        extent = [x for s in self.behind + self.between for x, _ in s.bounds()]
        self.ground = eq.floor_shape(figure, lying, extent) if pose.floor else None
        points = []
        for name, (x, y) in figure.points.items():
            r = radius_of(name) + 0.05
            points += [(x - r, y - r), (x + r, y + r)]
        for shape in self.behind + self.between + self.front + ([self.ground] if self.ground else []):
            points += shape.bounds()
        points += list(extra)
        self.left = min(x for x, _ in points) - MARGIN
        self.right = max(x for x, _ in points) + MARGIN
        self.bottom = min(y for _, y in points) - MARGIN * 0.5
        top = max(y for _, y in points) + MARGIN
        if self.water:
            top = max(top, self.water.level + 0.5)
        self.height = top - self.bottom

    @property
    def width(self):
        return self.right - self.left

    def at(self, scale):
        return lambda p: ((p[0] - self.left) * scale, (p[1] - self.bottom) * scale)


def grounded(stance: Stance, pose: Pose) -> Figure:
    figure = place(stance, pose.view)
    eq.ground(figure, pose.props)
    return figure


def pose_drawing(pose: Pose, max_width: float, max_height: float, most_scale: float,
                 caption_size: float = 9) -> Drawing:
    """Start and finish, side by side or one above the other, whichever shows them larger in the box.

    `most_scale` (points per head height) keeps every figure on a sheet the same size
    where the box allows: a standing figure is then as big as a lying one.
    """
    figures = [grounded(stance, pose) for stance in pose.stances]
    lying = figures[0].lying
    paths = []
    for joint in pose.arrows:
        path = _arrow_path(pose, joint, figures[0])
        if any(_overlaps(path, other) for other in paths):  # two hands turning a ball: one arrow each side
            path = _arrow_path(pose, joint, figures[0], flip=True)
        paths.append(path)
    if "circles" in pose.props:  # the joint goes round (ankle circles): a round arrow where it moves
        paths = [_loop_beside(path) for path in paths if path]
    if "loop" in pose.props:  # the joint goes out and comes back round (tai chi's circling hands): an oval
        paths = [path for path in (_loop_path(pose, joint, figures[0]) for joint in pose.arrows) if path]
    if "letters" in pose.props:  # the joint writes letters in the air (the ankle alphabet): A, then B, beside it
        paths = [_letter_beside(figures[0].points[joint], LETTER_A) for joint in pose.arrows]
    paths += [path for path in (_push_path(pose, joint, figures[0]) for joint in pose.pushes) if path]
    paths += [path for path in (_push_path(pose, joint, figures[0], lead=True) for joint in pose.leads) if path]
    # A move in two steps (knees up, then down to one side) gets a second arrow on the last panel, from
    # where the knees were to where they went: round 4 readers could not tell which way they moved.
    onward = []
    if pose.then is not None and not pose.both_ways:
        second = replace(pose, start=pose.finish, finish=pose.then)
        onward = [path for path in (_arrow_path(second, joint, figures[2]) for joint in pose.arrows) if path]
    arrows_for = {0: paths, 2: onward}
    watch = _stopwatch_place(figures[1]) if pose.hold else None
    marks = {1: [(watch[0] - STOPWATCH, watch[1] - STOPWATCH), (watch[0] + STOPWATCH, watch[1] + STOPWATCH * 1.4)]
             } if watch else {}
    above = _from_above(figures[1]) if pose.from_above else None
    if above:
        marks[1] = list(above[1])
    if "letters" in pose.props:  # the next letter at the finish: A, B, ... says "the alphabet"
        arrows_for[1] = [_letter_beside(figures[1].points[joint], LETTER_B) for joint in pose.arrows]
    caption = caption_size * 1.4
    behind, ceiling, least = None, None, BEHIND_WIDTH
    for _ in range(3):  # a small view's box wide enough for its caption at the scale the drawing comes out
        if pose.from_behind:
            behind = _from_behind(figures[1], least, blades="shoulder-blades" in pose.props)
        if pose.start_from_above:
            ceiling = _ceiling(figures[0], least)
        box = list(behind[1]) if behind else []
        panels = [Panel(figure, pose, lying, finish=index > 0,
                        extra=[p for path in arrows_for.get(index, ()) for p in path] + marks.get(index, [])
                        + (box if index == 1 else []) + (list(ceiling[1]) if ceiling and index == 0 else []),
                        start=figures[0])
                  for index, figure in enumerate(figures)]
        tallest, wide, high, side_by_side, stacked = _sizes(panels, most_scale, max_width, max_height, caption)
        words = BEHIND_WORDS if behind else ABOVE_WORDS
        need = _words_width(words, caption_size) / max(side_by_side, stacked) if (behind or ceiling) and caption_size \
            else 0
        if need <= least + 0.05:
            break
        least = need
    drawing = Drawing(0, 0)
    drawing.initialFontName, drawing.initialFontSize = BODY, caption_size  # no Helvetica in the PDF
    places = []
    if side_by_side >= stacked:
        scale = side_by_side
        drawing.width, drawing.height = wide * scale, tallest * scale + caption
        x = 0.0
        for panel in panels:
            places.append((x, caption))
            x += (panel.width + GAP) * scale
    else:
        scale = stacked
        drawing.width = max(p.width for p in panels) * scale
        drawing.height = high * scale + len(panels) * caption
        y = drawing.height
        for panel in panels:
            y -= panel.height * scale
            places.append((0.0, y))
            y -= caption + GAP / 2 * scale
    for index, (label, panel, (x, y)) in enumerate(zip(HELD if pose.hold else CAPTIONS[len(panels)], panels, places)):
        group = Group()
        _draw_panel(group, panel, scale, arrows_for.get(index, ()), 2 if pose.both_ways else 1,
                    cycle="bike" in pose.props and index == 0 and bool(pose.arrows))
        if watch and index == 1:
            draw_eq.stopwatch(group, panel.at(scale)(watch), STOPWATCH * scale)
        if above and index == 1:
            _draw_small_view(group, above, panel.at(scale), scale, caption_size, ABOVE_WORDS, _draw_from_above)
        if ceiling and index == 0:
            _draw_small_view(group, ceiling, panel.at(scale), scale, caption_size, ABOVE_WORDS, _draw_ceiling)
        if behind and index == 1:
            blades = "shoulder-blades" in pose.props
            _draw_small_view(group, behind, panel.at(scale), scale, caption_size, BEHIND_WORDS,
                             lambda g, f, where, s: _draw_from_behind(g, f, where, s, blades))
        group.translate(x, y)
        drawing.add(group)
        if caption_size:  # a thumbnail has no captions
            drawing.add(String(x + panel.width * scale / 2, y - caption + 3, label, fontName=BODY,
                           fontSize=caption_size, fillColor=INK, textAnchor="middle"))
    # How big the figure prints, in points: its full height as if it stood up straight (for the size bars).
    drawing.__dict__["figure_size"] = STATURE * scale  # set directly: Drawing checks its attribute names
    return drawing


def _sizes(panels, most_scale: float, max_width: float, max_height: float, caption: float):
    """(tallest, wide, high, scale side by side, scale stacked) for these panels in the box."""
    tallest = max(p.height for p in panels)
    # A low, compact figure may be drawn larger, so it is never a thumbnail next to the standing ones.
    most_scale *= max(1.0, SHORTEST / tallest)
    wide = sum(p.width for p in panels) + GAP * (len(panels) - 1)
    side_by_side = min(most_scale, max_width / wide, (max_height - caption) / tallest)
    high = sum(p.height for p in panels) + GAP / 2 * (len(panels) - 1)
    stacked = min(most_scale, max_width / max(p.width for p in panels),
                  (max_height - len(panels) * caption) / high)
    return tallest, wide, high, side_by_side, stacked


def _draw_panel(group: Group, panel: Panel, scale: float, paths, heads: int, cycle: bool = False) -> None:
    at = panel.at(scale)
    width = panel.width * scale
    if panel.water:
        draw_eq.draw_water_body(group, panel.water, at, width)
    if panel.ground:
        draw_eq.draw_ground(group, panel.ground, at, scale)
    for shape in panel.behind:
        draw_eq.draw(group, shape, at, scale)

    def between():
        for shape in panel.between:
            draw_eq.draw(group, shape, at, scale)

    def on_trunk():
        for shape in panel.front:
            if getattr(shape, "on_body", False):
                draw_eq.draw(group, shape, at, scale)

    draw_figure(group, panel.figure, at, scale, between, on_trunk)
    for shape in panel.front:
        if not getattr(shape, "on_body", False):
            draw_eq.draw(group, shape, at, scale)
    if panel.water:
        draw_eq.draw_water_surface(group, panel.water, at, width, scale)
    if cycle:
        bike = next(s for s in panel.between if isinstance(s, eq.Bike))
        paths = [_circle_path(bike.crank, eq.CRANK + 0.45, facing=1 if bike.hand[0] >= bike.seat[0] else -1)]
    for path in paths:
        draw_eq.arrow(group, [at(p) for p in path], scale, heads=heads)


def _small_box(points, pad: float, size: float, corner, least: float | None = None):
    """A small view's box and where each of its points goes in it: (box, place).

    The points' bounds, padded by pad and drawn at size times the main figure, with room under them for the caption.
    Given a least width, the box is at least that wide with the body in its middle; without one (the views from
    above, with a short caption) it is as wide as the body. corner(width) says where the box's lower left corner
    goes, beside the main figure: each view chooses its own place.
    """
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    left, right, bottom, top = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    width, height = (right - left) * size, (top - bottom) * size
    if least is not None:
        width = max(width, least)  # wide enough for its caption
        left -= (width / size - (right - left)) / 2  # the body in the middle of the box
    corner_x, corner_y = corner(width)
    box = ((corner_x, corner_y), (corner_x + width, corner_y + height + CAPTION_ROOM))

    def place(q):
        return corner_x + (q[0] - left) * size, corner_y + CAPTION_ROOM + (q[1] - bottom) * size

    return box, place


def _draw_small_view(group: Group, view, at, scale: float, caption_size: float, words: str, draw) -> None:
    """A small view in its rounded frame, its words under it; draw(group, what it shows, where, scale) fills it."""
    shown, ((x0, y0), (x1, y1)), place = view
    (ax, ay), (bx, by) = at((x0, y0)), at((x1, y1))
    group.add(Rect(ax, ay, bx - ax, by - ay, rx=0.2 * scale, ry=0.2 * scale, fillColor=None, strokeColor=INK,
                   strokeWidth=max(0.8, 0.04 * scale)))
    draw(group, shown, lambda q: at(place(q)), scale)
    if caption_size:  # a small view with a least width was made wide enough for these words (_words_width)
        group.add(String((ax + bx) / 2, ay + 0.3 * scale, words, fontName=BODY, fontSize=caption_size * 0.8,
                         fillColor=INK, textAnchor="middle"))


def _from_above(figure: Figure):
    """The finish seen from straight above, small, beside the legs: (figure, its box, where each point goes).

    Seen from the front, arms raised a little in front of the side look straight out to the side (readers could
    not see the angle); from above they make a V in front of the shoulders, and the nose shows which way is front.
    """
    if figure.lying:
        return _from_above_lying(figure)
    above = Figure(world=figure.world, view=figure.view, angle=ABOVE_CAMERA)
    p = figure.points
    # Beside the legs, on the far hand's side, just above the floor: clear of the raised arms.
    side = 1 if p["far-hand"][0] >= p["pelvis"][0] else -1

    def corner(width):
        x = p["pelvis"][0] + side * 1.0 + (0 if side > 0 else -width)
        return x, min(p["near-ankle"][1], p["far-ankle"][1]) + 0.6

    return (above, *_small_box(above.points.values(), RADIUS["head"] + 0.2, ABOVE, corner))


def _from_above_lying(figure: Figure):
    """A lying finish seen from straight above, small, over the legs: (figure, its box, where each point goes).

    From the side the arms stretched past the head lie one behind the other (round 11: "one arm or both?");
    from above both show, opening in a V on either side of the head.
    """
    above = Figure(world=figure.world, view=figure.view, lying=True, angle=ABOVE_LYING_CAMERA)
    p = figure.points
    # Above the legs and hips, at the feet's end: the arms rise at the other end, past the head.
    head_end = 1 if p["head"][0] >= p["pelvis"][0] else -1
    feet = min(p["near-toe"][0], p["far-toe"][0]) if head_end > 0 else max(p["near-toe"][0], p["far-toe"][0])
    body = [y for name, (_, y) in p.items() if not name.endswith(("hand", "elbow"))]

    def corner(width):
        return feet - 0.2 if head_end > 0 else feet + 0.2 - width, max(body) + 0.5

    return (above, *_small_box(above.points.values(), RADIUS["head"] + 0.15, ABOVE_LYING, corner))


def _draw_from_above(group: Group, figure: Figure, where, scale: float) -> None:
    """Inside the view from above: a lying body whole, a standing one from the shoulders up."""
    if figure.lying:
        _draw_lying_from_above(group, figure, where, scale * ABOVE_LYING)
        return
    # Shoulders, arms and head only: from above the legs stand hidden under the body.
    p, small = figure.points, scale * ABOVE
    trunk = trunk_shapes(p)
    # Straight out to the side, dashed, through the shoulders: the arms are plainly in front of it. Dashes drawn
    # one by one, as the imagined ball's are: renderers differ on dash patterns.
    far, near = p["far-shoulder"], p["near-shoulder"]
    half = math.dist(far, near) / 2 + math.dist(near, p["near-hand"])
    middle = [(a + b) / 2 for a, b in zip(far, near)]
    across = [(b - a) / (math.dist(far, near) or 1.0) for a, b in zip(far, near)]
    for k in range(12):
        a, b = (-half + (k + f) * 2 * half / 12 for f in (0.25, 0.75))
        (ax, ay), (bx, by) = (where((middle[0] + across[0] * d, middle[1] + across[1] * d)) for d in (a, b))
        group.add(Line(ax, ay, bx, by, strokeColor=INK, strokeWidth=max(0.8, 0.05 * scale)))
    draw_outlined(group, limb_shapes(p, "far")[1], where, small)
    draw_solid(group, trunk[:-1], where, small)
    draw_solid(group, limb_shapes(p, "near")[1], where, small)
    draw_solid(group, trunk[-1:], where, small)  # the head on top, with its white edge, nose to the front


def _draw_lying_from_above(group: Group, figure: Figure, where, small: float) -> None:
    """The whole lying body from above: far limbs white, then the trunk, the near limbs dark, the head on top."""
    p = figure.points
    trunk = trunk_shapes({name: q for name, q in p.items() if name != "nose"})  # the face is turned to the floor
    for shapes in limb_shapes(p, "far"):
        draw_outlined(group, shapes, where, small)
    draw_solid(group, trunk[:-1], where, small)
    for shapes in limb_shapes(p, "near"):
        draw_solid(group, shapes, where, small)
    draw_solid(group, trunk[-1:], where, small)


def _ceiling(figure: Figure, least: float = 0.0):
    """The start of a lying pose seen from the ceiling, small, past the feet: (points, its box, where each goes).

    Head at the top, the near side on the right (seen as in a mirror: the same pose done on the other side, which
    every such exercise also does), so a figure four's far thigh, out to the side, and its shin, back across the
    near knee, make the 4 the right way round with the near leg as its upright stroke.
    """
    points = {name: (z, -x) for name, (x, _, z) in figure.world.items()}
    p = figure.points
    side = 1 if p["near-toe"][0] >= p["pelvis"][0] else -1  # past the feet, on the side they point
    reach = max(p["near-toe"][0], p["far-toe"][0]) if side > 0 else min(p["near-toe"][0], p["far-toe"][0])

    def corner(width):
        x = reach + 1.0 if side > 0 else reach - 1.0 - width  # past the mat's end
        return x, min(y for _, y in p.values()) - 0.1

    return (points, *_small_box(points.values(), RADIUS["head"] + 0.15, LYING_ABOVE, corner, least))


def _draw_ceiling(group: Group, p, where, scale: float) -> None:
    """Inside the view from the ceiling: the mat, then the body, the raised far leg on top."""
    small = scale * LYING_ABOVE
    # The mat under the body, seen from above: without it the upright figure read as someone standing.
    xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
    pad = RADIUS["head"] + 0.05
    (mx, my), (nx, ny) = where((min(xs) - pad, min(ys) - pad)), where((max(xs) + pad, max(ys) + pad))
    group.add(Rect(mx, my, nx - mx, ny - my, rx=0.1 * small, ry=0.1 * small, fillColor=draw_eq.MAT_FILL,
                   strokeColor=INK, strokeWidth=outline_width(small)))
    far_leg, far_arm = limb_shapes(p, "far")
    near_leg, near_arm = limb_shapes(p, "near")
    draw_outlined(group, far_arm, where, small)
    draw_solid(group, trunk_shapes(p), where, small)
    draw_solid(group, near_leg + near_arm, where, small)
    draw_outlined(group, far_leg, where, small)  # raised off the floor, its shin across the near knee: on top


def _words_width(words: str, caption_size: float) -> float:
    """Points a small view's caption takes, with room either side, under its box."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .fonts import register_fonts

    register_fonts()  # measuring needs the font, even for a drawing made outside a sheet
    return stringWidth(words, BODY, caption_size * 0.8) / 0.9


def _from_behind(figure: Figure, least: float = 0.0, blades: bool = False):
    """The finish seen from behind, small, in front of the legs: (figure, its box, where each point goes).

    From the side (and a little behind) the far arm hid behind the near one and readers could not tell arms
    reaching back from arms reaching forward; from behind both arms show, meeting at the joined hands.
    """
    behind = Figure(world=figure.world, view=figure.view, angle=BEHIND_CAMERA)
    # The legs stand below the box: only the rest sets its size.
    below = ("knee", "ankle", "toe", "hip", "pelvis") if blades else ("knee", "ankle", "toe")
    upper = [q for name, q in behind.points.items() if not name.endswith(below)]
    p = figure.points
    # In front of the legs, the way the toes point: the arms reach the other way, behind.
    side = 1 if p["near-toe"][0] >= p["near-ankle"][0] else -1

    def corner(width):
        x = max(p["near-toe"][0], p["far-toe"][0]) + 0.4 if side > 0 else \
            min(p["near-toe"][0], p["far-toe"][0]) - 0.4 - width
        return x, min(p["near-ankle"][1], p["far-ankle"][1]) + 0.6

    return (behind, *_small_box(upper, RADIUS["head"] + 0.1, BLADES_BEHIND if blades else BEHIND, corner, least))


def _draw_from_behind(group: Group, figure: Figure, where, scale: float, blades: bool = False) -> None:
    """Inside the view from behind."""
    # Back, head and arms: the arms lie over the back, the far one white, the near one dark, hands together.
    p, small = figure.points, scale * (BLADES_BEHIND if blades else BEHIND)
    chest, pelvis, neck, head = trunk_shapes(p)
    draw_solid(group, [chest, neck, head] if blades else [chest, pelvis, neck, head], where, small)  # back only
    draw_outlined(group, limb_shapes(p, "far")[1], where, small)
    draw_solid(group, limb_shapes(p, "near")[1], where, small)
    if blades:  # on top: elbows drawn in behind the back must not hide them
        for outline, path in shoulder_blades(p):
            draw_outlined(group, [outline], where, small)
            draw_eq.arrow(group, [where(q) for q in path], small, thin=True)


def shoulder_blades(p: dict):
    """Seen from behind, the two shoulder blades squeezed in near the spine: [(outline, arrow path)] for each side.

    Round 13 readers of the side view saw a trunk twist or a band row: nothing showed the blades themselves. Each
    blade is a triangle hanging from the shoulders' line, its inner edge beside the spine, with a short arrow from
    the shoulder in toward the spine above it.
    """
    spine, waist = p["shoulder"], p["waist"]
    down = [(b - a) for a, b in zip(spine, waist)]
    blades = []
    for side in ("near", "far"):
        out = [(b - a) for a, b in zip(spine, p[f"{side}-shoulder"])]

        def at(across, lower):
            return tuple(s + out_c * across + down_c * lower for s, out_c, down_c in zip(spine, out, down))

        outline = [at(0.15, 0.15), at(0.95, 0.12), at(0.22, 0.72)]
        blades.append((outline, [at(2.0, 0.3), at(0.8, 0.3)]))
    return blades


def _stopwatch_place(figure: Figure):
    """Beside the head, on the side the person faces away from (a chair or wall is in front of them)."""
    head, toe, ankle = (figure.points[j] for j in ("head", "near-toe", "near-ankle"))
    behind = -1 if toe[0] >= ankle[0] else 1
    return head[0] + behind * (RADIUS["head"] + STOPWATCH + 0.5), head[1] - 0.2


def _loop_beside(path, radius=0.55):
    """Most of a circle beside where the joint starts (just past the toes), clear of the limb it moves."""
    (x, y), (x_end, _) = path[0], path[-1]
    side = 1 if x_end >= x else -1
    return _circle_path((x + side * (radius + 0.15), y), radius, facing=1)


# Capital letters written in one go, as a toe traces them (a box 1 wide, 1.4 high). Round 6 readers saw only
# "up and down" in a round arrow at the toes; A at the start and B at the finish say "write the alphabet".
LETTER_A = ((0.0, 0.0), (0.5, 1.4), (1.0, 0.0), (0.8, 0.62), (0.2, 0.62))


def _bump(top, bottom, steps=8):
    """One bowl of a B: from (0, top) out round to (0, bottom)."""
    r = (top - bottom) / 2
    return [(0.45 + r * 1.3 * math.sin(math.pi * k / steps), bottom + r + r * math.cos(math.pi * k / steps))
            for k in range(steps + 1)]


LETTER_B = ((0.0, 0.0), (0.0, 1.4), *_bump(1.4, 0.72), *_bump(0.72, 0.0), (0.0, 0.0))


def _letter_beside(point, letter, size=1.1):
    """A letter traced just past the joint (the toes), its middle level with it, as an arrow, clear of the floor."""
    x, y = point
    left, bottom = x + 0.35, max(0.25, y - 0.6 * size)
    return [(left + u * size, bottom + v * size) for u, v in letter]


def _joint_move(pose: Pose, joint: str, start: Figure):
    """Where the joint starts and where it finishes, the finish shifted so an anchored joint stays put."""
    finish = grounded(pose.finish, pose)
    (bx, by) = finish.points[joint]
    if pose.anchor:
        (sx, sy), (fx, fy) = start.points[pose.anchor], finish.points[pose.anchor]
        bx, by = bx - fx + sx, by - fy + sy
    return start.points[joint], (bx, by)


def _loop_path(pose: Pose, joint: str, start: Figure, depth: float = 0.8, steps: int = 36):
    """An oval from where the joint starts out past where it finishes and back round under its way out: hands that
    circle (tai chi) rather than push straight. Round 6 and 7 readers saw a straight push in a long stance as a wall
    push-up or a lunge; a hand path that comes back round says slow, flowing circles."""
    (ax, ay), (bx, by) = _joint_move(pose, joint, start)
    reach = math.hypot(bx - ax, by - ay)
    if reach < 0.2:  # the joint hardly moves: nothing to go round
        return []
    ux, uy = (bx - ax) / reach, (by - ay) / reach
    vx, vy = (-uy, ux) if ux >= 0 else (uy, -ux)  # across the way out, toward the top of the picture
    # In front of the joint where it starts (so the hand stays in sight), out past where it finishes.
    back = radius_of(joint) + 0.15
    length = (reach - back + radius_of(joint) + 0.3) / 2
    middle = back + length
    cx, cy = ax + ux * middle, ay + uy * middle
    first, sweep = math.radians(150), math.radians(300)  # from above the start, forward over the top, back under
    points = []
    for k in range(steps + 1):
        t = first - sweep * k / steps
        along, across = length * math.cos(t), depth * math.sin(t)
        points.append((cx + ux * along + vx * across, cy + uy * along + vy * across))
    return points


def _circle_path(centre, radius, facing):
    """Most of a circle, turning forward as pedals do."""
    steps = 24
    return [(centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a))
            for a in (math.radians(100 - facing * 290 * k / steps) for k in range(steps + 1))]


def _blend(a: Stance, b: Stance, t: float) -> Stance:
    angles = {}
    for name in a.angles.keys() | b.angles.keys():  # an angle given only at the finish blends from its default
        value, other = (s.angles[name] if name in s.angles else LATER_DEFAULTS[name] for s in (a, b))
        if isinstance(value, tuple) or isinstance(other, tuple):
            pairs = zip(*(v if isinstance(v, tuple) else (v, v) for v in (value, other)))
            angles[name] = tuple(x + (y - x) * t for x, y in pairs)
        else:
            angles[name] = value + (other - value) * t
    return Stance(angles)


def _overlaps(path, other) -> bool:
    """Two arrows run along much the same line (each point of one near the other)."""
    if not path or not other:
        return False
    near = [min(math.dist(p, q) for q in other) < 0.45 for p in path]
    return sum(near) > len(near) / 2


def _arrow_path(pose: Pose, joint: str, start: Figure, steps: int = 16, flip: bool = False):
    """Where the joint travels, from start to finish (through the start and both ways, for two-way moves),
    set a little beside the limb, away from the body's middle."""
    if pose.both_ways and pose.then is not None:
        stances = [_blend(pose.then, pose.start, k / steps) for k in range(steps)]
        stances += [_blend(pose.start, pose.finish, k / steps) for k in range(steps + 1)]
    elif pose.both_ways:
        stances = [_blend(pose.start, pose.finish, -1 + 2 * k / steps) for k in range(steps + 1)]
    else:
        stances = [_blend(pose.start, pose.finish, k / steps) for k in range(steps + 1)]
    path = [grounded(s, pose).points[joint] for s in stances]
    if pose.anchor:  # the anchor stays where it is in this panel: the body moves about it, not about the hips
        (sx, sy), moved = start.points[pose.anchor], [grounded(s, pose).points[pose.anchor] for s in stances]
        path = [(x - ax + sx, y - ay + sy) for (x, y), (ax, ay) in zip(path, moved)]
    # A joint that waits before it moves (a heel that lifts only once the toes take the weight) repeats its
    # first point; a repeated point has no direction, so its arrow end would not be set beside the limb.
    path = [p for i, p in enumerate(path) if i == 0 or math.dist(p, path[i - 1]) > 1e-9]
    length = sum(math.dist(a, b) for a, b in zip(path, path[1:]))
    if length < 0.15:  # the joint hardly moves in this view: no arrow
        return []
    side, _, part = joint.rpartition("-")
    if part == "nose" and length < SHORTEST_ARROW:
        nod = _nod_arc(pose, start)
        if nod:
            return nod
    pivot = PIVOTS.get(part, "waist")
    middle = start.points[f"{side}-{pivot}" if f"{side}-{pivot}" in start.points else pivot]
    normals = []
    for i, p in enumerate(path):
        a, b = path[max(0, i - 1)], path[min(len(path) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        normals.append((-dy / d, dx / d))
    mid = len(path) // 2
    away = (path[mid][0] - middle[0]) * normals[mid][0] + (path[mid][1] - middle[1]) * normals[mid][1]
    (ax, ay), (bx, by), (cx, cy) = path[0], path[mid], path[-1]
    bend = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)  # > 0: the path turns left
    if abs(bend) > 0.05 * length ** 2:  # a curve: the arrow goes on its outside, where it has room
        away = -bend
    offset = ARROW_OFFSET + radius_of(joint)
    sides = [(p[0] + s * n[0] * offset, p[1] + s * n[1] * offset) for s in (1, -1) for p, n in zip(path, normals)]
    outside, inside = sides[:len(path)], sides[len(path):]
    if (away < 0) != flip:
        outside, inside = inside, outside
    # Beside the limb and away from the body, unless that would sink the arrow into the floor.
    # Where the outside would dip into the floor (a hand leaving the floor), start the arrow where it
    # comes out of it. (Seen from above, picture height is not height above the floor: no clipping there.)
    chosen = outside
    if pose.view in HEIGHT_VIEWS:
        clipped = _above_floor(outside)
        if _length(clipped) >= 0.6 * _length(outside):
            chosen = clipped
        elif min(y for _, y in inside) > 0.1:
            chosen = inside
    return _lengthen(_trim(chosen, 0.15, 0.1), SHORTEST_ARROW)


def _nod_arc(pose: Pose, start: Figure):
    """A small nod in place turns the face about the head: its arrow curls round the head from where the face looks,
    the way it turns. (Carried on straight, the short path of the nose pointed up and away: a head lifting.)"""
    finish = grounded(pose.finish, pose)
    (hx, hy), (nx, ny) = start.points["head"], start.points["nose"]
    (fx, fy), (gx, gy) = finish.points["head"], finish.points["nose"]
    if min(math.hypot(nx - hx, ny - hy), math.hypot(gx - fx, gy - fy)) < 0.2:  # the face looks at you: no turn seen
        return []
    if math.hypot(fx - hx, fy - hy) > 0.15:  # the head goes somewhere (chin to chest): its path shows the way
        return []
    begin, end = math.atan2(ny - hy, nx - hx), math.atan2(gy - fy, gx - fx)
    turn = (end - begin + math.pi) % (2 * math.pi) - math.pi
    if abs(turn) < math.radians(5):
        return []
    radius = math.hypot(nx - hx, ny - hy) + ARROW_OFFSET + radius_of("nose")
    sweep = math.copysign(max(abs(turn), SHORTEST_ARROW / radius), turn)
    return [(hx + radius * math.cos(begin + sweep * k / 16), hy + radius * math.sin(begin + sweep * k / 16))
            for k in range(17)]


def _push_path(pose: Pose, joint: str, start: Figure, lead: bool = False):
    """A straight arrow up to the joint, pointing where it goes: for a small move that a path arrow would hide
    in the body (the head sliding back in a chin tuck). With `lead`, it starts just past the joint and points on
    (a foot pressing a pedal away)."""
    (ax, ay), (bx, by) = _joint_move(pose, joint, start)
    move = math.hypot(bx - ax, by - ay)
    if move < 0.05:  # it does not move in this view: nothing to push
        return []
    ux, uy = (bx - ax) / move, (by - ay) / move
    if min(abs(ux), abs(uy)) < math.sin(math.radians(PUSH_SNAP)):  # nearly level or upright: drawn so
        ux, uy = (math.copysign(1.0, ux), 0.0) if abs(ux) > abs(uy) else (0.0, math.copysign(1.0, uy))
    gap = radius_of(joint) + 0.15
    if lead:
        tail = (ax + ux * gap, ay + uy * gap)
        return [tail, (tail[0] + ux * SHORTEST_ARROW, tail[1] + uy * SHORTEST_ARROW)]
    tip = (ax - ux * gap, ay - uy * gap)
    tail = (tip[0] - ux * SHORTEST_ARROW, tip[1] - uy * SHORTEST_ARROW)
    if pose.view in HEIGHT_VIEWS and uy > 0.7 and tail[1] < FLOOR_CLEAR:
        # Pushed up from below, the arrow would start in the floor (a head lifting off it): it rises straight up
        # beside the joint instead, on the side away from the body, from just above the floor to above the joint.
        ux, uy = 0.0, 1.0
        nx, ny = 1.0, 0.0
        middle = start.points["pelvis"]
        if (ax - middle[0]) * nx + (ay - middle[1]) * ny < 0:
            nx, ny = -nx, -ny
        tail = (ax + nx * gap - ux * 0.3, ay + ny * gap - uy * 0.3)
        lift = max(0.0, FLOOR_CLEAR - tail[1]) / uy
        tail = (tail[0] + ux * lift, tail[1] + uy * lift)
        tip = (tail[0] + ux * SHORTEST_ARROW, tail[1] + uy * SHORTEST_ARROW)
    return [tail, tip]


def _length(path) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def _above_floor(path, clearance: float = 0.2):
    """The path without the stretches at either end that run below the floor."""
    inside = [i for i, (_, y) in enumerate(path) if y > clearance]
    return path[inside[0]:inside[-1] + 1] if inside else []


def _lengthen(path, least):
    """A short move still gets an arrow long enough to see: carry the path on along its last direction."""
    length = sum(math.dist(a, b) for a, b in zip(path, path[1:]))
    if len(path) < 2 or length >= least:
        return path
    (ax, ay), (bx, by) = path[-2], path[-1]
    step = math.dist(path[-2], path[-1]) or 1.0
    extra = least - length
    return path + [(bx + (bx - ax) / step * extra, by + (by - ay) / step * extra)]


def _trim(path, start_cut, end_cut):
    """Drop a little of the path at each end (head heights)."""
    def cut(points, amount):
        while len(points) > 2 and math.dist(points[0], points[1]) <= amount:
            amount -= math.dist(points[0], points[1])
            points = points[1:]
        return points

    path = cut(path, start_cut)
    return list(reversed(cut(list(reversed(path)), end_cut)))


def figure_key_drawing(font_size: float = 9, height: float | None = None) -> Drawing:
    """A small key for a sheet: 'Dark: the side nearest you. Outlined: the far side.'"""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    scale = (height or font_size * 1.6) / 0.6
    words = ("Dark: the side nearest you", "Outlined: the far side")

    def measure(text):
        try:
            return stringWidth(text, BODY, font_size)
        except KeyError:  # fonts not registered yet: a close guess
            return len(text) * font_size * 0.55

    drawing = Drawing(0, 0)
    drawing.initialFontName, drawing.initialFontSize = BODY, font_size
    x = 0.0
    for text, solid in zip(words, (True, False)):
        group = Group()
        leg = [hull([((0.3, 0.3), RADIUS["hip"]), ((1.1, 0.3), RADIUS["knee"])])]
        at = lambda p, x=x: (x + p[0] * scale, p[1] * scale)  # noqa: E731
        (draw_solid if solid else draw_outlined)(group, leg, at, scale)
        drawing.add(group)
        x += 1.5 * scale
        drawing.add(String(x, 0.3 * scale - font_size * 0.35, text, fontName=BODY, fontSize=font_size,
                           fillColor=INK))
        x += measure(text) + font_size * 1.5
    drawing.width, drawing.height = x - font_size * 1.5, 0.6 * scale
    return drawing
