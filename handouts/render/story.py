"""The sheet's content as ReportLab flowables, section by section, in print order.

Pure: takes a Handout, a stylesheet and the markup helper (which escapes every
piece of text), returns a list of flowables. No files are written here.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import (CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Spacer,
                                Table)
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from ..dosewords import dose_sentences, dose_short, how_often
from ..handout import Handout, PlannedExercise
from .drawing import pose_drawing
from .fonts import BODY_BOLD, Markup
from .log import adherence_log
from .outline import OutlineEntry
from .styles import SheetStyle, table_style


def build_story(handout: Handout, style: SheetStyle, markup: Markup, width: float, library=None) -> list:
    story: list = []
    story += _title_block(handout, style, markup)
    story += _at_a_glance(handout, style, markup, width)
    story += _before_you_start(handout, style, markup)
    story.append(OutlineEntry("Your exercises", "exercises"))
    for planned in handout.exercises:
        story.append(_exercise_block(planned, handout, style, markup, width, library))
    story += _do_not_do(handout, style, markup)
    story += _call_your_clinician(handout, style, markup, width)
    story += adherence_log(handout, style, markup, width)
    return story


def _heading(text: str, key: str, style: SheetStyle, markup: Markup, keep_with=()):
    return [OutlineEntry(text, key), Paragraph(markup(text), style["heading"]), *keep_with]


def _title_block(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    rows = []
    for label, value in (("Name", handout.patient), ("Date", handout.issued), ("Clinician", handout.clinician)):
        if value:
            rows.append(f"<b>{label}:</b> {markup(value)}")
    story = [OutlineEntry(handout.title, "top"), Paragraph(markup(handout.title), style["title"])]
    if rows:
        story.append(Paragraph("&nbsp;&nbsp;&nbsp; ".join(rows), style["body"]))
    story.append(Paragraph(markup(handout.intro), style["body"]))
    if handout.how_often:
        story.append(Paragraph(f"<b>How often:</b> {markup(handout.how_often)}", style["body"]))
    if handout.note:
        story.append(_boxed([Paragraph("<b>A note from your clinician</b>", style["label"]),
                             Paragraph(markup(handout.note), style["note"])], style, border=True))
    return story


def _boxed(flowables: list, style: SheetStyle, border: bool = False, width=None) -> Table:
    table = Table([[flowables]], colWidths=[width] if width else None)
    commands = [("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.tint)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    if border:
        commands.append(("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor(style.heading)))
    table.setStyle(table_style(*commands))
    table.hAlign = "LEFT"
    return table


def _at_a_glance(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    cell, bold = style["cell"], style["cell_bold"]
    rows = [[Paragraph("Exercise", bold), Paragraph("How much", bold), Paragraph("How often", bold)]]
    for planned in handout.exercises:
        rows.append([
            Paragraph(f"{planned.number}. {markup(planned.exercise.name)}", cell),
            Paragraph(markup(dose_short(planned.dose)), cell),
            Paragraph(markup(how_often(planned.dose) or "as shown"), cell),
        ])
    table = Table(rows, colWidths=[width * 0.42, width * 0.33, width * 0.25], repeatRows=1)
    table.setStyle(table_style(*[
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(style.tint)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#8C8C8C")),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.HexColor(style.heading)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    table.hAlign = "LEFT"
    minutes = handout.session_minutes
    summary = [Paragraph(f"<b>Time needed:</b> about {minutes} minute{'s' if minutes != 1 else ''} each session.",
                         style["body"])]
    if handout.pick_one:
        summary.insert(0, Paragraph("<b>Pick one of these each time.</b> You do not need to do them all.",
                                    style["body"]))
    return [*_heading("Your programme at a glance", "glance", style, markup), table, Spacer(1, 4), *summary]


def _before_you_start(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    items = [_marked(markup(rule), "•", style) for rule in handout.condition.before_you_start]
    return [KeepTogether(_heading("Before you start", "before", style, markup, items[:2])), *items[2:]]


def _marked(text_markup: str, mark: str, style: SheetStyle, name: str = "mark") -> Paragraph:
    return Paragraph(text_markup, style[name], bulletText=mark)


def _exercise_block(planned: PlannedExercise, handout: Handout, style: SheetStyle, markup: Markup,
                    width: float, library) -> KeepTogether:
    exercise, dose = planned.exercise, planned.dose
    title = f"{planned.number}. {exercise.name}"
    why = Paragraph(f"<b>Why:</b> {markup(exercise.summary)}", style["body"])
    parts: list = [OutlineEntry(title, f"exercise-{planned.number}", level=1),
                   Paragraph(markup(title), style["exercise"])]
    steps = [_marked(markup(step), f"{n}.", style, "step") for n, step in enumerate(exercise.steps, start=1)]
    picture = _picture(exercise, style, markup, handout.large_print)
    if picture is None:
        parts += [why, *steps]
    elif handout.large_print:
        # Beside the "why", so the bigger text keeps the full width for the steps.
        parts += [_side_by_side([why], picture, width), *steps]
    else:
        parts.append(_side_by_side([why, *steps], picture, width))
    how_much = [Paragraph("<b>How much:</b> " + markup(" ".join(dose_sentences(dose))), style["cell"])]
    for limit in dict.fromkeys(reason for _, reason in planned.acknowledged):
        how_much.append(Paragraph(f"<b>Your limit:</b> {markup(limit)}", style["cell"]))
    if planned.note:
        how_much.append(Paragraph(f"<b>Note:</b> {markup(planned.note)}", style["cell"]))
    parts.append(Spacer(1, 3))
    parts.append(_boxed(how_much, style, width=width))
    parts.append(Spacer(1, 4))
    if exercise.cautions:
        parts.append(_caution(markup(" ".join(exercise.cautions)), style, width))
    # Easier and harder versions share one paragraph: short options then share a line.
    options = [f"<b>{label}:</b> {markup(_option(option, handout, library))}"
               for label, choices in (("Easier", exercise.easier), ("Harder", exercise.harder)) for option in choices]
    if options:
        parts.append(Paragraph("&nbsp;&nbsp;&nbsp; ".join(options), style["body"]))
    if exercise.video_url:
        parts.append(_video(exercise.video_url, style, markup, width))
    parts.append(Spacer(1, style.sizes.body * 0.8))
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
    other = library.exercises.get(option) if library is not None else None
    if other is None:
        return option
    for planned in handout.exercises:
        if planned.exercise.id == option:
            return f"Do exercise {planned.number}, “{other.name}”, instead."
    return f"“{other.name}”. Ask your clinician first."


def _caution(text_markup: str, style: SheetStyle, width: float) -> Table:
    size = style.sizes.body * 1.15
    table = Table([[CautionMark(size), Paragraph(f"<b>Take care:</b> {text_markup}", style["cell"])]],
                  colWidths=[size + 6, width - size - 6])
    table.setStyle(table_style(*[
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.hAlign = "LEFT"
    return table


PICTURE_BOX = {False: (190, 160, 15), True: (190, 95, 10)}  # normal / large print: width, height, pt per head


def _picture(exercise, style: SheetStyle, markup: Markup, large_print: bool):
    """(width, flowables): the catalogue's own image with its caption and credit, else the pose drawing."""
    max_width, max_height, scale = PICTURE_BOX[large_print]
    if exercise.image is not None:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(str(exercise.image)).getSize()
        fit = min(max_width / w, max_height / h)
        flowables = [Image(str(exercise.image), w * fit, h * fit),
                     Paragraph(markup(exercise.name), style["small"])]
        if exercise.image_credit:
            flowables.append(Paragraph(markup(exercise.image_credit), style["small"]))
        return max_width, flowables
    if exercise.pose is None:
        return None
    drawing = pose_drawing(exercise.pose, max_width, max_height, scale, caption_size=style.sizes.small * 0.85)
    return max(drawing.width, 1), [drawing]


