"""Saved programmes: one patient's request, kept so the next visit rebuilds it in one command.

A programme is a small YAML file in the clinic's programmes folder (`NAME.yaml`
in the clinic file's `programmes:` folder, else in `programmes/` of the
settings folder) or anywhere the clinician names (a path ending in .yaml). It holds the request,
never the PDF: the sheet, exercises added and dropped, dose changes, the
patient, clinician, note, weeks of log, paper, print style and precautions.
The date is not kept: a rebuilt sheet carries today's date unless one is given.
It is read by the same strict loader and field readers as every other file, so
a mistake is reported as file:line:column: field: what is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import HandoutsError, Problem, ValidationFailed
from .fields import Fields, check_date
from .models import PAGE_SIZES, PRINT_STYLES, Dose
from .reading import read_dose
from .request import TEXT_LIMITS, Request
from .yamlfile import Where, read_yaml

FOLDER = "programmes"  # inside the settings folder, unless the clinic file names another
SCHEMA = "programme.json"


# A saved programme is the request itself (request.py), kept in a file.
Programme = Request


def folder(settings: Path, clinic) -> Path:
    """THE rule for where saved programmes live: the clinic file's `programmes:`, else programmes/ in settings."""
    chosen = getattr(clinic, "programmes", None)
    return Path(chosen) if chosen is not None else Path(settings) / FOLDER


def is_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or os.sep in name


def path_for(name: str, settings: Path, clinic) -> Path:
    """A path as given, or NAME.yaml in the programmes folder ('María Gómez' -> maria-gomez.yaml)."""
    from .output import slug

    if is_path(name):
        return Path(name)
    stem = slug(name)
    if not stem:
        raise HandoutsError(f"'{name}' cannot be a programme name; use letters and digits, like maria-gomez")
    return folder(settings, clinic) / f"{stem}.yaml"


