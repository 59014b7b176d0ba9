"""The sheet's content as ReportLab flowables, section by section, in print order.

Pure: takes a Handout and a stylesheet, returns flowables. Every word comes
from the Handout or from the locale's words; every size from the theme.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from .measure import ImageAndFlowables, Paragraph  # laid out once per width
from ..dosewords import dose_sentences, dose_short, how_often
from ..handout import Handout, PlannedExercise
from . import guidance
from .flex import FullWidth, Picture
from .fonts import BODY_BOLD, Markup
from .log import adherence_log
from .outline import OutlineEntry
from .page import later_pages
from .sections import about_heading, go_easy, own_safe_again, time_needed
from .sheet_picture import exercise_picture
from .styles import RULE, SheetStyle, table_style


def build_story(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    story: list = [later_pages()]
    story += _title_block(handout, style, markup)
    story += guidance.precaution_boxes(handout, style, markup, width)
    story += _at_a_glance(handout, style, markup, width)
    story += guidance.equipment(handout, style, markup)
    story += _before_you_start(handout, style, markup)
    story += guidance.pain_guide(handout, style, markup, width)
    for planned in handout.exercises:
        story.append(_exercise_block(planned, handout, style, markup, width))
    story += _go_easy(handout, style, markup)
    # Stopping an exercise session comes before the tiers, so the box that says "call 911 now"
    # for chest pain is never read after the least urgent "book a visit" (PEMAT-P reviewer).
    story += guidance.stop_signs(handout, style, markup, width)
    story += guidance.when_to_get_help(handout, style, markup, width)
    story += guidance.next_step(handout, style, markup)
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
    if handout.about:
        about = Paragraph(f"<b>{markup(about_heading(handout))}:</b> {markup(handout.about)}", style["body"])
        diagram = handout.condition.diagram
        if diagram:
            from .diagrams import DRAWINGS

            picture = DRAWINGS[diagram](style.theme.diagram_height, words(f"diagram_{diagram}"), style.theme.small)
            about = ImageAndFlowables(Picture(picture), [about], imageLeftPadding=style.theme.picture_gap,
                                      imageRightPadding=0, imageBottomPadding=0)
        story.append(about)
    if handout.how_often:
        story.append(Paragraph(f"<b>{markup(words('how_often'))}:</b> {markup(handout.how_often)}", style["body"]))
    if handout.note:
        story.append(boxed([Paragraph(f"<b>{markup(words('note_heading'))}</b>", style["label"]),
                            Paragraph(markup(handout.note), style["cell"])], style))
    return story + guidance.ask_before(handout, style, markup)


class Box(Table):
    """A boxed table whose heading row, repeated where the box runs onto the next page, can say it continues."""

    continued = None  # the flowable that stands for the heading row on the next page

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if self.continued is not None and len(parts) == 2 and parts[1].repeatRows:
            rest = parts[1]
            rest._cellvalues[0] = [self.continued]  # a new row: the first part shares the old row list
            rest._argH[0] = None  # measured again: the longer heading may take another line
        return parts


def boxed(flowables: list, style: SheetStyle, width=None, edge: float | None = None, continued=None) -> Table:
    """A tinted box with a dark edge: the edge, not the tint, is what a photocopy keeps.

    One row per paragraph, so a long box can run onto the next page, edged on both. With `continued`, the
    first row is a heading: where the box runs on, `continued` stands in its place at the top of the next page.
    """
    t = style.theme
    table = Box([[f] for f in flowables], colWidths=[width] if width else None)
    if continued is not None:
        table.repeatRows, table.continued = 1, continued
    table.setStyle(table_style(
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.tint)),
        ("BOX", (0, 0), (-1, -1), edge or t.rule, colors.HexColor(style.heading)),
        ("LEFTPADDING", (0, 0), (-1, -1), t.box_padding), ("RIGHTPADDING", (0, 0), (-1, -1), t.box_padding),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), t.box_padding * 0.6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), t.box_padding * 0.8),
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
        often = "" if handout.pick_one else how_often(planned.dose) or words("as_shown")
        dose = ", ".join(filter(None, [dose_short(planned.dose), often]))
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
        ("LINEBELOW", (0, 0), (-1, -1), t.rule, colors.HexColor(RULE)),  # thinner turns grey on a copy
        ("LINEABOVE", (0, 0), (-1, 0), t.rule * 1.4, colors.HexColor(style.heading)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ))
    table.hAlign = "LEFT"
    summary = []
    if handout.pick_one:
        summary.append(Paragraph(f"<b>{markup(words('pick_one'))}</b>", style["body"]))
    needed = time_needed(handout)
    summary.append(Paragraph(markup(needed), style["body"]))
    return [*heading(words("glance"), "glance", style, markup), table, Spacer(1, 4), *summary]


def _before_you_start(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    items = [marked(markup(rule), "•", style) for rule in handout.before_you_start]
    if not items:
        return []
    return [KeepTogether([*heading(handout.locale.words("before_you_start"), "before", style, markup),
                          *items[:2]]), *items[2:]]


def marked(text_markup: str, mark: str, style: SheetStyle, name: str = "mark") -> Paragraph:
    return Paragraph(text_markup, style[name], bulletText=mark)


def _exercise_block(planned: PlannedExercise, handout: Handout, style: SheetStyle, markup: Markup,
                    width: float) -> KeepTogether:
    """Number and name, why, steps, dose, cautions and options, flowing around the picture."""
    t, words = style.theme, handout.locale.words
    exercise, dose = planned.exercise, planned.dose
    title = f"{planned.number}. {planned.name or exercise.name}"
    text: list = [Paragraph(markup(title), style["exercise"])]
    if planned.nickname:
        text.append(Paragraph(markup(planned.nickname), style["small"]))
    text.append(Paragraph(f"<b>{markup(words('why'))}:</b> {markup(exercise.summary)}", style["body"]))
    text += [marked(markup(step), f"{n}.", style, "step") for n, step in enumerate(exercise.steps, start=1)]
    if planned.support:
        text.append(Paragraph(f"<b>{markup(words('support'))}:</b> {markup(planned.support)}", style["body"]))
    how_much = [Paragraph(f"<b>{markup(words('how_much'))}:</b> " + markup(" ".join(dose_sentences(dose, often=not handout.pick_one))),
                          style["cell"])]
    for limit in dict.fromkeys(planned.limits or tuple(reason for _, reason in planned.acknowledged)):
        how_much.append(Paragraph(f"<b>{markup(words('your_limit'))}:</b> {markup(limit)}", style["cell"]))
    for change in planned.changes:
        how_much.append(Paragraph(f"<b>{markup(words('change'))}:</b> {markup(change)}", style["cell"]))
    if planned.note:
        how_much.append(Paragraph(f"<b>{markup(words('note'))}:</b> {markup(planned.note)}", style["cell"]))
    text += [FullWidth(lambda w: boxed(how_much, style, width=w)), Spacer(1, 3)]
    if planned.cautions:
        caution = f"<b>{markup(words('take_care'))}:</b> {markup(' '.join(planned.cautions))}"
        text.append(FullWidth(lambda w: _caution(caution, style, w)))
    # Easier and harder versions share one paragraph: short options then share a line.
    options = [f"<b>{markup(words(label))}:</b> " + f" <b>{markup(words('or'))}:</b> ".join(map(markup, choices))
               for label, choices in (("easier", planned.easier), ("harder", planned.harder)) if choices]
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
                                       imageRightPadding=0, imageBottomPadding=0))
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
    from reportlab.graphics.shapes import Drawing

    words, size = handout.locale.words, style.theme.qr_size
    code = qr_code(url)
    x0, y0, x1, y1 = code.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(code)
    text = [Paragraph(f"<b>{markup(words('watch'))}</b>", style["label"]),
            Paragraph(markup(words("watch_how", address=url.split("://", 1)[-1])), style["cell"])]
    table = Table([[drawing, text]], colWidths=[size + 10, width - size - 10])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)))
    table.hAlign = "LEFT"
    return table


_qr_codes: dict = {}


def qr_code(url: str):
    """The QR code's squares for an address, encoded once per process.

    ReportLab's QrCodeWidget encodes its text every time it is measured and
    again when drawn (the costly part: eight masks tried); its squares, drawn
    as the same Group, give the same PDF commands.
    """
    from reportlab.graphics.barcode.qr import QrCodeWidget

    if url not in _qr_codes:
        if len(_qr_codes) >= 512:
            _qr_codes.clear()
        _qr_codes[url] = QrCodeWidget(url).draw()
    return _qr_codes[url]


def _go_easy(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    if not handout.avoid_items:
        return []
    words, groups = handout.locale.words, go_easy(handout)

    def line(item) -> Paragraph:
        text = f"<b>{markup(item.name)}.</b> {markup(item.reason)}"
        if item.exception:
            text += f" <b>{markup(item.exception)}</b>"
        if own_safe_again(item, groups.shared):
            text += f" {markup(item.safe_again)}"
        return marked(text, "•", style)

    lines = []
    if groups.first:  # those that can come back, with when, then the rest
        lines.append(Paragraph(f"<b>{markup(words('avoid_for_now'))}</b> {markup(groups.shared)}", style["body"]))
        lines += [line(item) for item in groups.first]
        lines.append(Paragraph(f"<b>{markup(words('avoid_also'))}</b>", style["body"]))
    lines += [line(item) for item in groups.rest]
    intro = Paragraph(markup(words("avoid_intro", condition=handout.condition.name_in_sentence)), style["body"])
    # Each item stays whole on one page: a reason split by the page break read as two things (seen on the
    # neck sheet, where "and tell your clinic." sat alone under the next page's running head).
    return [KeepTogether([*heading(handout.avoid_heading, "avoid", style, markup), intro, *lines[:2]]),
            *(KeepTogether([one]) for one in lines[2:])]