def _side_by_side(text: list, picture, width: float) -> Table:
    picture_width, flowables = picture
    table = Table([[text, flowables]], colWidths=[width - picture_width - 14, picture_width + 14])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)))
    table.hAlign = "LEFT"
    return table


def _video(url: str, style: SheetStyle, markup: Markup, width: float) -> Table:
    size = style.sizes.body * 5
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    short = url.split("://", 1)[-1]
    text = [Paragraph("<b>Watch how to do it</b>", style["label"]),
            Paragraph(f"Scan the code with your phone camera, or type: {markup(short)}", style["cell"])]
    table = Table([[drawing, text]], colWidths=[size + 10, width - size - 10])
    table.setStyle(table_style(*[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    table.hAlign = "LEFT"
    return table


def _do_not_do(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    if not handout.avoid:
        return []
    items = [Paragraph(f"<b>{markup(item.name)}.</b> {markup(item.reason)}", style["mark"], bulletText="×")
             for item in handout.avoid]
    first = _heading("Do not do", "avoid", style, markup,
                     [Paragraph(f"These can make {markup(handout.condition.name)} worse while you heal.", style["body"])])
    return [CondPageBreak(style.sizes.leading * 6), *first, *items]


def _call_your_clinician(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    phone = handout.clinic.phone
    call = f"Call your clinician{' on ' + phone if phone else ''} if:"
    parts = [Paragraph(f"<b>{markup(call)}</b>", style["label"])]
    parts += [_marked(markup(flag), "•", style) for flag in handout.condition.call_clinician_if]
    if handout.condition.emergency_signs:
        parts.append(Spacer(1, 4))
        parts.append(Paragraph("<b>Get emergency help now (call 911 or your local emergency number) if:</b>",
                               style["label"]))
        parts += [_marked(markup(flag), "•", style) for flag in handout.condition.emergency_signs]
    box = _boxed(parts, style, border=True, width=width)
    # The box is one table; a page break before the heading keeps the two together.
    needed = box.wrap(width, 10_000)[1] + style.sizes.heading * 3
    return [CondPageBreak(needed), *_heading("Call your clinician if…", "call", style, markup, [box])]
