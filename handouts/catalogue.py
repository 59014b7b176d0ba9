"""Find, read and cross-check every catalogue and sheet file in use.

The shipped catalogue and standard sheets come first; a clinic's own folders
are added after them. A clinic's entry may replace a shipped one only when it
says `replaces: true`; any other repeated id is an error naming both places.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FOLLOWS, Problem, ValidationFailed, did_you_mean
from .models import ID_PATTERN, AvoidItem, Clinic, Condition, Exercise, Precaution, SheetTemplate
from .parsecache import Unpacking
from .yamlfile import Mapping, Sequence, Where, read_yaml

PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # In a wheel the data sits inside the package; in a source checkout
    # (and an editable install) it sits beside it.
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


SHIPPED_CATALOGUE = _shipped("catalogue")
SHIPPED_TEMPLATES = _shipped("templates")
EXAMPLE_CLINIC = SHIPPED_TEMPLATES / "clinic" / "example-clinic.yaml"

# Folder names that say what the YAML files inside them are.
FOLDER_KINDS = {
    "exercises": "exercise",
    "avoid": "avoid",
    "conditions": "condition",
    "precautions": "precaution",
    "templates": "sheet",
    "sheets": "sheet",
    "clinic": "clinic",
}
KIND_WORDS = {
    "exercise": "exercise",
    "avoid": "avoid item",
    "condition": "condition",
    "precaution": "precaution",
    "sheet": "standard sheet",
}


@dataclass
class Library:
    """Everything a sheet can be built from, keyed by id, in file order."""

    exercises: dict[str, Exercise] = field(default_factory=Unpacking)  # from the cache, packed till used
    avoid: dict[str, AvoidItem] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    sheets: dict[str, SheetTemplate] = field(default_factory=dict)
    precautions: dict[str, Precaution] = field(default_factory=dict)
    clinics: dict[str, Clinic] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # Ids of items whose file failed to load, by kind: a sheet naming one says so instead of "unknown".
    broken: dict[str, set[str]] = field(default_factory=dict)

    def table(self, kind: str) -> dict:
        return {"exercise": self.exercises, "avoid": self.avoid,
                "condition": self.conditions, "sheet": self.sheets, "precaution": self.precautions}[kind]

    def find(self, item_id: str):
        """(kind, item) for any id, or raise with a did-you-mean over all ids."""
        for kind in ("exercise", "sheet", "avoid", "condition", "precaution"):
            if item_id in self.table(kind):
                return kind, self.table(kind)[item_id]
        every = [*self.exercises, *self.sheets, *self.avoid, *self.conditions, *self.precautions]
        raise ValidationFailed([Problem("", 0, 0, "", f"no exercise, sheet, avoid item, condition or precaution "
                                                      f"'{item_id}'{did_you_mean(item_id, every)}")])


MAX_FILES = 2000  # YAML files below one catalogue folder: far more than any clinic writes
MAX_FOLDER_DEPTH = 12


def yaml_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every YAML file below a folder, in a stable order.

    A folder or entry that cannot be read is a problem, never skipped in
    silence (it would leave its exercises "unknown" later). Symbolic links to
    folders are followed once; a loop, too deep a tree or too many files is a
    problem too. Without `problems`, the first one raises.
    """
    found: list[Path] = []
    own = [] if problems is None else problems
    seen: set[tuple[int, int]] = set()
    stack = [(Path(folder), 0)]
    while stack:
        here, depth = stack.pop()
        try:
            status = here.stat()
            if (status.st_dev, status.st_ino) in seen:
                continue  # reached again through a link
            seen.add((status.st_dev, status.st_ino))
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            own.append(Problem(str(here), 0, 0, "", f"the folder cannot be read ({exc.strerror}); "
                               "fix its permissions or leave it out"))
            continue
        for entry in entries:
            path = here / entry.name
            try:
                is_dir = entry.is_dir()
                is_yaml = path.suffix in (".yaml", ".yml")
                if is_yaml and not is_dir:
                    if not entry.is_file():
                        own.append(Problem(str(path), 0, 0, "", "is not a plain file (a device, pipe or broken "
                                           "link); remove it or replace it with a file"))
                        continue
                    found.append(path)
                elif is_dir:
                    if depth + 1 > MAX_FOLDER_DEPTH:
                        own.append(Problem(str(path), 0, 0, "", f"is more than {MAX_FOLDER_DEPTH} folders deep "
                                           "inside the catalogue; move its files up"))
                        continue
                    stack.append((path, depth + 1))
            except OSError as exc:
                own.append(Problem(str(path), 0, 0, "", f"cannot be read ({exc.strerror})"))
        if len(found) > MAX_FILES:
            own.append(Problem(str(folder), 0, 0, "", f"holds more than {MAX_FILES} YAML files; "
                               "is this the right folder?"))
            break
    if problems is None and own:
        raise ValidationFailed(own)
    return sorted(found)