def read_programme(data, where: Where) -> tuple[Programme | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    values = dict(
        patient=f.text("patient", max_chars=TEXT_LIMITS["patient"]),
        sheet=f.text("sheet", max_chars=60),
        add=f.texts("add", max_items=30, max_chars=60),
        drop=f.texts("drop", max_items=30, max_chars=60),
        clinician=f.text("clinician", max_chars=TEXT_LIMITS["clinician"]),
        note=f.text("note", max_chars=TEXT_LIMITS["note"]),
        log_weeks=f.whole("log_weeks", 0, 12, unit="weeks"),
        page_size=f.choice("page_size", PAGE_SIZES),
        print_style=f.choice("print_style", PRINT_STYLES),
        precautions=f.texts("precautions", max_items=10, max_chars=60),
        condition=f.text("condition", max_chars=60),
    )
    doses, dose_places = [], {}
    blocks = f.mapping("doses")
    if blocks is not None:
        for exercise_id in list(blocks.data):
            dose = read_dose(blocks.mapping(exercise_id))
            doses += [(exercise_id, name.name, getattr(dose, name.name)) for name in fields(Dose)
                      if getattr(dose, name.name) is not None]
            dose_places[f"doses.{exercise_id}"] = blocks.data.key_where.get(exercise_id, blocks.where)
    saved = f.text("saved", max_chars=10)
    if saved is not None and check_date(saved) is None:
        f.report("saved", f"'{saved}' is not a date; write it as YYYY-MM-DD")
    f.finish()
    if not values["sheet"] and not values["add"] and not problems:
        f.report("sheet", "missing; a programme needs a standard sheet or exercises under `add:`", where)
    if problems:
        return None, problems
    return Programme(doses=tuple(doses), saved=saved, where=where, places={**f.places(), **dose_places},
                     **values), problems


def check_ids(programme: Programme, library) -> list[Problem]:
    """Every id the programme names must exist (planning's own check), each problem at its own line."""
    from .handout import check_choices
    from .request import BadChoice

    try:
        check_choices(library, programme)
    except BadChoice as failed:
        where = programme.where or Where("programme", 0, 0)
        return [programme.places.get(p.key, where).problem(p.key or p.field, p.message) for p in failed.problems]
    return []


def load_programme(path: Path, library=None) -> Programme:
    """The programme in a file, or ValidationFailed listing every problem."""
    label = str(path)
    if not Path(path).exists():
        raise HandoutsError(f"{label}: no saved programme here; `handouts programmes` lists them")
    return _checked(read_yaml(Path(path), label), label, library)


def programme_text(programme: Programme, schema_uri: str | None = None, name: str = "NAME",
                   comment: str | None = None) -> str:
    """The file a programme is saved as: commented, in the order a clinician reads it."""
    import yaml

    data = {}
    for key in ("patient", "clinician", "sheet", "add", "drop"):
        value = getattr(programme, key)
        if value:
            data[key] = list(value) if isinstance(value, tuple) else value
    doses: dict = {}
    order = [f.name for f in fields(Dose)]  # the order a file is read back in, so a rebuild gives the same bytes
    for exercise_id, dose_field, value in sorted(programme.doses, key=lambda d: order.index(d[1])):
        doses.setdefault(exercise_id, {})[dose_field] = value
    if doses:
        data["doses"] = doses
    for key in ("note", "log_weeks", "page_size", "print_style", "precautions", "condition", "saved"):
        value = getattr(programme, key)
        if value is not None and value != ():
            data[key] = list(value) if isinstance(value, tuple) else value
    head = [f"# yaml-language-server: $schema={schema_uri}"] if schema_uri else []
    head.append(comment or f"# A saved programme. Build it again with: handouts build --programme {name}")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    return "\n".join(head) + "\n" + body


ATTACHMENT = "request.yaml"  # the name of the request inside every PDF
ATTACHMENT_COMMENT = "# The request this sheet was built from. Issue it again with: handouts build --from FILE.pdf"


def request_text(clinic, **request) -> str:
    """The request inside a PDF: a saved programme's YAML, with no date, so the same sheet gives the same bytes.

    With the clinic's `names_in_files: false` the patient's name is left out
    (it stays on the printed page only); `build --from` then needs --patient.
    """
    if not getattr(clinic, "names_in_files", True):
        request["patient"] = None
    values = {k: v for k, v in request.items() if v is not None and v != ()}
    return programme_text(Programme(**values), comment=ATTACHMENT_COMMENT)


def request_from_pdf(path: Path, library=None) -> Programme:
    """The request carried inside a PDF handouts made, read and checked like a saved programme."""
    import io

    path = Path(path)
    if not path.is_file():
        raise HandoutsError(f"{path}: no such file")
    data = path.read_bytes()
    if not data.lstrip()[:5] == b"%PDF-":
        raise HandoutsError(f"{path}: not a PDF; --from takes a sheet handouts made")
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as doc:
            text = None
            if ATTACHMENT in doc.attachments:
                text = doc.attachments[ATTACHMENT].get_file().read_bytes()
            else:  # a PDF/A sheet keeps it in the XMP as dc:source (see render/pdfa.py)
                source = doc.open_metadata().get("dc:source")
                if source and source.startswith(ATTACHMENT_COMMENT):
                    text = source.encode("utf-8")
    except pikepdf.PdfError:
        raise HandoutsError(f"{path}: cannot be read as a PDF (damaged or cut short?)") from None
    if text is None:
        raise HandoutsError(f"{path}: holds no request (no {ATTACHMENT} inside); only sheets made by this "
                            "version of handouts can be issued again with --from")
    label = f"{path}:{ATTACHMENT}"
    try:
        parsed = read_yaml_text(text.decode("utf-8"), label)
    except UnicodeDecodeError:
        raise HandoutsError(f"{label}: is not UTF-8 text") from None
    return _checked(parsed, label, library)


def _checked(data, label: str, library) -> Programme:
    """A programme read from parsed YAML (a file or a PDF's embedded request), ids checked, or ValidationFailed."""
    programme, problems = read_programme(data, data.where if hasattr(data, "where") else Where(label, 1, 1))
    if programme is not None and library is not None:
        problems += check_ids(programme, library)
    if problems:
        raise ValidationFailed(problems)
    return programme


def check_save(path: Path, programme: Programme, *, force: bool = False) -> None:
    """Raise unless the programme may be saved at path: new, or this patient's programme, or --force."""
    path = Path(path)
    if path.is_dir():
        raise HandoutsError(f"{path}: is a folder; give a programme name or a file name ending in .yaml")
    if path.exists() and not force:
        try:
            old = load_programme(path)
        except HandoutsError:
            raise HandoutsError(f"{path}: already exists and is not a saved programme; "
                                "choose another name, or add --force to replace it") from None
        if old.patient != programme.patient:
            raise HandoutsError(f"{path}: holds the programme of a different patient; "
                                "choose another name, or add --force to replace it")


def save_programme(path: Path, programme: Programme, *, force: bool = False, schema_uri: str | None = None,
                   name: str = "NAME") -> Path:
    """Write the programme; an existing file is replaced only if it is this patient's programme (or --force)."""
    from .output import write_atomically

    path = Path(path)
    check_save(path, programme, force=force)
    text = programme_text(programme, schema_uri, name)
    data = read_yaml_text(text, str(path))  # what is written must read back as it was meant
    if read_programme(data, data.where)[1]:
        raise HandoutsError(f"{path}: the programme could not be saved in a form that reads back; nothing written")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))
    return path


