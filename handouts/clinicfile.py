"""Which clinic file a command uses, read and checked, with the file options given on top."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

from .errors import HandoutsError, ValidationFailed
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
    clinic = replace(clinic, pdfa=True) if pdfa else clinic
    if clinic.pdfa and not pdfa_ready():
        import sys

        raise HandoutsError(f"PDF/A needs pikepdf 10.18 or newer, which needs Python 3.11 or newer (this is "
                            f"Python {sys.version_info[0]}.{sys.version_info[1]}); leave out --pdfa and "
                            "`pdfa: true`, or install handouts with a newer Python")
    return clinic


def pdfa_ready() -> bool:
    """Whether pikepdf here can make and validate PDF/A: its `pdfa` module came in 10.18, which needs Python 3.11;
    on Python 3.10 the newest pikepdf is 10.13 (pyproject.toml), which finishes ordinary PDFs only."""
    from importlib.util import find_spec

    return find_spec("pikepdf.pdfa") is not None