def guess_kind(path: Path, data) -> str | None:
    """What a file holds: from its folder's name, else from its fields."""
    for parent in path.parents:
        if parent.name in FOLDER_KINDS:
            return FOLDER_KINDS[parent.name]
    first = data[0] if isinstance(data, Sequence) and data else data
    if not isinstance(first, Mapping):
        return None
    if "steps" in first:
        return "exercise"
    if "exercises" in first:
        return "sheet"
    if "call_clinician_if" in first or "before_you_start" in first:
        return "condition"
    if "rules_out" in first or "stop_signs" in first and "title" in first:
        return "precaution"
    if "reason" in first:
        return "avoid"
    if {"phone", "logo", "colours", "address"} & set(first):
        return "clinic"
    return None


def read_file(path: Path, kind: str | None = None):
    """(kind, [models], [problems]) for one YAML file holding one item or a list of them."""
    # Imported here: a command whose files all come from the parsed-catalogue cache never needs the readers.
    from .reading import (read_avoid_item, read_clinic, read_condition, read_exercise, read_precaution,
                          read_sheet)

    label = str(path)
    try:
        data = read_yaml(path, label)
    except ValidationFailed as failed:
        return kind, [], failed.problems
    kind = kind or guess_kind(path, data)
    if kind is None:
        return None, [], [Problem(label, 1, 1, "", "cannot tell what this file is; put it in a folder named "
                                  "exercises, avoid, conditions, precautions, templates or clinic")]
    items = data if isinstance(data, Sequence) and kind != "clinic" else [data]
    wheres = data.item_where if isinstance(data, Sequence) and kind != "clinic" else [data.where]
    models, problems = [], []
    for item, where in zip(items, wheres):
        if kind == "exercise":
            model, found = read_exercise(item, where, path.parent)
        elif kind == "avoid":
            model, found = read_avoid_item(item, where)
        elif kind == "condition":
            model, found = read_condition(item, where)
        elif kind == "sheet":
            model, found = read_sheet(item, where)
        elif kind == "precaution":
            model, found = read_precaution(item, where)
        else:
            model, found = read_clinic(item, where, path.parent)
        problems.extend(found)
        if model is not None:
            models.append(model)
    return kind, models, problems


