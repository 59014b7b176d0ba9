"""The accessible version of a sheet: one self-contained HTML file from the same Handout as the PDF.

For a patient who uses a screen reader, or a clinic that sends sheets through
a patient portal or by email. Real headings, numbered steps, a table per log
week; each drawing inline as SVG from the same figure code as the PDF, named
by the exercise's `picture_text` so it is read out. No external fonts,
scripts or images. Every word comes from the Handout or the locale's words,
in the PDF's order, except that an exercise's picture is read after its
cautions (it sits beside the steps on screen and paper).
"""

from __future__ import annotations

import base64
import re
import unicodedata
from html import escape

from ..dosewords import dose_sentences, dose_short, how_often
from ..handout import Handout, PlannedExercise
from .fileinfo import CREATOR, file_info
from .sections import about_heading, go_easy, help_tiers, own_safe_again, time_needed

GENERATOR = f'<meta name="generator" content="{CREATOR}">'
FONT_STACK = "'Atkinson Hyperlegible', Verdana, 'DejaVu Sans', Arial, sans-serif"  # the reader's own fonts

CSS = """
:root { --brand: %(brand)s; --ink: #1A1A1A; --muted: #4A4A4A; --tint: %(tint)s; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s; color: var(--ink);
       background: #FFFFFF; font-size: %(size)s; line-height: 1.45; max-width: 46rem; margin: 0 auto; padding: 1rem; }
header.letterhead { border-top: 0.6rem solid var(--brand); padding-top: 0.5rem; border-bottom: 2px solid var(--brand); }
header.letterhead p { margin: 0.1rem 0; }
.clinic { font-weight: bold; font-size: 1.2em; }
h1 { font-size: 1.6em; margin: 0.8rem 0 0.4rem; }
h2 { font-size: 1.3em; margin: 1.2rem 0 0.4rem; border-bottom: 2px solid var(--brand); }
h3 { font-size: 1.15em; margin: 0.6rem 0 0.3rem; }
.box { background: var(--tint); border: 2px solid #1A1A1A; padding: 0.4rem 0.7rem; margin: 0.5rem 0; }
.box p { margin: 0.25rem 0; }
ol.steps li, ul li { margin-bottom: 0.25rem; }
.exercise { border-top: 1px solid #595959; padding-top: 0.3rem; margin-top: 0.8rem; }
.exercise figure { margin: 0.4rem 0; }
.exercise svg { max-width: 100%%; height: auto; }
.exercise img { max-width: 100%%; height: auto; }
.caution::before { content: "⚠ " / ""; }  /* seen, not read out: the words say it */
ul.marks { list-style: none; padding-left: 1.2rem; }
ul.go-easy li::before { content: "× " / ""; font-weight: bold; margin-left: -1rem; }
.light { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #1A1A1A; margin-right: 0.4em;
         vertical-align: -0.1em; }
.light.green { background: #1E7B34; border-radius: 50%%; }
.light.amber { background: #9A6200; clip-path: polygon(50%% 0, 100%% 100%%, 0 100%%); }
.light.red { background: #B3261E; }
table.log { border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.log th, table.log td { border: 1px solid #1A1A1A; padding: 0.15rem 0.4rem; min-width: 2.5rem; height: 1.8rem; }
table.log thead th { background: var(--tint); }
footer { margin-top: 1.5rem; border-top: 1px solid #595959; color: var(--muted); font-size: 0.9em; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; }
  .exercise, .box, table.log, figure { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""


def render_html(handout: Handout) -> bytes:
    """The sheet as one self-contained HTML page; the same handout always gives the same bytes."""
    return "\n".join(HtmlSheet(handout).page()).encode("utf-8")


class HtmlSheet:
    def __init__(self, handout: Handout):
        self.h = handout
        self.locale = handout.locale
        self.words = handout.locale.words
        self.svg_count = 0

    # -- text ---------------------------------------------------------------
    def t(self, text) -> str:
        """Plain text as HTML: the locale's spelling, NFC, no control characters, escaped."""
        if not text:
            return ""
        text = unicodedata.normalize("NFC", self.locale.spell(str(text)))
        text = "".join(" " if c in "\n\t" else c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
        return escape(text, quote=True)

    def labelled(self, label: str, text: str, end: str = ":") -> str:
        return f"<b>{self.t(label)}{end}</b> {self.t(text)}"

    # -- the page -----------------------------------------------------------
    def page(self) -> list[str]:
        h, info = self.h, file_info(self.h)
        size = "1.35rem" if h.large_print else "1.05rem"
        css = CSS % {"brand": _safe_colour(h.clinic.brand_colour, "#1F5C8B"),
                     "tint": _safe_colour(h.clinic.accent_colour, "#E8F0F7"), "size": size,
                     "fonts": FONT_STACK}
        out = ["<!DOCTYPE html>", f'<html lang="{escape(info.lang)}">', "<head>", '<meta charset="utf-8">',
               '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
               f'<meta name="description" content="{escape(info.subject, quote=True)}">',
               f"<title>{escape(info.title)}</title>", f"<style>{css}</style>", "</head>", "<body>"]
        out += self.letterhead()
        out.append("<main>")
        out += self.title_block()
        out += self.precaution_boxes()
        out += self.at_a_glance()
        out += self.equipment()
        out += self.before_you_start()
        out += self.pain_guide()
        if h.exercises:
            out.append(f'<section aria-labelledby="exercises"><h2 id="exercises">{self.t(self.words("exercises"))}</h2>')
            for planned in h.exercises:
                out += self.exercise(planned)
            out.append("</section>")
        out += self.go_easy()
        out += self.stop_signs()  # before the tiers, as on the PDF
        out += self.when_to_get_help()
        out += self.next_step()
        out += self.log()
        out.append("</main>")
        out += self.footer()
        out += ["</body>", "</html>", ""]
        return out

    def letterhead(self) -> list[str]:
        clinic, words = self.h.clinic, self.words
        contact = " · ".join(filter(None, [clinic.address, clinic.phone and words("phone", phone=clinic.phone),
                                           clinic.web, clinic.email]))
        out = ['<header class="letterhead">']
        if clinic.logo is not None:
            out.append(_image(clinic.logo, clinic.name or "", height="3.5rem"))
        out += [f'<p class="clinic">{self.t(clinic.name or words("letterhead_fallback"))}</p>',
                f"<p>{self.t(contact or words('letterhead_contact_fallback'))}</p>", "</header>"]
        return out

    def footer(self) -> list[str]:
        h, clinic, words = self.h, self.h.clinic, self.words
        text = " · ".join(filter(None, [clinic.phone and words("clinic_phone", phone=clinic.phone),
                                        words("issued", date=self.locale.date(h.issued)),
                                        words("sheet_id", id=h.sheet_id)]))
        return [f"<footer><p>{self.t(text)}</p></footer>"]

    def title_block(self) -> list[str]:
        h, words = self.h, self.words
        out = [f"<h1>{self.t(h.title)}</h1>"]
        if h.patient:
            rows = [(words("name"), h.patient), (words("date"), self.locale.date(h.issued)),
                    (words("clinician"), h.clinician)]
            out.append("<p>" + " &nbsp; ".join(self.labelled(label, value) for label, value in rows if value) + "</p>")
        else:
            lines = [f"<b>{self.t(words('name'))}:</b> ________________________",
                     f"<b>{self.t(words('date'))}:</b> ______________"]
            if h.clinician:
                lines.append(self.labelled(words("clinician"), h.clinician))
            out.append("<p>" + " &nbsp; ".join(lines) + "</p>")
        out.append(f"<p>{self.t(h.intro)}</p>")
        if h.about:
            out.append(f"<p>{self.labelled(about_heading(h), h.about)}</p>")
            if h.condition.diagram:
                out.append(f"<figure>{self.diagram(h.condition.diagram)}</figure>")
        if h.how_often:
            out.append(f"<p>{self.labelled(words('how_often'), h.how_often)}</p>")
        if h.note:
            out.append(f'<div class="box"><p><b>{self.t(words("note_heading"))}</b></p><p>{self.t(h.note)}</p></div>')
        if h.ask_before:
            out.append(f"<p><b>{self.t(h.ask_before)}</b></p>")
        return out

    def precaution_boxes(self) -> list[str]:
        out = []
        for note in self.h.precaution_notes:
            out += ['<div class="box">', f"<p><b>{self.t(note.title)}</b></p>", self.items(note.advice)]
            if note.stop_signs:
                out += [f"<p><b>{self.t(self.words('precaution_stop'))}</b></p>", self.items(note.stop_signs)]
            out.append("</div>")
        return out

    def items(self, texts, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return f"<ul{cls}>" + "".join(f"<li>{self.t(text)}</li>" for text in texts) + "</ul>"

    def heading(self, text: str, key: str) -> str:
        return f'<h2 id="{key}">{self.t(text)}</h2>'

    def at_a_glance(self) -> list[str]:
        h, words = self.h, self.words
        out = [self.heading(words("glance"), "glance"), '<ul class="glance">']
        for planned in h.exercises:
            often = "" if h.pick_one else how_often(planned.dose) or words("as_shown")
            dose = ", ".join(filter(None, [dose_short(planned.dose), often]))
            out.append(f"<li><b>{planned.number}. {self.t(planned.exercise.name)}</b> {self.t(dose)}</li>")
        out.append("</ul>")
        if h.pick_one:
            out.append(f"<p><b>{self.t(words('pick_one'))}</b></p>")
        needed = time_needed(h)
        out.append(f"<p>{self.t(needed)}</p>")
        return out

    def diagram(self, name: str) -> str:
        """The condition's small body diagram, the PDF's drawing as SVG, named by its label."""
        from reportlab.graphics import renderSVG

        from .diagrams import DRAWINGS
        from .fonts import register_fonts
        from .theme import theme_for

        register_fonts()
        t, label = theme_for(self.h.large_print), self.words(f"diagram_{name}")
        drawing = DRAWINGS[name](t.diagram_height * 1.5, label, t.small)
        self.svg_count += 1
        return _accessible_svg(renderSVG.drawToString(drawing), self.t(label), self.svg_count)

    def equipment(self) -> list[str]:
        if not self.h.equipment:
            return []
        words, lines = self.words, []
        for item in self.h.equipment:
            numbers = ", ".join(str(n) for n in item.exercises)
            used = words("equipment_for" if len(item.exercises) == 1 else "equipment_for_many", numbers=numbers)
            text = f"<b>{self.t(item.item)}</b>"
            if item.stand_in:
                text += f" {self.t(words('equipment_or'))} {self.t(item.stand_in)}"
            lines.append(f"<li>{text} ({self.t(used)})</li>")
        return [self.heading(words("equipment_heading"), "equipment"), "<ul>", *lines, "</ul>"]

    def before_you_start(self) -> list[str]:
        if not self.h.before_you_start:
            return []
        return [self.heading(self.words("before_you_start"), "before"), self.items(self.h.before_you_start)]

    def pain_guide(self) -> list[str]:
        guide = self.h.pain_guide
        if guide is None:
            return []
        lines = [f'<li><span class="light {escape(level.colour)}" aria-hidden="true"></span>'
                 f"{self.labelled(level.label, level.text)}</li>" for level in guide.levels]
        return [self.heading(self.words("pain_heading"), "pain"), '<ul class="marks">', *lines, "</ul>"]

    def exercise(self, planned: PlannedExercise) -> list[str]:
        words, exercise, dose = self.words, planned.exercise, planned.dose
        key = f"exercise-{planned.number}"
        title = f"{planned.number}. {planned.name or exercise.name}"
        out = [f'<section class="exercise" aria-labelledby="{key}">', f'<h3 id="{key}">{self.t(title)}</h3>']
        if planned.nickname:
            out.append(f"<p>{self.t(planned.nickname)}</p>")
        out.append(f"<p>{self.labelled(words('why'), exercise.summary)}</p>")
        how_much = [f"<p>{self.labelled(words('how_much'), ' '.join(dose_sentences(dose, often=not self.h.pick_one)))}</p>"]
        for limit in dict.fromkeys(planned.limits or tuple(reason for _, reason in planned.acknowledged)):
            how_much.append(f"<p>{self.labelled(words('your_limit'), limit)}</p>")
        for change in planned.changes:
            how_much.append(f"<p>{self.labelled(words('change'), change)}</p>")
        if planned.note:
            how_much.append(f"<p>{self.labelled(words('note'), planned.note)}</p>")
        out += ['<div class="box">', *how_much, "</div>"]
        out.append('<ol class="steps">' + "".join(f"<li>{self.t(step)}</li>" for step in exercise.steps) + "</ol>")
        if planned.support:
            out.append(f"<p>{self.labelled(words('support'), planned.support)}</p>")
        if planned.cautions:
            out.append(f'<p class="caution">{self.labelled(words("take_care"), " ".join(planned.cautions))}</p>')
        options = [f"<b>{self.t(words(label))}:</b> " + f" <b>{self.t(words('or'))}:</b> ".join(map(self.t, choices))
                   for label, choices in (("easier", planned.easier), ("harder", planned.harder)) if choices]
        if options:
            out.append("<p>" + " &nbsp; ".join(options) + "</p>")
        if exercise.video_url:
            address = exercise.video_url.split("://", 1)[-1]
            out.append(f"<p><b>{self.t(words('watch'))}</b> "
                       f'<a href="{escape(exercise.video_url, quote=True)}">{self.t(address)}</a></p>')
        picture = self.picture(exercise)
        if picture:
            out.append(f"<figure>{picture}</figure>")
        out.append("</section>")
        return out

    def picture(self, exercise) -> str:
        name = exercise.picture_text or exercise.name
        if exercise.image is not None:
            credit = f"<figcaption>{self.t(exercise.image_credit)}</figcaption>" if exercise.image_credit else ""
            return _image(exercise.image, self.locale.spell(name)) + credit
        if exercise.pose is None:
            return ""
        from reportlab.graphics import renderSVG

        from .drawing import pose_drawing
        from .fonts import register_fonts
        from .sheet_picture import figure_scale  # the sheet's own size rule; its flowables are not used
        from .theme import theme_for

        register_fonts()  # the captions are measured in the sheet's font
        t = theme_for(self.h.large_print)
        width, scale = figure_scale(exercise, t)
        drawing = pose_drawing(exercise.pose, width * 1.6, t.picture_height, scale, caption_size=t.figure_caption)
        self.svg_count += 1
        return _accessible_svg(renderSVG.drawToString(drawing), self.t(name), self.svg_count)

    def go_easy(self) -> list[str]:
        h, words = self.h, self.words
        if not h.avoid_items:
            return []
        groups = go_easy(h)

        def line(item) -> str:
            text = f"<b>{self.t(item.name)}.</b> {self.t(item.reason)}"
            if item.exception:
                text += f" <b>{self.t(item.exception)}</b>"
            if own_safe_again(item, groups.shared):
                text += f" {self.t(item.safe_again)}"
            return f"<li>{text}</li>"

        out = [self.heading(h.avoid_heading, "avoid"),
               f"<p>{self.t(words('avoid_intro', condition=h.condition.name_in_sentence))}</p>"]
        if groups.first:  # those that can come back, with when, then the rest
            out += [f"<p><b>{self.t(words('avoid_for_now'))}</b> {self.t(groups.shared)}</p>",
                    '<ul class="marks go-easy">', *(line(item) for item in groups.first), "</ul>",
                    f"<p><b>{self.t(words('avoid_also'))}</b></p>"]
        if groups.rest:
            out += ['<ul class="marks go-easy">', *(line(item) for item in groups.rest), "</ul>"]
        return out

    def when_to_get_help(self) -> list[str]:
        h, words, phone = self.h, self.words, self.h.clinic.phone
        parts: list[str] = []
        if not phone:
            parts.append(f"<p><b>{self.t(words('phone_blank'))}</b></p>")
        for tier in help_tiers(h):
            parts += [f"<h3>{self.t(tier.heading)}.</h3>", f"<p><b>{self.t(tier.action)}</b></p>"]
            if tier.closed:
                parts.append(f"<p>{self.t(tier.closed)}</p>")
            parts.append(self.items(tier.items))
        if not h.red_flags and phone:
            return []
        return [self.heading(words("call_heading"), "call"), '<div class="box">', *parts, "</div>"]

    def stop_signs(self) -> list[str]:
        h, words = self.h, self.words
        if not h.stop_signs:
            return []
        return ['<div class="box">', f"<p><b>{self.t(words('stop_heading'))}:</b></p>", self.items(h.stop_signs),
                f"<p>{self.t(words('stop_action', number=h.locale.emergency_number))}</p>", "</div>"]

    def next_step(self) -> list[str]:
        if not self.h.next_step:
            return []
        return [self.heading(self.words("next_heading"), "next"), f"<p>{self.t(self.h.next_step)}</p>"]

    def log(self) -> list[str]:
        h, words = self.h, self.words
        if h.log_weeks == 0:
            return []
        from .log import how_to_fill_in, log_columns  # one rule for both views

        columns = log_columns(h)
        key = "; ".join(f"<b>{p.number}</b> {self.t(p.exercise.name)}" for p in h.exercises)
        how_to = " ".join(how_to_fill_in(h, columns))
        out = [self.heading(words("log_heading"), "log"), f"<p>{self.t(words('log_key_numbers'))} {key}</p>",
               f"<p>{self.t(how_to)}</p>"]
        for week in range(1, h.log_weeks + 1):
            head = "".join(f'<th scope="col">{n}{(" " + self.t(label)) if label else ""}</th>'
                           for n, label, _ in columns)
            out += ['<table class="log">', "<thead><tr>",
                    f'<th scope="col">{self.t(words("log_week", week=week))}</th>',
                    f'<th scope="col">{self.t(words("log_date"))}</th>', head,
                    f'<th scope="col">{self.t(words("log_pain"))}</th>', "</tr></thead>", "<tbody>"]
            for day in range(1, 8):
                cells = "<td></td>" * (len(columns) + 1)
                out.append(f'<tr><th scope="row">{self.t(words("log_day", day=day))}</th><td></td>{cells}</tr>')
            out += ["</tbody>", "</table>"]
        return out


def _safe_colour(value: str | None, default: str) -> str:
    return value if value and re.fullmatch(r"#[0-9A-Fa-f]{6}", value) else default


def _image(path, alt: str, height: str | None = None) -> str:
    data = path.read_bytes()
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    style = f' style="height:{height};width:auto"' if height else ""
    return (f'<img src="data:image/{kind};base64,{base64.b64encode(data).decode()}" '
            f'alt="{escape(alt, quote=True)}"{style}>')


def _accessible_svg(svg: str, name_html: str, number: int) -> str:
    """ReportLab's SVG inline: no XML prologue, ids unique on the page, named for a screen reader."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<title>.*?</title>\s*<desc>.*?</desc>", "", svg, count=1, flags=re.S)
    svg = svg.replace('id="clip"', f'id="clip-{number}"').replace("url(#clip)", f"url(#clip-{number})")
    svg = svg.replace('id="group"', f'id="group-{number}"')
    # The captions' font is the sheet's; the page has no font files, so the page's own font stack stands in.
    svg = re.sub(r"font-family: ?Atkinson(-Bold)?", f"font-family: {FONT_STACK}", svg)
    title_id = f"picture-{number}"
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" ', 1).replace(
        ">", f'><title id="{title_id}">{name_html}</title>', 1)


def html_made_here(path, patient: str | None) -> bool:
    """Whether an existing file is an HTML sheet this tool made for the same patient (or for no one)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192).decode("utf-8", "replace")
    except OSError:
        return False
    if GENERATOR not in head:
        return False
    found = re.search(r'<meta name="description" content="([^"]*)">', head)
    from html import unescape

    from ..output import for_patient

    return for_patient(unescape(found.group(1)) if found else None, patient)
