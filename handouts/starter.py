"""Starting files for a new clinic: a clinic file to fill in, and a catalogue folder with examples.

`handouts init clinic` and `handouts init catalogue` call these. Everything
written is checked by the same readers as `handouts validate` before it is
written, and nothing existing is replaced without force.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import HandoutsError, ValidationFailed

EXAMPLES = Path(__file__).resolve().parent / "starter"  # the example catalogue folder, copied by init catalogue
CLINIC_FIELDS = ("name", "phone", "address", "web", "email", "logo", "colour", "page_size", "locale",
                 "emergency_number")


QUESTIONS = (  # (detail, question) asked in this order by `init clinic` on a terminal
    ("name", "Clinic name"), ("phone", "Phone number patients call"), ("address", "Address"),
    ("web", "Web site"), ("logo", "Logo file (PNG or JPEG)"), ("colour", "Brand colour (like #1F5C8B)"),
    ("page_size", "Paper size (letter or a4)"), ("locale", "Spelling and dates (en-US or en-GB)"),
)


def check_answer(key: str, value: str) -> tuple[str | None, str | None]:
    """(the value as it is written, None) or (None, what is wrong) for one clinic detail."""
    from .imagefile import image_problem
    from .locale import LOCALES
    from .models import PAGE_SIZES
    from .reading import COLOUR_PATTERN, IMAGE_SUFFIXES

    if key == "colour":
        if not COLOUR_PATTERN.match(value):
            return None, f"'{value}' is not a colour; write it as # and six hex digits, like '#1F5C8B'"
        return value.upper(), None
    if key == "logo":
        path = Path(value)
        if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
            return None, f"'{value}' must be a PNG or JPEG file that exists"
        problem = image_problem(path)
        return (None, f"'{value}' {problem}") if problem else (value, None)
    choices = {"page_size": PAGE_SIZES, "locale": LOCALES}.get(key)
    if choices:
        found = [c for c in choices if c.lower() == value.lower()]
        return (found[0], None) if found else (None, f"'{value}': use one of {', '.join(choices)}")
    return value, None


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def clinic_text(values: dict, schema_uri: str | None = None) -> str:
    """A commented clinic file: given values set, the rest as commented examples to fill in later."""

    def line(key: str, example: str, note: str, value=None) -> str:
        value = values.get(key) if value is None else value
        text = f"{key}: {_quoted(value) if value else example}"
        return f"{'' if value else '# '}{text:<40} # {note}"

    lines = [f"# yaml-language-server: $schema={schema_uri}"] if schema_uri else []
    lines += [
        "# Your clinic file: printed on every sheet. Check it with: handouts validate --clinic THIS-FILE",
        "# A line starting with # is a note; remove the # to use that line.",
        line("name", "Your clinic's name", "printed at the top of every sheet"),
        line("phone", "\"555-0142\"", "on every page; without it a sheet leaves a line to write it in"),
        line("address", "12 River Road, Springfield", "printed under the name"),
        line("web", "riverbend-physio.example", "printed under the name"),
        line("email", "desk@riverbend-physio.example", "printed under the name"),
        line("logo", "logo.png", "PNG or JPEG; a plain name is looked for next to this file"),
        "colours:" if values.get("colour") else "# colours:",
        f"{'' if values.get('colour') else '# '}  brand: {_quoted(values.get('colour') or '#1F5C8B'):<31}"
        " # headings and the top band; darkened if too light to read",
        "#   accent: \"#E8F0F7\"                    # light boxes behind text; lightened if too dark",
        line("page_size", "letter", "letter or a4"),
        line("locale", "en-US", "en-US or en-GB: spelling and dates (default: from the paper size)"),
        line("emergency_number", "\"911\"", "default: 911 for en-US, 999 for en-GB"),
        "privacy:",
        f"  names_in_files: {'false' if values.get('private') else 'true':<23}"
        " # false: patient names stay out of file names, PDF details and batch lists",
    ]
    return "\n".join(lines) + "\n"


def check_clinic_text(text: str, path: Path) -> None:
    """Raise ValidationFailed (with lines of the file to be written) unless the text is a valid clinic file."""
    from .reading import read_clinic
    from .yamlfile import parse_yaml

    data = parse_yaml(text, str(path))
    _, problems = read_clinic(data, data.where, path.parent)
    if problems:
        raise ValidationFailed(problems)


def write_clinic_file(path: Path, values: dict, *, force: bool = False, schema_uri: str | None = None) -> Path:
    from .output import write_atomically

    path = Path(path)
    if path.exists() and not force:
        raise HandoutsError(f"{path}: already exists; edit it, or add --force to start it again")
    logo = values.get("logo")
    if logo:  # given relative to where the command runs; the file reads it relative to itself
        found = Path(logo).resolve()
        values = {**values, "logo": found.name if found.parent == path.parent.resolve() else str(found)}
    text = clinic_text(values, schema_uri)
    check_clinic_text(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))
    return path


def example_files() -> list[Path]:
    """The example files, relative to the example folder."""
    return sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def write_catalogue(folder: Path, schemas: dict[str, str], *, force: bool = False) -> list[Path]:
    """The example catalogue (and `schema/*.json`) in folder; refuses to replace a file without force."""
    from .output import write_atomically

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise HandoutsError(f"{folder}: is a file; give a folder name")
    planned = {folder / rel: (EXAMPLES / rel).read_bytes() for rel in example_files()}
    planned.update({folder / "schema" / name: text.encode() for name, text in schemas.items()})
    existing = [p for p in planned if p.exists()]
    if existing and not force:
        raise HandoutsError(f"{existing[0]}: already exists; choose a new folder, or add --force to replace "
                            f"the {len(existing)} example file{'s' if len(existing) != 1 else ''}")
    for path, data in planned.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    return sorted(planned)

