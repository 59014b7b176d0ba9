"""JSON Schema for every kind of YAML file handouts reads, built from the readers' own rules.

The choices and limits (kinds, positions, dose ranges, sides, paper sizes,
locales, attributes, pose joints and props) are imported from the modules the
readers use, so they cannot drift; the field lists follow reading.py, and a test
feeds every schema field to its reader and checks shipped and broken files
against both. `handouts schema DIR` writes them; the same files ship here, next
to this module, and `tests/test_schema.py` fails if they differ from what this
module builds (refresh: `handouts schema handouts/schema`).

A second copy ships as catalogue/schema/ (handouts/catalogue/schema in the
wheel), so every shipped YAML file can name its schema by a relative path
that works both in the repository and installed: `../schema/KIND.json` from
catalogue/*/, `../catalogue/schema/sheet.json` from templates/ and
`../../catalogue/schema/clinic.json` from templates/clinic/ (refresh:
`handouts schema catalogue/schema`; the same test checks it).

Editors that read `# yaml-language-server: $schema=...` (VS Code with the
Red Hat YAML extension, and others) then check and complete fields as you type.
The schema is a help while typing; `handouts validate` stays the judge (it also
checks ids across files, images, reading grade and pose geometry).
"""

from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
KINDS = ("exercise", "avoid", "condition", "precaution", "sheet", "clinic", "programme")
IMAGE = "\\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg])$"  # ECMA-262 has no (?i): editors use that dialect
NO_CONTROL = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$"  # as fields.py: no control characters
BASE = "https://handouts.invalid/schema/"  # an id only; nothing is ever fetched from it


def schema_path(kind: str) -> Path:
    return FOLDER / f"{kind}.json"


def schema_uri(kind: str) -> str:
    return schema_path(kind).as_uri()


# -- pieces -----------------------------------------------------------------

def _text(max_chars: int = 200, description: str | None = None) -> dict:
    # A reader's text field takes words, and numbers as typed (a phone written 5550142).
    found = {"type": ["string", "number"], "maxLength": max_chars, "minLength": 1, "pattern": NO_CONTROL}
    return {**found, "description": description} if description else found


def _texts(max_items: int = 20, max_chars: int = 200, description: str | None = None) -> dict:
    one = _text(max_chars)
    found = {"anyOf": [one, {"type": "array", "items": one, "maxItems": max_items}]}
    return {**found, "description": description} if description else found


def _choice(choices, description: str | None = None) -> dict:
    found = {"enum": list(choices)}
    return {**found, "description": description} if description else found


def _choices(choices, max_items: int = 12) -> dict:
    one = _choice(choices)
    return {"anyOf": [one, {"type": "array", "items": one, "maxItems": max_items}]}


def _whole(low: int, high: int, description: str | None = None) -> dict:
    found = {"type": "integer", "minimum": low, "maximum": high}
    return {**found, "description": description} if description else found


def _object(properties: dict, required=(), description: str | None = None) -> dict:
    found = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        found["required"] = list(required)
    if description:
        found["description"] = description
    return found


def _id() -> dict:
    from ..reading import ID_PATTERN

    return {"type": "string", "maxLength": 60, "pattern": "^" + ID_PATTERN.pattern.removesuffix("\\Z") + "$",
            "description": "lower-case words joined by hyphens, like glute-bridge"}


def _sources() -> dict:
    source = {"anyOf": [_text(300), _object({"title": _text(300), "cites": _texts(20, 200)}, ["title"])]}
    return {"type": "array", "items": source,
            "description": "where the facts come from: a title, or {title, cites}; "
                           "for condition guidance, 'Title (Body, year)'"}


def _dose() -> dict:
    from ..models import DOSE_LIMITS, SIDES

    properties = {name: _whole(low, high, unit) for name, (low, high, unit) in DOSE_LIMITS.items()}
    properties["side"] = _choice(SIDES)
    return _object(properties, description="how much: every field optional")


def _flag(description: str | None = None) -> dict:
    return {"type": "boolean", **({"description": description} if description else {})}


def _guidance(max_items: int = 14) -> dict:
    return _object({"items": _texts(max_items), "sources": _sources()}, ["items", "sources"])


