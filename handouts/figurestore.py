"""Pose drawings kept between runs, so a fresh `handouts build` does not build its figures again.

Building an exercise's pose drawing (placing the body, its outline, props and
arrows) is about a seventh of a fresh one-sheet command; reading it back is a
twentieth of that. So render/sheet_picture.py keeps each drawing it builds in
the user's cache folder, once the CLI has said where that is (`keep_in`);
without it (the library used on its own, the tests) nothing is kept.

- A drawing is kept under its pose, sizes and ReportLab's version (the
  caller's key), in a folder named after the tool's version and a stamp of the
  drawing code (the size and modification time of each module that draws): a
  changed drawing code never reads an old picture. Folders of other stamps are
  removed when a new one is made. Nothing here imports ReportLab.
- Each file carries its key, its length and a CRC-32 (a check against damage,
  not tampering): one that does not match is built again and written afresh.
  It is a pickle, so it is only ever read from the user's own cache folder.
- Written atomically; a folder that cannot be written is left alone.
"""

from __future__ import annotations

import os
import pickle
import zlib

from . import __version__
from .parsecache import code_stamp

# Every module that turns a pose into a drawing: a change to any of them starts a new folder of drawings.
DRAWING_CODE = ("figures", "render")

MAGIC = b"handouts pose drawing, format 1\n"
_folder: str | None = None


def keep_in(cache_folder) -> None:
    """Keep pose drawings below this cache folder (the CLI passes the user's); None keeps nothing."""
    global _folder
    _folder = None if cache_folder is None else os.fspath(cache_folder)


_place: str | None = None  # the folder for this code, worked out once per process


def _here() -> str | None:
    global _place
    if _folder is None:
        return None
    if _place is None or not _place.startswith(_folder + os.sep):
        _place = os.path.join(_folder, f"figures-{__version__}-{code_stamp(DRAWING_CODE)}")
    return _place


def _file(key: str) -> str | None:
    here = _here()
    if here is None:
        return None
    return os.path.join(here, f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.pickle")


def load(key: str):
    """The drawing kept under this key, or None (nothing kept, or kept for another code or damaged)."""
    path = _file(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    try:
        head, check, payload = data.split(b"\n", 2)
        if head + b"\n" != MAGIC or check != f"{zlib.crc32(payload):08x} {len(payload)}".encode():
            return None
        kept_key, drawing = pickle.loads(payload)
        return drawing if kept_key == key else None
    except Exception:  # a damaged file of any kind is simply built again
        return None


def save(key: str, drawing) -> None:
    """Keep a freshly built drawing; any failure only means it is built again next time."""
    path = _file(key)
    if path is None:
        return
    try:
        payload = pickle.dumps((key, drawing), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    data = b"".join([MAGIC, f"{zlib.crc32(payload):08x} {len(payload)}".encode(), b"\n", payload])
    here = os.path.dirname(path)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        if not os.path.isdir(here):
            _remove_others(here)
            os.makedirs(here, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _remove_others(here: str) -> None:
    """Pictures kept for other code (an older checkout or version): never read again, so removed."""
    import shutil

    parent = os.path.dirname(here)
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if name.startswith("figures-") and os.path.join(parent, name) != here:
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
