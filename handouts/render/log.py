"""The paper log: one table per week, days down, exercises across, and a pain score.

Days run down the page because a week of seven rows fits any page width,
while exercises across stay readable as numbers that match the blocks above.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from ..handout import Handout
from .fonts import Markup
from .outline import OutlineEntry
from .styles import SheetStyle, table_style

DAYS_PER_WEEK = 7


def adherence_log(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    if handout.log_weeks == 0:
        return []
    sizes = style.sizes
    count = len(handout.exercises)
    day_col = sizes.body * 4.2
    pain_col = sizes.body * 4.4
    box = min(sizes.log_box * 2.5, (width - day_col - pain_col) / max(count, 1))
    intro = [
        OutlineEntry("Your exercise log", "log"),
        Paragraph(markup("Your exercise log"), style["heading"]),
        Paragraph(markup(
            "Each day, write the date. Tick the box for each exercise you did; the numbers match the "
            "exercises above. Then write your pain from 0 (no pain) to 10 (worst pain). "
            "Bring this sheet to your next visit."), style["body"]),
    ]
    weeks = []
    for week in range(1, handout.log_weeks + 1):
        header = [Paragraph(f"<b>Week {week}</b>", style["cell"])]
        header += [Paragraph(f"<b>{n}</b>", style["cell"]) for n in range(1, count + 1)]
        header += [Paragraph("<b>Pain 0–10</b>", style["cell"])]
        rows = [header] + [[Paragraph(f"Day {day}", style["cell"])] + [""] * count + [""]
                           for day in range(1, DAYS_PER_WEEK + 1)]
        table = Table(rows, colWidths=[day_col] + [box] * count + [pain_col],
                      rowHeights=[None] + [sizes.log_row] * DAYS_PER_WEEK)
        table.setStyle(table_style(*[
            ("GRID", (0, 0), (-1, -1), 0.9, colors.HexColor("#333333")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(style.tint)),
            ("ALIGN", (1, 0), (-1, 0), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]))
        table.hAlign = "LEFT"
        weeks.append(KeepTogether([table, Spacer(1, sizes.body)]))
    legend = Paragraph(
        "; ".join(f"<b>{p.number}</b> {markup(p.exercise.name)}" for p in handout.exercises), style["small"])
    first_week = weeks[0]
    return [CondPageBreak(sizes.log_row * 10), KeepTogether(intro + [legend, Spacer(1, 6), first_week]), *weeks[1:]]
