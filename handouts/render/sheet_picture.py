"""An exercise's picture at sheet size: the catalogue's own image, else its pose drawing.

Sizes come from the theme: the drawing beside the steps, or the thumbnail in
the table on page 1 and on the card.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Image, Paragraph

from ..models import Exercise
from ..figures.skeleton import STATURE
from .drawing import pose_drawing
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
        return pose_drawing(exercise.pose, width, height, scale, caption_size=0)
    if box is None:
        # Beside the steps the figure is drawn at the size that reads from arm's length:
        # so many points tall standing, so many long lying, whatever its pose.
        upright = exercise.position in UPRIGHT
        scale = (t.standing_figure if upright else t.lying_figure) / STATURE
        width = t.picture_width_upright if upright else t.picture_width  # a limit: the scale sets the size
    return pose_drawing(exercise.pose, width, height, scale, caption_size=t.figure_caption)


# Positions held to the standing bar (1.5 in); lying ones are held to 2.2 in long.
UPRIGHT = ("standing", "sitting", "in water", "hands and knees", "kneeling")
