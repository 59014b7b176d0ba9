"""Issuing one patient's sheet (`handouts build`): plan it, check where it goes, draw it, save it.

The steps keep the promises the README makes: every warning is said before
anything is drawn; a file that is not this tool's, or another patient's, or a
different sheet, is never replaced without --force (the same bytes: "Unchanged");
the PDF and the HTML are both made before either is written; the programme is
saved and the sheet opened or printed only once it is on disk. Each line for
the clinician goes through `tell`, so the command line prints it and a test reads it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

from .browse import plural


@dataclass(frozen=True)
class Delivery:
    """Where and how one sheet goes, as the clinician asked."""

    output: Path | None = None  # None: a name made from the sheet, patient and date; '-': standard output
    formats: tuple[str, ...] = ("pdf",)
    card: str = "none"  # "none", "add" (a one-page card after the sheet) or "only"
    force: bool = False
    strict: bool = False
    save: str | None = None  # also save the request as this programme
    open_after: bool = False
    print_after: bool = False
    printer: str | None = None
    copies: int = 1

    @property
    def to_stdout(self) -> bool:
        return self.output is not None and str(self.output) == "-"


def build_sheet(place, visit: dict, issued: str, delivery: Delivery, tell, *, pdfa: bool = False,
                font=None) -> dict[str, Path]:
    """`handouts build`: this visit's request (visit_request's choices) issued from the desk's catalogue and
    clinic file (desk.py), with --pdfa and --font on top."""
    library, clinic = place.library(), place.clinic(pdfa, font)
    request = visit_request(library, place.settings, clinic, **visit)
    return issue(library, clinic, request, issued, delivery, place.settings, tell)


def visit_request(library, settings: Path, clinic, *, programme=None, from_pdf=None, sheet=None, add=(), drop=(), doses=(),
                  **given):
    """The one request: a saved programme (or a PDF's own) changed by this visit's choices, or the choices alone.

    `given` holds the patient, clinician, note and the rest; None means "not given".
    A SHEET that is a .yaml path is a saved programme (`handouts build maria.yaml`).
    """
    from .programmes import Programme, is_path, load_programme, path_for, request_from_pdf

    if from_pdf is not None:
        saved = request_from_pdf(from_pdf, library)
        return saved.changed(sheet=sheet, add=add, drop=drop, doses=doses, **given)
    if programme is None and sheet and is_path(sheet):
        programme, sheet = sheet, None
    if programme is None:
        return Programme(sheet=sheet, add=add, drop=drop, doses=doses,
                         **{k: v for k, v in given.items() if v is not None})
    saved = load_programme(path_for(programme, settings, clinic), library)
    return saved.changed(sheet=sheet, add=add, drop=drop, doses=doses, **given)


def made_here(kind: str, patient: str | None):
    """How an existing file is known as this tool's, for this patient: None for a PDF (output.py's own test)."""
    if kind == "pdf":
        return None
    from .render.html import html_made_here

    return lambda path: html_made_here(path, patient)


def issue(library, clinic, request, issued: str, delivery: Delivery, settings: Path, tell) -> dict[str, Path]:
    """Plan, check, draw and save one sheet; returns where each kind of file went ({} for standard output)."""
    from .cautions import hold_back
    from .handout import plan
    from .output import check_target, holds_same, sheet_targets, write_output, write_stdout
    from .privacy import patient_label
    from .safety import clinic_warnings

    planned = plan(library, request, clinic=clinic, issued=issued)
    handout = planned.handout
    hold_back(planned.problems, delivery.strict, tell)
    patient = patient_label(clinic, request.patient)  # from here on, the name as files may hold it
    force = delivery.force
    targets = sheet_targets(handout, delivery.output, delivery.formats, patient=patient)
    if not delivery.to_stdout:  # said before the sheet is drawn, not after
        for kind, path in targets.items():
            check_target(path, force=force, patient=patient, made_here=made_here(kind, patient))
    if delivery.save:
        from .programmes import check_save, path_for

        check_save(path_for(delivery.save, settings, clinic), request, force=force)
    for warning in clinic_warnings(clinic):
        tell(warning)
    made = _draw(handout, targets, delivery.card, clinic.pdfa, tell)  # both before either is written
    if delivery.to_stdout:
        write_stdout(next(iter(made.values()))[0])
        save_programme(delivery.save, request, force, settings, clinic, tell)
        return {}
    same = {kind: holds_same(path, made[kind][0], force=force) for kind, path in targets.items()}  # before any write
    for kind, path in targets.items():
        data, pages = made[kind]
        if same[kind]:
            tell(f"Unchanged {path} (it already holds this sheet, {handout.sheet_id})")
            continue
        write_output(path, data, force=force, patient=patient, made_here=made_here(kind, patient))
        tell(f"Saved {path} ({pages}sheet {handout.sheet_id})")
    save_programme(delivery.save, request, force, settings, clinic, tell)
    if "pdf" in targets:
        hand_over(targets["pdf"], delivery, tell)
    return targets


def _draw(handout, targets, card: str, pdfa: bool, tell) -> dict[str, tuple[bytes, str]]:
    """Each kind of file's bytes, and the page count said when it is saved ('' for a web page)."""
    made = {}
    if "pdf" in targets:
        from .render.pdf import render_handout

        sheet_pdf = render_handout(handout, card=card, pdfa=pdfa)
        for warning in sheet_pdf.warnings:
            tell(warning)
        made["pdf"] = (sheet_pdf.pdf, f"{plural(sheet_pdf.pages, 'page')}, ")
    if "html" in targets:
        from .render.html import render_html

        made["html"] = (render_html(handout), "")
    return made


def save_programme(name: str | None, request, force: bool, settings: Path, clinic, tell) -> None:
    """`--save NAME`: the request as a programme, dated today, with how to build it at the next visit."""
    if not name:
        return
    from .programmes import path_for, save_programme as write_programme
    from .schema import schema_uri

    path = path_for(name, settings, clinic)
    again = name if name.endswith((".yaml", ".yml")) else path.stem
    write_programme(path, replace(request, saved=datetime.date.today().isoformat()), force=force,
                    schema_uri=schema_uri("programme"), name=again)
    tell(f"Saved programme {path} (next visit: handouts build --programme {again})")


def hand_over(target: Path, delivery: Delivery, tell) -> None:
    """--print and --open, once the file is saved."""
    from .launch import open_file, print_file

    printer, copies = delivery.printer, delivery.copies
    if delivery.print_after:
        print_file(target.resolve(), printer=printer, copies=copies)
        tell(f"Sent {target} to the printer{f' {printer}' if printer else ''}"
             f"{f' ({copies} copies)' if copies != 1 else ''}")
    if delivery.open_after:
        open_file(target.resolve())