def _one_or_many(item: dict) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item}]}


# -- kinds ------------------------------------------------------------------

def _pose() -> dict:
    from ..pose import ANGLES, JOINTS, PAIRED, PROPS, VIEWS

    angle = {"type": "number"}
    pair = {"type": "array", "items": angle, "minItems": 2, "maxItems": 2}
    stance = _object({name: ({"anyOf": [angle, pair]} if name in PAIRED else angle) for name in ANGLES})
    return _object({
        "view": _choice(VIEWS), "floor": _flag(), "both_ways": _flag(), "hold": _flag(),
        "from_above": _flag(), "from_behind": _flag(), "start_from_above": _flag(),
        "anchor": _choice(JOINTS),
        "start": stance, "finish": stance, "then": stance,
        "props": _choices(PROPS, 6), "arrows": _choices(JOINTS, 4), "on_floor": _choices(JOINTS, 8),
        "pushes": _choices(JOINTS, 2), "leads": _choices(JOINTS, 2),
    }, ["start", "finish"], "the drawing: start and finish joint angles in degrees")


def exercise() -> dict:
    from ..models import ATTRIBUTES, KINDS as EXERCISE_KINDS, POSITIONS
    from ..reading import MAX_STEPS

    item = _object({
        "id": _id(), "name": _text(60), "kind": _choice(EXERCISE_KINDS), "position": _choice(POSITIONS),
        "body_area": _texts(6, 40), "equipment": _texts(6, 40), "tags": _texts(12, 40),
        "summary": _text(160, "one short sentence on why it helps"),
        "steps": _texts(MAX_STEPS, 220, "numbered steps, the starting position first"),
        "dose": _dose(), "cautions": _texts(6, 200), "easier": _texts(3, 200), "harder": _texts(3, 200),
        "loads": _texts(12, 40), "sources": _sources(),
        "video_url": {"type": "string", "pattern": "^https?://[^\\s<>\"]+$", "maxLength": 200},
        "image": {"type": "string", "pattern": IMAGE}, "image_credit": _text(120),
        "pose": _pose(), "replaces": _flag("true to replace an exercise with the same id on purpose"),
        "nickname": _text(160), "how_to": _text(200), "attributes": _choices(ATTRIBUTES), "support": _text(120),
        "picture_text": _text(300, "what the picture shows, in plain words: read out by the HTML version "
                                   "(required with a pose or image)"),
    }, ["id", "name", "kind", "position", "body_area", "equipment", "summary", "steps", "dose", "sources"])
    return _one_or_many(item)


def avoid() -> dict:
    item = _object({"id": _id(), "name": _text(80), "reason": _text(200), "loads": _texts(12, 40),
                    "sources": _sources(), "replaces": _flag(), "safe_again": _text(160)},
                   ["id", "name", "reason", "loads", "sources"])
    return _one_or_many(item)


def condition() -> dict:
    from ..models import ADVICE_WHEN, ATTRIBUTES, DIAGRAMS, KINDS as EXERCISE_KINDS, RED_FLAG_TIERS

    advice = {"anyOf": [_text(), _object({"text": _text(), "when": _choices(ADVICE_WHEN, 8)},
                                         ["text"])]}
    item = _object({
        "id": _id(), "name": _text(80), "about": _text(600),
        "diagram": _choice(DIAGRAMS, "a small drawing printed beside `about`"),
        "before_you_start": {"type": "array", "items": advice},
        "red_flags": _object({tier: _guidance() for tier in RED_FLAG_TIERS}, RED_FLAG_TIERS),
        "call_clinician_if": _texts(8), "emergency_signs": _texts(8),
        "pain_guide": _object({"green": _text(200), "amber": _text(200), "red": _text(200), "sources": _sources()},
                              ["green", "amber", "red", "sources"]),
        "ask_before": _guidance(1), "stop_signs": _guidance(), "avoid": _texts(30, 60),
        "sources": _sources(), "replaces": _flag(),
    }, ["id", "name", "about", "before_you_start", "sources"])
    item["anyOf"] = [{"required": ["red_flags"]}, {"required": ["call_clinician_if"]}]
    return _one_or_many(item)


