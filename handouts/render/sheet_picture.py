"""An exercise's picture at sheet size: the catalogue's own image, else its pose drawing.

Sizes come from the theme: the drawing beside the steps, or the thumbnail in
the table on page 1 and on the card.
"""

from __future__ import annotations

from reportlab import Version
from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.platypus import Flowable, Image

from .. import figurestore
from .measure import Paragraph  # lines broken once per width
from ..models import Exercise
from ..figures.skeleton import STATURE
from .fonts import Markup
from .styles import SheetStyle, table_style


def exercise_picture(exercise: Exercise, style: SheetStyle, markup: Markup, thumbnail: bool = False,
                     box: tuple[float, float] | None = None) -> Flowable | None:
    t = style.theme
    if box is not None:
        width, height, scale = box[0], box[1], t.points_per_head
    elif thumbnail:
        width, height, scale = t.thumb_width, t.thumb_height, t.thumb_points_per_head
    else:
        width, height, scale = t.picture_width, t.picture_height, t.points_per_head
    if exercise.image is not None:
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Table

        w, h = ImageReader(str(exercise.image)).getSize()
        fit = min(width / w, height / h)
        image = Image(str(exercise.image), w * fit, h * fit)
        if thumbnail or not exercise.image_credit:
            return image
        credit = Table([[image], [Paragraph(markup(exercise.image_credit), style["small"])]], colWidths=[w * fit])
        credit.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)))
        return credit
    if exercise.pose is None:
        return None
    if thumbnail:
        return prepared_drawing(exercise.pose, width, height, scale, caption_size=0)
    if box is None:
        # Beside the steps the figure is drawn at the size that reads from arm's length:
        # so many points tall standing, so many long lying, whatever its pose.
        width, scale = figure_scale(exercise, t)
    return prepared_drawing(exercise.pose, width, height, scale, caption_size=t.figure_caption)


# Positions held to the standing bar (1.5 in); lying ones are held to 2.2 in long.
UPRIGHT = ("standing", "sitting", "in water", "hands and knees", "kneeling")


# --- figures prepared once per process ---------------------------------------
#
# A batch prints the same exercises again and again, and building a pose's
# shapes and turning them into PDF drawing commands is a third of a render.
# So each pose drawing is built once per pose and size, and the commands of
# each of its parts without text (a panel: body, props, arrows) are kept the
# first time they are drawn and written out again as they were. Text (the
# Start / Finish captions) is always drawn afresh: its font and letters belong
# to each PDF. The bytes are the same as drawing the figure from scratch.

MAX_PREPARED = 512
_prepared: dict[tuple, Drawing] = {}


def prepared_drawing(pose, width: float, height: float, scale: float, caption_size: float) -> Drawing:
    """pose_drawing(...), built once per pose and size in this process."""
    key = (repr(pose), width, height, scale, caption_size)
    drawing = _prepared.get(key)
    if drawing is None:
        if len(_prepared) >= MAX_PREPARED:
            _prepared.clear()
        kept_as = repr((Version, *key))  # ReportLab's version too: its shapes are what is kept
        drawing = figurestore.load(kept_as)  # kept by an earlier command (once the CLI says where)
        if type(drawing) is not PreparedDrawing:
            from .drawing import pose_drawing  # here: a drawing read back needs none of the drawing code

            drawing = pose_drawing(pose, width, height, scale, caption_size=caption_size)
            # A Drawing in every way but how it draws (below); object.__setattr__, as a
            # Drawing's own __setattr__ only stores checked attributes.
            object.__setattr__(drawing, "__class__", PreparedDrawing)
            drawing.__dict__["_keep_as"] = kept_as  # kept once drawn, with its commands (below)
        _prepared[key] = drawing
    return drawing


class PreparedDrawing(Drawing):
    """A Drawing that writes the PDF commands of its text-free parts once, and repeats them after."""

    def draw(self, showBoundary=None):
        _RepeatingRenderer().draw(renderScaledDrawing(self), self.canv, 0, 0,
                                  showBoundary=getattr(self, "_showBoundary", False))
        # Kept for later commands with the PDF commands of its parts: drawing them the
        # first time is most of what a figure costs a fresh build.
        key = self.__dict__.pop("_keep_as", None)
        if key is not None:
            canv = self.__dict__.pop("canv", None)  # the page it was drawn on is not part of it
            figurestore.save(key, self)
            if canv is not None:
                self.__dict__["canv"] = canv


def _has_text(node) -> bool:
    if isinstance(node, String):
        return True
    return isinstance(node, Group) and any(_has_text(child) for child in node.getContents())


class _RepeatingRenderer(_PDFRenderer):
    def drawNode(self, node):
        if not isinstance(node, Group) or isinstance(node, Drawing):
            return super().drawNode(node)
        # A part's commands depend on whether fill and stroke are on as it starts (a shape
        # with no colour of its own inherits them), so they are kept for each combination.
        kept = node.__dict__.setdefault("_pdf_commands", {})  # set directly: a Group checks attribute names
        before = (self._fill, self._stroke)
        if before not in kept:
            if _has_text(node):
                return super().drawNode(node)
            code = self._canvas._code
            start = len(code)
            super().drawNode(node)  # wrapped in q ... Q: the canvas's own state is as before
            kept[before] = (tuple(code[start:]), self._fill, self._stroke)
            return None
        commands, self._fill, self._stroke = kept[before]
        self._canvas._code.extend(commands)
        return None


def prepare_figures(handouts) -> None:
    """Build the page-1 and exercise-block figures of these handouts now.

    A batch calls this before it forks its workers, so they share the figures
    instead of each building them again.
    """
    from .pdf import SheetRenderer

    for handout in handouts:
        renderer = SheetRenderer(handout)
        for planned in handout.exercises:
            exercise_picture(planned.exercise, renderer.style, renderer.markup, thumbnail=True)
            exercise_picture(planned.exercise, renderer.style, renderer.markup)


def figure_scale(exercise: Exercise, theme) -> tuple[float, float]:
    """(widest, points per head height) for the drawing beside the steps: the figure prints at the
    size that reads from arm's length, so many points tall standing, so many long lying."""
    upright = exercise.position in UPRIGHT
    scale = (theme.standing_figure if upright else theme.lying_figure) / STATURE
    return (theme.picture_width_upright if upright else theme.picture_width), scale