def load_library(folders: list[Path] = (), *, files: list[Path] = (), shipped: bool = True,
                 cache: Path | None = None) -> Library:
    """Read the shipped data, then each extra folder and file; raise on any problem.

    With `cache` (a folder, the CLI passes the user's cache folder), files
    unchanged since they were last read are taken from there (parsecache.py).
    """
    library, problems = Library(), []
    groups = [[SHIPPED_CATALOGUE, SHIPPED_TEMPLATES]] if shipped else []
    groups += [[Path(folder)] for folder in folders]
    groups += [[Path(file)] for file in files]
    seen: set = set()
    for number, group in enumerate(groups):
        for root in group:
            try:
                status = root.stat()
            except FileNotFoundError:
                problems.append(Problem(str(root), 0, 0, "", "no such file or folder"))
                continue
            except OSError as exc:
                problems.append(Problem(str(root), 0, 0, "", f"cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISDIR(status.st_mode):
                paths = yaml_files(root, problems)
            else:
                paths = [root]  # read_yaml says if it is not a plain file
            kept = None
            if cache is not None:
                from .parsecache import ParsedFiles

                # The shipped exercises are few and every list shows them: kept whole.
                kept = ParsedFiles(cache, root, pack=not (shipped and number == 0))
            for path in paths:
                same = _identity(path)
                if same in seen:  # a folder named twice, or the shipped one named again
                    continue
                seen.add(same)
                kind, models, found = read_file(path) if kept is None else kept.read(path, read_file)
                problems.extend(found)
                library.files.append(path)
                if found and kind in KIND_WORDS:
                    library.broken.setdefault(kind, set()).update(_ids_in(path) - {m.id for m in models})
                for model in models:
                    _add(library, kind, model, shipped and number == 0, problems)
            if kept is not None:
                kept.save()
    problems.extend(cross_check(library))
    if problems:
        raise ValidationFailed(problems)
    return library


def _ids_in(path: Path) -> set[str]:
    """The ids a catalogue file meant to define, as far as they can be read: `id:` lines, else its name."""
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return {path.stem}
    return set(re.findall(r"^(?:- )?id:\s*['\"]?([a-z0-9-]+)", text, re.MULTILINE)) or {path.stem}


def _identity(path: Path):
    """What makes two paths the same file: its device and inode (a stat is far cheaper than resolving links)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return path.resolve()
    return status.st_dev, status.st_ino


def _add(library: Library, kind: str, model, from_shipped: bool, problems: list[Problem]) -> None:
    if kind == "clinic":
        library.clinics[str(model.where.path)] = model
        return
    table = library.table(kind)
    old = table.get(model.id)
    if old is not None and not model.replaces:
        hint = "" if from_shipped else "; rename it, or add `replaces: true` to replace the other one on purpose"
        problems.append(model.where.problem(
            "id", f"{KIND_WORDS[kind]} '{model.id}' is already defined at {old.where.path}:{old.where.line}{hint}"))
        return
    table[model.id] = model


def cross_check(library: Library) -> list[Problem]:
    """References between files: every id used must exist."""
    problems = []

    def check(where: Where, field: str, item_id: str, kind: str) -> bool:
        table = library.table(kind)
        if item_id in table:
            return True
        if item_id in library.broken.get(kind, ()):
            problems.append(where.problem(field, f"{KIND_WORDS[kind]} '{item_id}' could not be loaded "
                                                 f"{FOLLOWS}"))
            return False
        problems.append(where.problem(field, f"unknown {KIND_WORDS[kind]} '{item_id}'{did_you_mean(item_id, table)}"))
        return False

    for exercise in library.exercises.as_kept():  # a Packed exercise carries its easier and harder options
        for key in ("easier", "harder"):
            for number, text in enumerate(getattr(exercise, key), start=1):
                # A single kebab-case word is meant as an exercise id.
                if ID_PATTERN.match(text) and "-" in text:
                    check(exercise.where, f"{key}[{number}]", text, "exercise")
    for condition in library.conditions.values():
        for number, (avoid_id, where) in enumerate(zip(condition.avoid, condition.avoid_where), start=1):
            check(where, f"avoid[{number}]", avoid_id, "avoid")
    for sheet in library.sheets.values():
        check(sheet.condition_where or sheet.where, "condition", sheet.condition, "condition")
        seen = set()
        for number, entry in enumerate(sheet.exercises, start=1):
            check(entry.where, f"exercises[{number}]", entry.exercise, "exercise")
            if entry.exercise in seen:
                problems.append(entry.where.problem(f"exercises[{number}]", f"'{entry.exercise}' is on this sheet twice; keep one"))
            seen.add(entry.exercise)
            for avoid_id, _ in entry.acknowledge:
                if avoid_id not in library.precautions:  # a precaution may be acknowledged too
                    check(entry.where, f"exercises[{number}].acknowledge", avoid_id, "avoid")
        for number, (avoid_id, where) in enumerate(zip(sheet.avoid, sheet.avoid_where), start=1):
            check(where, f"avoid[{number}]", avoid_id, "avoid")
    return problems


def exercise_label(library: Library, text: str) -> str:
    """An easier/harder option as the patient reads it: an id becomes its name and one-line how-to."""
    exercise = library.exercises.get(text)
    if exercise is None:
        return text
    return f"{exercise.name}: {exercise.how_to}" if exercise.how_to else f"Try “{exercise.name}” instead."

