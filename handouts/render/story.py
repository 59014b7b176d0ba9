"""The sheet's content as ReportLab flowables, section by section, in print order.

Pure: takes a Handout and a stylesheet, returns flowables. Every word comes
from the Handout or from the locale's words; every size from the theme.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, ImageAndFlowables, KeepTogether, Paragraph, Spacer, Table

from ..dosewords import dose_sentences, dose_short, how_often
from ..handout import Handout, PlannedExercise
from .flex import FullWidth, Picture
from .fonts import BODY_BOLD, Markup
from .log import adherence_log
from .outline import OutlineEntry
from .page import later_pages
from .sheet_picture import exercise_picture
from .styles import RULE, SheetStyle, table_style


def build_story(handout: Handout, style: SheetStyle, markup: Markup, width: float, library=None) -> list:
    words = handout.locale.words
    story: list = [later_pages()]
    story += _title_block(handout, style, markup)
    story += _at_a_glance(handout, style, markup, width)
    story += _before_you_start(handout, style, markup)
    for planned in handout.exercises:
        story.append(_exercise_block(planned, handout, style, markup, width, library))
    story += _go_easy(handout, style, markup)
    story += _call_your_clinic(handout, style, markup, width)
    story += adherence_log(handout, style, markup, width)
    return story


def heading(text: str, key: str, style: SheetStyle, markup: Markup, level: int = 0) -> list:
    return [OutlineEntry(text, key, level), Paragraph(markup(text), style["heading"])]


def _title_block(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    words, locale = handout.locale.words, handout.locale
    story = [OutlineEntry(handout.title, "top"), Paragraph(markup(handout.title), style["title"])]
    if handout.patient:
        rows = [(words("name"), handout.patient), (words("date"), locale.date(handout.issued)),
                (words("clinician"), handout.clinician)]
        story.append(Paragraph("&nbsp;&nbsp;&nbsp; ".join(f"<b>{markup(label)}:</b> {markup(value)}"
                                                          for label, value in rows if value), style["body"]))
    else:
        # A standard sheet printed blank: lines to write the name and date on.
        lines = [f"<b>{markup(words('name'))}:</b> ________________________",
                 f"<b>{markup(words('date'))}:</b> ______________"]
        if handout.clinician:
            lines.append(f"<b>{markup(words('clinician'))}:</b> {markup(handout.clinician)}")
        story.append(Paragraph("&nbsp;&nbsp;&nbsp; ".join(lines), style["body"]))
    story.append(Paragraph(markup(handout.intro), style["body"]))
    if handout.how_often:
        story.append(Paragraph(f"<b>{markup(words('how_often'))}:</b> {markup(handout.how_often)}", style["body"]))
    if handout.note:
        story.append(boxed([Paragraph(f"<b>{markup(words('note_heading'))}</b>", style["label"]),
                            Paragraph(markup(handout.note), style["cell"])], style))
    return story


def boxed(flowables: list, style: SheetStyle, width=None, edge: float | None = None) -> Table:
    """A tinted box with a dark edge: the edge, not the tint, is what a photocopy keeps."""
    t = style.theme
    table = Table([[flowables]], colWidths=[width] if width else None)
    table.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.tint)),
        ("BOX", (0, 0), (-1, -1), edge or t.rule, colors.HexColor(style.heading)),
        ("LEFTPADDING", (0, 0), (-1, -1), t.box_padding), ("RIGHTPADDING", (0, 0), (-1, -1), t.box_padding),
        ("TOPPADDING", (0, 0), (-1, -1), t.box_padding * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.box_padding * 0.8),
    ))
    table.hAlign = "LEFT"
    return table


def _at_a_glance(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    """Page 1 alone is enough to exercise from: a small picture, the name and the dose of each,
    two exercises to a row so the table leaves room on page 1."""
    t, words = style.theme, handout.locale.words
    cell = style["cell"]
    cells = []
    for planned in handout.exercises:
        dose = ", ".join(filter(None, [dose_short(planned.dose), how_often(planned.dose) or words("as_shown")]))
        cells += [exercise_picture(planned.exercise, style, markup, thumbnail=True) or "",
                  [Paragraph(f"<b>{planned.number}. {markup(planned.exercise.name)}</b>", cell),
                   Paragraph(markup(dose), cell)]]
    across = 2 if handout.exercises[1:] else 1
    per_row = 2 * across
    rows = [cells[i:i + per_row] + [""] * (per_row - len(cells[i:i + per_row]))
            for i in range(0, len(cells), per_row)]
    text_width = width / across - t.thumb_width - 8
    table = Table(rows, colWidths=[t.thumb_width + 8, text_width] * across)
    table.setStyle(table_style(
        ("LINEBELOW", (0, 0), (-1, -1), t.rule * 0.6, colors.HexColor(RULE)),
        ("LINEABOVE", (0, 0), (-1, 0), t.rule * 1.4, colors.HexColor(style.heading)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ))
    table.hAlign = "LEFT"
    minutes = handout.session_minutes
    summary = []
    if handout.pick_one:
        summary.append(Paragraph(f"<b>{markup(words('pick_one'))}</b>", style["body"]))
    summary.append(Paragraph(markup(words("time_needed", minutes=f"{minutes} minute{'s' if minutes != 1 else ''}")),
                             style["body"]))
    return [*heading(words("glance"), "glance", style, markup), table, Spacer(1, 4), *summary]


def _before_you_start(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    items = [marked(markup(rule), "•", style) for rule in handout.condition.before_you_start]
    if not items:
        return []
    return [KeepTogether([*heading(handout.locale.words("before_you_start"), "before", style, markup),
                          *items[:2]]), *items[2:]]


def marked(text_markup: str, mark: str, style: SheetStyle, name: str = "mark") -> Paragraph:
    return Paragraph(text_markup, style[name], bulletText=mark)


def _exercise_block(planned: PlannedExercise, handout: Handout, style: SheetStyle, markup: Markup,
                    width: float, library) -> KeepTogether:
    """Number and name, why, steps, dose, cautions and options, flowing around the picture."""
    t, words = style.theme, handout.locale.words
    exercise, dose = planned.exercise, planned.dose
    title = f"{planned.number}. {exercise.name}"
    text: list = [Paragraph(markup(title), style["exercise"]),
                  Paragraph(f"<b>{markup(words('why'))}:</b> {markup(exercise.summary)}", style["body"])]
    text += [marked(markup(step), f"{n}.", style, "step") for n, step in enumerate(exercise.steps, start=1)]
    how_much = [Paragraph(f"<b>{markup(words('how_much'))}:</b> " + markup(" ".join(dose_sentences(dose))),
                          style["cell"])]
    for limit in dict.fromkeys(reason for _, reason in planned.acknowledged):
        how_much.append(Paragraph(f"<b>{markup(words('your_limit'))}:</b> {markup(limit)}", style["cell"]))
    if planned.note:
        how_much.append(Paragraph(f"<b>{markup(words('note'))}:</b> {markup(planned.note)}", style["cell"]))
    text += [FullWidth(lambda w: boxed(how_much, style, width=w)), Spacer(1, 3)]
    if exercise.cautions:
        caution = f"<b>{markup(words('take_care'))}:</b> {markup(' '.join(exercise.cautions))}"
        text.append(FullWidth(lambda w: _caution(caution, style, w)))
    # Easier and harder versions share one paragraph: short options then share a line.
    options = [f"<b>{markup(words(label))}:</b> {markup(_option(option, handout, library))}"
               for label, choices in (("easier", exercise.easier), ("harder", exercise.harder))
               for option in choices]
    if options:
        text.append(Paragraph("&nbsp;&nbsp;&nbsp; ".join(options), style["body"]))
    if exercise.video_url:
        text.append(FullWidth(lambda w: _video(exercise.video_url, handout, style, markup, w)))
    picture = exercise_picture(exercise, style, markup)
    parts: list = [OutlineEntry(title, f"exercise-{planned.number}", level=1)]
    if planned.number == 1:  # "Your exercises" opens the page of the first one
        parts.insert(0, OutlineEntry(words("exercises"), "exercises"))
    if picture is None:
        parts += text
    else:
        parts.append(ImageAndFlowables(Picture(picture), text, imageLeftPadding=t.picture_gap,
                                       imageRightPadding=0, imageBottomPadding=4))
    parts.append(Spacer(1, t.block_gap))
    return KeepTogether(parts)


class CautionMark(Flowable):
    """A warning triangle with '!': a mark that still shows in black and white."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size

    def wrap(self, *_):
        return self.size, self.size

    def draw(self):
        s, canv = self.size, self.canv
        canv.saveState()
        canv.setLineWidth(s * 0.09)
        canv.setLineJoin(1)
        path = canv.beginPath()
        path.moveTo(s / 2, s * 0.95)
        path.lineTo(s * 0.02, s * 0.1)
        path.lineTo(s * 0.98, s * 0.1)
        path.close()
        canv.drawPath(path, stroke=1, fill=0)
        canv.setFont(BODY_BOLD, s * 0.6)
        canv.drawCentredString(s / 2, s * 0.22, "!")
        canv.restoreState()


