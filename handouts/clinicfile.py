"""Which clinic file a command uses, read and checked, with the file options given on top."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

from .errors import ValidationFailed
from .models import Clinic
from .request import BadChoice


def exists(path: Path, kind: str) -> bool:
    """Whether path is a file (anything but a folder) or a folder; a path that cannot be looked at is neither."""
    try:
        mode = Path(path).stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(mode) == (kind == "folder")


def load_clinic(clinic_file: Path | str | None, settings: Path | None = None) -> Clinic:
    """The clinic file named ('example' for the shipped one), else clinic.yaml in the settings folder,
    else plain branding; ValidationFailed listing every problem in it."""
    from .catalogue import EXAMPLE_CLINIC, read_file

    if clinic_file is not None and str(clinic_file) == "example":
        clinic_file = EXAMPLE_CLINIC
    if clinic_file is None:
        saved = Path(settings) / "clinic.yaml" if settings is not None else None
        if saved is None or not exists(saved, "file"):
            return Clinic()
        clinic_file = saved
    _, models, problems = read_file(Path(clinic_file), "clinic")
    if problems:
        raise ValidationFailed(problems)
    return models[0]


def with_file_options(clinic: Clinic, pdfa: bool = False, font: Path | None = None) -> Clinic:
    """The clinic file's settings, with a PDF/A request and a font of its own on top (BadChoice by field)."""
    if font is not None:
        from .reading import FONT_SUFFIXES

        if Path(font).suffix.lower() not in FONT_SUFFIXES:
            raise BadChoice.one("font", f"'{font}' must be a TrueType font file (.ttf or .ttc)")
        clinic = replace(clinic, font=Path(font))
    return replace(clinic, pdfa=True) if pdfa else clinic
