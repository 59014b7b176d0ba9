"""Writing finished files so that a reader never sees half of one.

The bytes go to a hidden temporary file in the same folder, are flushed to
disk, and only then renamed over the target in one step. A failure or an
interruption leaves the old file (if any) untouched and no partial file.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import HandoutsError


def write_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise HandoutsError(f"{path}: is a folder; give a file name ending in .pdf")
    if not folder.is_dir():
        raise HandoutsError(f"{path}: the folder '{folder}' does not exist; create it first")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise HandoutsError(f"{path}: cannot write ({exc.strerror})") from None
        raise


# Letters that Unicode does not split into a plain letter and an accent.
_PLAIN_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE",
                                "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "ẞ": "SS"})


def slug(text: str) -> str:
    """'María Łukasz' -> 'maria-lukasz': safe in a file name on any system."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS)).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))[:60]


def default_file_name(sheet: str, patient: str | None, issued: str, large_print: bool = False,
                      page_size: str | None = None) -> str:
    parts = [sheet, slug(patient or ""), issued, "large" if large_print else "", page_size or ""]
    return "-".join(p for p in parts if p) + ".pdf"
