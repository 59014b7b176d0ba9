"""The paper log, shaped by the prescription.

A table per week: a row per day with a date to write in; for each exercise as
column as its times a day (AM / PM): a tick box, or for a timed activity a
space to write that session's minutes (so nobody adds up a day's minutes);
pain 0–10 after the exercises. Weeks sit side by side when
the page is wide enough, and the log's title and key repeat at the top of
every page it runs onto.
"""

from __future__ import annotations

from itertools import groupby

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Table

from .measure import Paragraph  # lines broken once per width
from ..handout import Handout, exercise_numbers
from .fonts import Markup
from .outline import OutlineEntry
from .styles import RULE, SheetStyle, table_style

DAYS_PER_WEEK = 7


class TickBox(Flowable):
    """An empty square to tick: drawn, so it prints the same in every font."""

    def __init__(self, side: float, line: float):
        super().__init__()
        self.side, self.line = side, line

    def wrap(self, *_):
        return self.side, self.side

    def draw(self):
        self.canv.setLineWidth(self.line)
        self.canv.setStrokeColor(colors.HexColor(RULE))
        self.canv.rect(0, 0, self.side, self.side, stroke=1, fill=0)


def log_columns(handout: Handout) -> list[tuple[int, str, bool]]:
    """(exercise number, label, timed) per column: one column per session of the day ('AM', 'PM'…),
    a tick box, or a space for minutes ('min', 'AM min'…) for timed work."""
    words, times_of_day = handout.locale.words, handout.locale.word_list("log_times_of_day")
    columns = []
    for planned in handout.exercises:
        timed = bool(planned.dose.minutes)
        per_day = planned.dose.times_per_day or 1
        for i in range(per_day):
            session = times_of_day[i] if per_day > 1 else ""
            label = " ".join(filter(None, (session, words("log_minutes")))) if timed else session
            columns.append((planned.number, label, timed))
    return columns


def how_to_fill_in(handout: Handout, columns) -> list[str]:
    """The log's instructions, only those that fit its columns and the sheet's days."""
    words = handout.locale.words
    said = [words("log_write_date")]
    ticks = [label for _, label, timed in columns if not timed]
    if ticks:
        # Three times a day adds an 'Eve' column, and PM then means the afternoon.
        evening = handout.locale.word_list("log_times_of_day")[2] in ticks
        said.append(words("log_ticks_evening" if evening else "log_ticks" if any(ticks) else "log_tick"))
    timed = [label for _, label, timed in columns if timed]
    if ticks and timed:  # beside tick boxes: name the exercises whose boxes take minutes instead
        numbers = sorted({n for n, _, is_timed in columns if is_timed})
        said.append(words("log_write_minutes_instead", exercises=exercise_numbers(numbers)))
    elif timed:
        # Each session's minutes have their own column: say what AM and PM mean, as no tick column did.
        by_session = any(label != words("log_minutes") for label in timed)
        said.append(words("log_write_minutes_sessions" if by_session else "log_write_minutes"))
    if handout.pick_one or any((p.dose.days_per_week or 7) < 7 for p in handout.exercises):
        said.append(words("log_rest_days"))
    return said + [words("log_pain_after"), words("log_bring")]


def _week(handout: Handout, style: SheetStyle, markup: Markup, week: int, columns) -> Table:
    t, words = style.theme, handout.locale.words
    cell, centre = style["small"], style["small_centre"]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .fonts import BODY

    def column_width(label: str, timed: bool) -> float:
        # Wide enough for its label ("AM", "min") on one line.
        return max(t.log_minutes_column if timed else t.log_box * 1.3, stringWidth(label, BODY, t.small) + 5)

    widths = [t.log_day_column, t.log_date_column, *(column_width(label, timed) for _, label, timed in columns),
              t.log_pain_column]
    rows = [
        [Paragraph(f"<b>{markup(words('log_week', week=week))}</b>", cell),
         Paragraph(f"<b>{markup(words('log_date'))}</b>", centre),
         *(Paragraph(f"<b>{n}</b>", centre) if i == 0 or columns[i - 1][0] != n else ""
           for i, (n, _, _) in enumerate(columns)),
         Paragraph(f"<b>{markup(words('log_pain'))}</b>", centre)],
        ["", "", *(Paragraph(markup(label), centre) for _, label, _ in columns), ""],
    ]
    for day in range(1, DAYS_PER_WEEK + 1):
        rows.append([Paragraph(markup(words("log_day", day=day)), cell), "",
                     *("" if timed else TickBox(t.log_box * 0.7, t.rule) for _, _, timed in columns), ""])
    commands = [
        ("GRID", (0, 0), (-1, -1), t.rule, colors.HexColor(RULE)),
        ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor(style.tint)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 2), (-2, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (-1, 0), (-1, 1)),
    ]
    # One header row is enough where a column has no times of day to show.
    commands += [("SPAN", (i, 0), (i, 1)) for i, (_, label, _) in enumerate(columns, start=2) if not label]
    # An exercise done more than once a day is numbered once, over its AM / PM columns (PEMAT-P item 19).
    first = 2
    for _, group in groupby(columns, key=lambda column: column[0]):
        last = first + len(list(group)) - 1
        if last > first:
            commands.append(("SPAN", (first, 0), (last, 0)))
        first = last + 1
    table = Table(rows, colWidths=widths, rowHeights=[None, None] + [t.log_row] * DAYS_PER_WEEK)
    table.setStyle(table_style(*commands))
    return table


def adherence_log(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    if handout.log_weeks == 0:
        return []
    t, words = style.theme, handout.locale.words
    columns = log_columns(handout)
    weeks = [_week(handout, style, markup, week, columns) for week in range(1, handout.log_weeks + 1)]
    week_width = sum(weeks[0]._colWidths)
    gap = t.body
    across = max(1, min(len(weeks), int((width + gap) // (week_width + gap))))
    key = "; ".join(f"<b>{p.number}</b> {markup(p.exercise.name)}" for p in handout.exercises)
    title_and_key = [Paragraph(markup(words("log_heading")), style["heading"]),
                     Paragraph(f"{markup(words('log_key_numbers'))} {key}", style["small"])]
    how_to = Paragraph(markup(" ".join(how_to_fill_in(handout, columns))), style["small"])
    rows = [[title_and_key] + [""] * (2 * across - 2), [how_to] + [""] * (2 * across - 2)]
    for start in range(0, len(weeks), across):
        row = []
        for week in weeks[start:start + across]:
            row += [week, ""]
        rows.append((row + [""] * (2 * across))[:2 * across - 1])
    widths = [w for _ in range(across) for w in (week_width, gap)][:-1]
    # The title and the numbers' key are the table's first row, repeated on every page the log
    # runs onto; how to fill it in is said once, below them.
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (-1, 1)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
    table.hAlign = "LEFT"
    # The bookmark stays with the title: start a new page unless the title, key and first weeks fit.
    table.wrap(width, 10_000)
    return [CondPageBreak(sum(table._rowHeights[:3]) + 1), OutlineEntry(words("log_heading"), "log"), table]
