"""What a sheet's file says about itself (title, subject, language, date), the same for PDF and HTML.

The patient's name goes into the title and subject only where the clinic
allows it: with `privacy: {names_in_files: false}` in the clinic file a
stand-in takes its place (see privacy.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..handout import Handout

CREATOR = "handouts"


@dataclass(frozen=True)
class FileInfo:
    """What the file says about itself; every field planned from the Handout."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    lang: str   # e.g. en-GB
    date: str   # YYYY-MM-DD: the sheet's date
    request: str | None = None  # the request as YAML, attached to the PDF as request.yaml


def file_info(h: Handout) -> FileInfo:
    from ..privacy import patient_label

    words, locale = h.locale.words, h.locale
    named = patient_label(h.clinic, h.patient)  # the clinic's privacy choice: the name, or a stand-in
    subject = (words("subject_for", condition=h.condition.name, patient=named) if named
               else words("subject", condition=h.condition.name))
    title = words("file_title_for", title=h.title, patient=named) if named else locale.spell(h.title)
    return FileInfo(title=title, author=h.clinic.name or CREATOR, subject=subject,
                    keywords=", ".join([words("keywords"), h.condition.name, *(p.exercise.name for p in h.exercises)]),
                    creator=CREATOR, lang=locale.code, date=h.issued,
                    request=h.request)
