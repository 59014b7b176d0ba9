"""Parsed catalogue files kept between runs, so an unchanged catalogue is not read again.

Reading and checking a YAML file costs a millisecond or two; a clinic's
catalogue of a thousand exercises would cost every command a second or more.
So what `catalogue.read_file` made of each file is kept in the user's cache
folder (the CLI passes it in; nothing here reads the environment), one cache
file per catalogue folder, and used again while the file is unchanged:

- An entry is used only if the file's path, size, modification time and inode
  are the same as when it was read, and so are those of every picture it
  names (a logo or exercise image is checked when read). The tool's version
  is part of the cache file's name and its header, so an upgrade reads again.
- A file changed within the last two seconds is not kept: a second change in
  the same clock tick would not show in its modification time.
- Only files read without errors are kept; a broken file is read (and
  reported) every time.
- The cache file carries a CRC-32 of its contents and its length (a check
  against damage, not tampering: zlib is already loaded, where hashlib would
  load OpenSSL on every command), and the folder it is for. One that is cut off,
  damaged or written by another version is ignored and written afresh; a
  cache is never trusted over the files, and it only ever holds what this
  tool wrote into the user's own cache folder (it is a pickle, so it must
  never be read from anywhere else).
- It is written atomically (a temporary file, then os.replace); a cache
  folder that cannot be written is left alone and every file is read.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
import zlib
from pathlib import Path

from . import __version__

MAGIC = b"handouts parsed catalogue\n"
RACY_SECONDS = 2.0


def user_cache_folder() -> Path:
    """The user's cache folder for handouts, where platformdirs puts it.

    On Linux that is the XDG rule, worked out here: importing platformdirs
    (tempfile, shutil, random, bz2, lzma) would cost every command a tenth of
    `handouts list`. Elsewhere platformdirs itself answers.
    """
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        base = os.environ.get("XDG_CACHE_HOME", "")  # only an absolute path counts, as the XDG rule says
        return Path(base if os.path.isabs(base) else os.path.expanduser("~/.cache")) / "handouts"
    import platformdirs

    return platformdirs.user_cache_path("handouts", appauthor=False)


def _stamp(path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


class ParsedFiles:
    """The kept results for the files below one catalogue folder (or one file named on its own)."""

    def __init__(self, cache_folder: Path, root: Path):
        self.key = f"{os.path.abspath(root)}\0{root}\0{__version__}"
        code = zlib.crc32(self.key.encode("utf-8", "surrogateescape"))
        self.file = Path(cache_folder) / f"catalogue-{__version__}-{code:08x}.pickle"
        self.entries: dict[str, tuple] = self._load()
        self.used: set[str] = set()
        self.changed = False

    def _load(self) -> dict:
        try:
            data = self.file.read_bytes()
        except (OSError, ValueError):
            return {}
        try:
            head, version, check, payload = data.split(b"\n", 3)
            if head + b"\n" != MAGIC or version.decode() != __version__:
                return {}
            if check != f"{zlib.crc32(payload):08x} {len(payload)}".encode():
                return {}
            key, entries = pickle.loads(payload)
            return entries if key == self.key and isinstance(entries, dict) else {}
        except Exception:  # a damaged cache of any kind is simply read again from the files
            return {}

    def read(self, path: Path, read_file):
        """`read_file(path)`'s (kind, models, problems), from the cache while the file is unchanged."""
        name = str(path)
        self.used.add(name)
        stamp = _stamp(path)
        kept = self.entries.get(name)
        if kept is not None and stamp is not None and kept[0] == stamp and all(
                _stamp(other) == other_stamp for other, other_stamp in kept[1]):
            return kept[2]
        result = read_file(path)
        kind, models, problems = result
        self.entries.pop(name, None)
        self.changed = True
        if stamp is not None and not any(p.severity == "error" for p in problems) \
                and time.time() - stamp[1] / 1e9 > RACY_SECONDS:
            pictures = [p for m in models for p in (getattr(m, "image", None), getattr(m, "logo", None)) if p]
            pictures = [(str(p), _stamp(p)) for p in pictures]
            if all(s is not None for _, s in pictures):
                self.entries[name] = (stamp, pictures, result)
        return result

    def save(self) -> None:
        """Write the cache back if anything changed (files read afresh, or gone)."""
        gone = set(self.entries) - self.used
        if not self.changed and not gone:
            return
        for name in gone:
            del self.entries[name]
        try:
            payload = pickle.dumps((self.key, self.entries), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # something that cannot be pickled: do without a cache
            return
        data = b"".join([MAGIC, __version__.encode(), b"\n", f"{zlib.crc32(payload):08x} {len(payload)}".encode(),
                         b"\n", payload])
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, self.file)
        except OSError:
            try:
                temporary.unlink()
            except OSError:
                pass
