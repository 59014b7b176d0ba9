"""What the shell offers on Tab: exercise, sheet, precaution and programme names, dose fields.

Click calls these with the command's context and the word typed so far; each
returns the matching words (plain strings). A catalogue that cannot be read
offers nothing rather than printing an error into the shell. No Click import
here: Click turns the strings into completion items itself.
"""

from __future__ import annotations

import os

SETTINGS_ENV = "HANDOUTS_CATALOGUE"


def _library(ctx):
    from pathlib import Path  # here, not at the top: `handouts --help` loads this module and needs no pathlib

    from .catalogue import load_library
    from .parsecache import user_cache_folder as cache_folder

    folders = [Path(p) for p in (ctx.params.get("catalogues") or ()) if p]
    if not folders and os.environ.get(SETTINGS_ENV):
        folders = [Path(p) for p in os.environ[SETTINGS_ENV].split(os.pathsep) if p]
    try:
        return load_library(folders, cache=cache_folder())  # Tab answers at once from the parsed catalogue
    except Exception:
        try:
            return load_library([], cache=cache_folder())  # the user's folder has a mistake: still offer the shipped ids
        except Exception:
            return None


def _matching(words, incomplete: str) -> list[str]:
    return sorted(w for w in words if w.startswith(incomplete))


def _ids(table: str):
    def complete(ctx, param, incomplete):
        library = _library(ctx)
        return _matching(getattr(library, table), incomplete) if library else []
    return complete


exercise_ids = _ids("exercises")
sheet_ids = _ids("sheets")
precaution_ids = _ids("precautions")


def any_ids(ctx, param, incomplete):
    """For `show`: exercises, sheets, avoid items, conditions and precautions."""
    library = _library(ctx)
    if library is None:
        return []
    return _matching({*library.exercises, *library.sheets, *library.avoid, *library.conditions,
                      *library.precautions}, incomplete)


def dose_changes(ctx, param, incomplete):
    """`--set ID.FIELD=VALUE` one part at a time: the exercise, then the field, then a side."""
    from .models import DOSE_FIELDS, SIDES

    target, equals, value = incomplete.partition("=")
    if equals:
        exercise_id, _, field = target.rpartition(".")
        return [f"{target}={side}" for side in SIDES if side.startswith(value)] if field == "side" else []
    if "." in incomplete:
        exercise_id, _, field = incomplete.rpartition(".")
        return [f"{exercise_id}.{name}=" for name in DOSE_FIELDS if name.startswith(field)]
    library = _library(ctx)
    return [f"{e}." for e in _matching(library.exercises, incomplete)] if library else []


def programme_names(ctx, param, incomplete):
    from pathlib import Path

    import click  # only reached while completing, where Click is loaded already

    from .clinicfile import load_clinic
    from .errors import HandoutsError
    from .programmes import folder

    settings = Path(click.get_app_dir("handouts"))
    try:  # the folder the command would use: the clinic file's `programmes:`, else the settings folder's
        where = folder(settings, load_clinic(ctx.params.get("clinic_file"), settings))
        names = [p.stem for p in where.glob("*.yaml")]
    except (HandoutsError, OSError):  # a broken clinic file is for the command to report, not Tab
        return []
    return _matching(names, incomplete)


def comma_list(*choices):
    """For options that take `letter,a4`: complete the word after the last comma."""
    def complete(ctx, param, incomplete):
        done, _, last = incomplete.rpartition(",")
        taken = set(done.split(",")) if done else set()
        return [f"{done + ',' if done else ''}{c}" for c in choices if c.startswith(last) and c not in taken]
    return complete