def precaution() -> dict:
    from ..models import ATTRIBUTES

    item = _object({
        "id": _id(), "name": _text(80), "title": _text(60), "rules_out": _choices(ATTRIBUTES),
        "changes": _object({attribute: _text(200) for attribute in ATTRIBUTES}),
        "advice": _texts(6), "stop_signs": _texts(10), "sources": _sources(), "replaces": _flag(),
    }, ["id", "name", "title", "advice", "sources"])
    return _one_or_many(item)


def sheet() -> dict:
    entry = {"anyOf": [_text(60), _object({
        "id": _text(60), "dose": _dose(), "note": _text(200),
        "acknowledge": {"type": "object", "additionalProperties": _text(160),
                        "description": "do-not-do id: the limit that makes this exercise safe, printed"},
    }, ["id"])]}
    item = _object({
        "id": _id(), "title": _text(80), "condition": _text(60), "intro": _text(400),
        "exercises": {"type": "array", "items": entry, "minItems": 1}, "avoid": _texts(30, 60),
        "log_weeks": _whole(0, 12, "weeks"), "how_often": _text(120), "note": _text(600), "pick_one": _flag(),
        "replaces": _flag(), "next_step": _text(300),
    }, ["id", "title", "condition", "intro", "exercises"])
    return _one_or_many(item)


def clinic() -> dict:
    from ..locale import LOCALES
    from ..models import PAGE_SIZES

    colour = {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}
    return _object({
        "name": _text(80), "logo": {"type": "string", "pattern": IMAGE},
        "address": _text(160), "phone": _text(40), "out_of_hours": _text(120), "web": _text(80),
        "email": _text(80),
        "colours": _object({"brand": colour, "accent": colour}), "page_size": _choice(PAGE_SIZES),
        "locale": _choice(LOCALES),
        "emergency_number": {"anyOf": [{"type": "string", "pattern": "^[0-9]{2,6}$"},
                                       {"type": "integer", "minimum": 10, "maximum": 999999}]},
        "privacy": _object({"names_in_files": _flag("false: patient names stay out of file names, "
                                                     "PDF details and batch manifests")}),
        "font": {"type": "string", "pattern": "(?i)\\.(ttf|ttc)$",
                 "description": "a TrueType font for letters the sheet's fonts lack, such as Chinese"},
        "pdfa": _flag("true: every PDF is PDF/A-2b, for a records system"),
        "programmes": _text(300, "the folder where saved programmes go, relative to this file "
                                 "(default: programmes in the settings folder)"),
    }, ["name"])


def programme() -> dict:
    from ..handout import TEXT_LIMITS
    from ..models import PAGE_SIZES
    from ..models import PRINT_STYLES

    return _object({
        "patient": _text(TEXT_LIMITS["patient"]), "clinician": _text(TEXT_LIMITS["clinician"]),
        "sheet": _text(60), "add": _texts(30, 60), "drop": _texts(30, 60),
        "doses": {"type": "object", "additionalProperties": _dose(),
                  "description": "exercise id: the dose changes for this patient"},
        "note": _text(TEXT_LIMITS["note"]), "log_weeks": _whole(0, 12, "weeks"),
        "page_size": _choice(PAGE_SIZES), "print_style": _choice(PRINT_STYLES),
        "precautions": _texts(10, 60), "condition": _text(60),
        "saved": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    })


_TITLES = {"exercise": "handouts exercise file", "avoid": "handouts avoid list", "condition": "handouts condition",
           "precaution": "handouts precaution", "sheet": "handouts standard sheet", "clinic": "handouts clinic file",
           "programme": "handouts saved programme"}


def build(kind: str) -> dict:
    body = globals()[kind]()
    if kind == "programme":
        body["anyOf"] = [{"required": ["sheet"]}, {"required": ["add"]}]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{BASE}{kind}.json",
            "title": _TITLES[kind], **body}


def schema_texts() -> dict[str, str]:
    """{'exercise.json': text, ...}: every schema, as written to disk."""
    return {f"{kind}.json": json.dumps(build(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS}


def write_schemas(folder: Path) -> list[Path]:
    from ..output import write_atomically

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        write_atomically(folder / name, text.encode())
        written.append(folder / name)
    return written
