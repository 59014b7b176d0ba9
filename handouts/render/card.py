"""The one-page card: every exercise's picture, name and dose, for the fridge or the gym bag.

The exercises are laid out in a grid; the grid takes as many columns as the
page needs so that every cell keeps the sheet's own text sizes and a picture
no smaller than the table on page 1.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from ..dosewords import dose_short, how_often
from ..errors import HandoutsError
from ..handout import Handout
from .fonts import Markup
from .outline import OutlineEntry
from .sheet_picture import exercise_picture
from .styles import RULE, SheetStyle, table_style


def card_story(handout: Handout, style: SheetStyle, markup: Markup, width: float, height: float) -> list:
    t, words = style.theme, handout.locale.words
    title = Paragraph(markup(words("card_heading")), style["heading"])
    tagline = Paragraph(markup(words("card_tagline")), style["body"])
    room = height - title.wrap(width, height)[1] - tagline.wrap(width, height)[1] - t.section_gap
    # Fewest columns and the biggest pictures that fit: text sizes never shrink.
    sizes = [t.card_picture_height * f for f in (1, 0.85, 0.7)] + [t.thumb_height]
    for columns in (2, 3):
        for picture_height in sizes:
            table = _grid(handout, style, markup, width / columns, columns, picture_height)
            if table.wrap(width, room)[1] <= room:
                return [OutlineEntry(words("card_heading"), "card"), title, tagline, table]
    raise HandoutsError(f"{len(handout.exercises)} exercises do not fit on one card page in "
                        f"{'large' if t.name == 'large' else 'normal'} print; leave out the card, "
                        "or print it in normal print")


def _grid(handout: Handout, style: SheetStyle, markup: Markup, cell_width: float, columns: int,
          picture_height: float) -> Table:
    from reportlab.lib import colors

    t = style.theme
    cells = []
    for planned in handout.exercises:
        picture = exercise_picture(planned.exercise, style, markup,
                                   box=(cell_width - 2 * t.card_gap, picture_height)) or ""
        dose = ", ".join(filter(None, [dose_short(planned.dose), how_often(planned.dose)]))
        cells.append([picture, Paragraph(f"<b>{planned.number}. {markup(planned.exercise.name)}</b>", style["cell"]),
                      Paragraph(markup(dose), style["cell"])])
    count = len(cells)
    grid = [cells[i:i + columns] + [""] * (columns - len(cells[i:i + columns])) for i in range(0, count, columns)]
    table = Table(grid, colWidths=[cell_width] * columns)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), t.rule, colors.HexColor(RULE)),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), t.card_gap),
                               ("RIGHTPADDING", (0, 0), (-1, -1), t.card_gap),
                               ("TOPPADDING", (0, 0), (-1, -1), t.card_gap / 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), t.card_gap)))
    table.hAlign = "LEFT"
    return table