def read_yaml_text(text: str, label: str):
    from .yamlfile import parse_yaml

    return parse_yaml(text, label)


@dataclass(frozen=True)
class Listed:
    name: str
    path: Path
    programme: Programme | None
    problem: str | None = None


def list_programmes(settings: Path, clinic, library=None) -> list[Listed]:
    """Every saved programme in the programmes folder, by name; a broken file is listed with its first problem."""
    found = []
    where = folder(settings, clinic)
    if not where.is_dir():
        return []
    for path in sorted(where.glob("*.yaml")):
        try:
            found.append(Listed(path.stem, path, load_programme(path, library)))
        except ValidationFailed as failed:
            found.append(Listed(path.stem, path, None, str(failed.problems[0])))
        except HandoutsError as exc:
            found.append(Listed(path.stem, path, None, str(exc)))
    return found


def describe(listed: Listed) -> str:
    """One line for `handouts programmes`."""
    p = listed.programme
    if p is None:
        return f"{listed.name:<24} (cannot be read: {listed.problem})"
    what = p.sheet or "own choice"
    extras = [f"{_count(len(p.add), 'exercise')} added" if p.add else "",
              f"{len(p.drop)} dropped" if p.drop else "",
              _count(len(dict.fromkeys(d[0] for d in p.doses)), "dose change") if p.doses else ""]
    detail = ", ".join(x for x in extras if x)
    return (f"{listed.name:<24} {p.patient or '(no patient)':<24} {what}{f' ({detail})' if detail else ''}"
            f"{f'  saved {p.saved}' if p.saved else ''}")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def saved_text(name: str, settings: Path, clinic, library=None) -> str:
    """`handouts programmes NAME`: the file as saved, once it reads (a broken one is reported with its lines)."""
    path = path_for(name, settings, clinic)
    load_programme(path, library)
    return path.read_text(encoding="utf-8").rstrip()


def listing(settings: Path, clinic, library=None) -> str:
    """`handouts programmes`: one line per saved programme, or where they will go and how to save one."""
    found = list_programmes(settings, clinic, library)
    if not found:
        return (f"No saved programmes yet (they go in {folder(settings, clinic)}).\n"
                "Save one with: handouts build SHEET --patient NAME --save NAME")
    return "\n".join([f"Saved programmes in {folder(settings, clinic)}:", *(describe(listed) for listed in found)])