def _option(option: str, handout: Handout, library) -> str:
    """An easier/harder option in words; another exercise's id becomes a pointer to it."""
    words = handout.locale.words
    other = library.exercises.get(option) if library is not None else None
    if other is None:
        return option
    for planned in handout.exercises:
        if planned.exercise.id == option:
            return words("do_instead", number=planned.number, name=other.name)
    return words("ask_first", name=other.name)


def _caution(text_markup: str, style: SheetStyle, width: float) -> Table:
    size = style.theme.caution_mark
    table = Table([[CautionMark(size), Paragraph(text_markup, style["cell"])]],
                  colWidths=[size + 6, width - size - 6])
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ))
    table.hAlign = "LEFT"
    return table


def _video(url: str, handout: Handout, style: SheetStyle, markup: Markup, width: float) -> Table:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    words, size = handout.locale.words, style.theme.qr_size
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    text = [Paragraph(f"<b>{markup(words('watch'))}</b>", style["label"]),
            Paragraph(markup(words("watch_how", address=url.split("://", 1)[-1])), style["cell"])]
    table = Table([[drawing, text]], colWidths=[size + 10, width - size - 10])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)))
    table.hAlign = "LEFT"
    return table


def _go_easy(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    if not handout.avoid:
        return []
    words = handout.locale.words
    items = [marked(f"<b>{markup(item.name)}.</b> {markup(item.reason)}", "×", style) for item in handout.avoid]
    first = [*heading(words("avoid_heading"), "avoid", style, markup),
             Paragraph(markup(words("avoid_intro", condition=handout.condition.name)), style["body"]), *items[:2]]
    return [KeepTogether(first), *items[2:]]


def _call_your_clinic(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    words, phone = handout.locale.words, handout.clinic.phone
    if phone:
        parts = [Paragraph(f"<b>{markup(words('call_intro', phone=phone))}</b>", style["label"])]
    else:
        # No number on file: a line to write it on, never a dead end.
        parts = [Paragraph(f"<b>{markup(words('phone_blank'))}</b>", style["label"]),
                 Paragraph(f"<b>{markup(words('call_intro_blank'))}</b>", style["label"])]
    parts += [marked(markup(flag), "•", style) for flag in handout.condition.call_clinician_if]
    if handout.condition.emergency_signs:
        parts.append(Spacer(1, 4))
        parts.append(Paragraph(f"<b>{markup(words('emergency_intro', number=handout.locale.emergency_number))}</b>",
                               style["label"]))
        parts += [marked(markup(flag), "•", style) for flag in handout.condition.emergency_signs]
    box = boxed(parts, style, width=width, edge=style.theme.rule * 1.6)
    return [KeepTogether([*heading(words("call_heading"), "call", style, markup), box])]
