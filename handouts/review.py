"""The checks `handouts validate` runs beyond "is the file right": safety and plain language.

Returns warnings (never errors): every standard sheet's conflicts and dose
sanity, every exercise's default dose, and the reading level of every piece of
patient-facing text in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Library
from .errors import Problem, ValidationFailed
from .handout import plan_handout
from .models import Clinic
from .readability import (MAX_GRADE, MAX_SENTENCE_WORDS, avoid_texts, exercise_texts, long_sentences,
                          reading_grade, unexplained_medical_words)
from .safety import dose_warnings, handout_warnings
from .checks import library_findings
from .checks.fearwords import patient_texts


@dataclass(frozen=True)
class Review:
    """What validate found beyond errors: warnings, and each text's reading grade."""

    warnings: list[Problem]
    grades: list[tuple[str, float]]  # (id, Flesch-Kincaid grade) per exercise and avoid item

    @property
    def mean_grade(self) -> float:
        return round(sum(g for _, g in self.grades) / len(self.grades), 1) if self.grades else 0.0

    @property
    def worst(self) -> tuple[str, float]:
        return max(self.grades, key=lambda row: row[1]) if self.grades else ("", 0.0)


@dataclass(frozen=True)
class Checked:
    """What `handouts validate` found: the library read, its review, and the report to print."""

    library: Library
    review: Review

    def report(self, brief: bool = False) -> str:
        from .browse import plural

        library, review = self.library, self.review
        lines = []
        if not brief:
            lines.append("Reading grade (Flesch-Kincaid) of each exercise and avoid item, hardest first:")
            rows = [f"{grade:5.1f}  {item_id:<26}" for item_id, grade in
                    sorted(review.grades, key=lambda row: (-row[1], row[0]))]
            lines += ["".join(rows[start:start + 3]).rstrip() for start in range(0, len(rows), 3)]
        counts = [plural(len(library.files), "file"), plural(len(library.exercises), "exercise"),
                  plural(len(library.avoid), "avoid item"), plural(len(library.conditions), "condition"),
                  plural(len(library.sheets), "standard sheet")]
        if library.clinics:
            counts.append(plural(len(library.clinics), "clinic file"))
        worst_id, worst = review.worst
        lines.append(f"Checked {', '.join(counts)}.")
        lines.append(f"Reading grade (Flesch-Kincaid): mean {review.mean_grade}, hardest {worst} ({worst_id}); "
                     "aim for 6 or lower.")
        return "\n".join(lines)

    @property
    def verdict(self) -> str:
        from .browse import plural

        warnings = self.review.warnings
        return "All good." if not warnings else f"No errors; {plural(len(warnings), 'warning')}."


def validate_files(paths, clinic_file=None, *, settings=None, cache=None) -> Checked:
    """Read the shipped catalogue, these folders and files, and a clinic file; ValidationFailed with every problem."""
    from .catalogue import load_library
    from .clinicfile import exists, load_clinic

    files = [p for p in paths if not exists(p, "folder")]
    folders = [p for p in paths if exists(p, "folder")]
    problems = []
    if clinic_file is not None:
        try:
            load_clinic(clinic_file, settings)
        except ValidationFailed as failed:
            problems += failed.problems
    try:
        library = load_library(folders, files=files, cache=cache)
    except ValidationFailed as failed:
        raise ValidationFailed(problems + failed.problems) from None
    if problems:
        raise ValidationFailed(problems)
    return Checked(library, review_library(library))


def review_library(library: Library) -> Review:
    warnings: list[Problem] = []
    for sheet in library.sheets.values():
        handout = plan_handout(library, clinic=Clinic(), issued="2000-01-01", sheet=sheet.id)
        warnings += handout_warnings(handout)
    for exercise in library.exercises.values():
        warnings += dose_warnings(exercise, exercise.dose, exercise.places.get("dose", exercise.where), "dose")
        if exercise.pose is None and exercise.image is None:
            warnings.append(exercise.where.warning("pose", (
                f"'{exercise.id}' has no picture: a sheet would print it without one; add a `pose:` block "
                "(see `handouts pictures`) or an `image:`")))
    warnings += library_findings(library)
    grades = []
    # Conditions, precautions and sheets are graded too: everything the patient reads.
    others: dict[str, tuple] = {}
    for item, field, text in patient_texts(library):
        if item.id in library.exercises or item.id in library.avoid:
            continue
        others.setdefault(item.id, (item, []))[1].append((field, text))
    for item_id, item, texts in (
        [(e.id, e, exercise_texts(e, library.exercises)) for e in library.exercises.values()]
        + [(a.id, a, avoid_texts(a)) for a in library.avoid.values()]
        + [(item_id, item, texts) for item_id, (item, texts) in others.items()]
    ):
        reading = reading_grade(text for _, text in texts)
        grades.append((item_id, reading.grade))
        if reading.grade > MAX_GRADE:
            warnings.append(item.where.warning("", (
                f"'{item_id}' reads at grade {reading.grade} (Flesch-Kincaid); keep it at {MAX_GRADE} or lower "
                "with shorter words and sentences")))
        for field, text in texts:
            where = getattr(item, "places", {}).get(field, item.where)
            for sentence in long_sentences(text):
                words = len(sentence.split())
                warnings.append(where.warning(field, (
                    f"a sentence of {words} words; keep sentences to {MAX_SENTENCE_WORDS} words or fewer: "
                    f"'{sentence[:60]}…'")))
            for term in unexplained_medical_words(text):
                warnings.append(where.warning(field, (
                    f"'{term}' is a medical word; use plain words, or explain it in brackets right after it")))
    return Review(warnings, grades)
