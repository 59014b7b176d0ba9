"""The guidance sections of a sheet: the pain guide, what you need, precautions,
stop signs, when to get help (three tiers) and when to move on.

Every word comes planned in the Handout or from the locale's words.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from .measure import Paragraph  # lines broken once per width
from ..handout import Handout
from .fonts import Markup
from .sections import help_tiers
from .styles import SheetStyle, table_style

# The pain guide's lights. Each is told apart by its shape and word as well as
# its colour, so the guide reads the same in black and white.
LIGHTS = {"green": ("#1E7B34", "circle"), "amber": ("#9A6200", "triangle"), "red": ("#B3261E", "square")}


class Light(Flowable):
    """A filled mark with a dark edge: circle (go), triangle (ease off), square (stop)."""

    def __init__(self, colour: str, size: float):
        super().__init__()
        self.fill, self.shape = LIGHTS.get(colour, ("#333333", "circle"))
        self.size = size

    def wrap(self, *_):
        return self.size, self.size

    def draw(self):
        s, c = self.size, self.canv
        c.setFillColor(colors.HexColor(self.fill))
        c.setStrokeColor(colors.HexColor("#1A1A1A"))
        c.setLineWidth(1)
        if self.shape == "circle":
            c.circle(s / 2, s / 2, s / 2 - 0.5, stroke=1, fill=1)
        elif self.shape == "triangle":
            path = c.beginPath()
            path.moveTo(s / 2, s - 0.5)
            path.lineTo(0.5, 0.5)
            path.lineTo(s - 0.5, 0.5)
            path.close()
            c.drawPath(path, stroke=1, fill=1)
        else:
            c.rect(0.5, 0.5, s - 1, s - 1, stroke=1, fill=1)


def _head(text: str, key: str, style: SheetStyle, markup: Markup) -> list:
    from .story import heading

    return heading(text, key, style, markup)


def pain_guide(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    guide = handout.pain_guide
    if guide is None:
        return []
    words, size = handout.locale.words, style.theme.body * 1.3
    rows = [[Light(level.colour, size), Paragraph(f"<b>{markup(level.label)}:</b> {markup(level.text)}", style["cell"])]
            for level in guide.levels]
    table = Table(rows, colWidths=[size + 8, width - size - 8])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)))
    table.hAlign = "LEFT"
    # Its sources are named in the catalogue and by `handouts show`, not on the patient's page.
    return [KeepTogether([*_head(words("pain_heading"), "pain", style, markup), table])]


def equipment(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    if not handout.equipment:
        return []
    from .story import marked

    words = handout.locale.words
    items = []
    for item in handout.equipment:
        numbers = ", ".join(str(n) for n in item.exercises)
        used = words("equipment_for" if len(item.exercises) == 1 else "equipment_for_many", numbers=numbers)
        text = f"<b>{markup(item.item)}</b>"
        if item.stand_in:
            text += f" {markup(words('equipment_or'))} {markup(item.stand_in)}"
        items.append(marked(f"{text} ({markup(used)})", "•", style))
    return [KeepTogether([*_head(words("equipment_heading"), "equipment", style, markup), *items[:2]]), *items[2:]]


def ask_before(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    return [Paragraph(f"<b>{markup(handout.ask_before)}</b>", style["body"])] if handout.ask_before else []


def precaution_boxes(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    from .story import boxed, marked

    words, story = handout.locale.words, []
    for note in handout.precaution_notes:
        parts = [Paragraph(f"<b>{markup(note.title)}</b>", style["label"])]
        parts += [marked(markup(line), "•", style) for line in note.advice]
        if note.stop_signs:
            parts.append(Paragraph(f"<b>{markup(words('precaution_stop'))}</b>", style["label"]))
            parts += [marked(markup(sign), "!", style) for sign in note.stop_signs]
        story += [boxed(parts, style, width=width, edge=style.theme.rule * 1.6), Spacer(1, 4)]
    return story


def stop_signs(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    if not handout.stop_signs:
        return []
    from .story import boxed, marked

    words = handout.locale.words
    parts = [Paragraph(f"<b>{markup(words('stop_heading'))}:</b>", style["label"])]
    parts += [marked(markup(sign), "!", style) for sign in handout.stop_signs]
    parts.append(Paragraph(markup(words("stop_action", number=handout.locale.emergency_number)), style["cell"]))
    return [Spacer(1, 4), boxed(parts, style, width=width, edge=style.theme.rule * 1.6)]


def _tier_heading(heading: str, action: str, style: SheetStyle, markup: Markup) -> Paragraph:
    return Paragraph(f"<b>{markup(heading)}.</b> {markup(action)}", style["label"])


def when_to_get_help(handout: Handout, style: SheetStyle, markup: Markup, width: float) -> list:
    """The three tiers in order of urgency, each saying what to do, with the number to call."""
    from .story import boxed, marked

    words, phone = handout.locale.words, handout.clinic.phone
    story: list = []
    if not phone:
        story.append(Paragraph(f"<b>{markup(words('phone_blank'))}</b>", style["label"]))
    for number, tier in enumerate(help_tiers(handout)):
        parts = [_tier_heading(tier.heading, tier.action, style, markup)]
        if tier.closed:
            parts.append(Paragraph(markup(tier.closed), style["cell"]))
        parts += [marked(markup(item), "•", style) for item in tier.items]
        # A tier that runs onto the next page says again what to do there, and that it goes on from the page
        # before: no list of signs ever starts a page without saying how urgent it is.
        again = _tier_heading(words("red_flag_continued", heading=tier.heading), tier.action, style, markup)
        box = boxed(parts, style, width=width, edge=style.theme.rule * 1.6, continued=again)
        # Never the heading alone at the foot of a page: it goes over with its first sign.
        box.setStyle([("NOSPLIT", (0, 0), (0, min(len(parts) - 1, 2 if tier.closed else 1)))])
        story += [Spacer(1, 3), box] if number else [box]
    if not story:
        return []
    from reportlab.platypus import CondPageBreak

    # The heading stays with the start of the first tier.
    return [CondPageBreak(style.theme.leading * 8), *_head(words("call_heading"), "call", style, markup), *story]


def next_step(handout: Handout, style: SheetStyle, markup: Markup) -> list:
    if not handout.next_step:
        return []
    return [KeepTogether([*_head(handout.locale.words("next_heading"), "next", style, markup),
                          Paragraph(markup(handout.next_step), style["body"])])]
