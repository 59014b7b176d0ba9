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
import sys
import time
import zlib

from . import __version__

MAGIC = b"handouts parsed catalogue, format 4\n"  # 3, 4: a Packed exercise carries what a list shows
RACY_SECONDS = 2.0


def user_cache_folder() -> Path:
    """The user's cache folder for handouts, where platformdirs puts it.

    On Linux that is the XDG rule, worked out here: importing platformdirs
    (tempfile, shutil, random, bz2, lzma) would cost every command a tenth of
    `handouts list`. Elsewhere platformdirs itself answers.
    """
    from pathlib import Path

    return Path(user_cache_folder_path())


def user_cache_folder_path() -> str:
    """user_cache_folder() as a plain path (`handouts list` served by listing.py needs no pathlib)."""
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        base = os.environ.get("XDG_CACHE_HOME", "")  # only an absolute path counts, as the XDG rule says
        return os.path.join(base if os.path.isabs(base) else os.path.expanduser("~/.cache"), "handouts")
    import platformdirs

    return str(platformdirs.user_cache_path("handouts", appauthor=False))


def code_stamp(subfolders=("figures",)) -> str:
    """The size and modification time of each of this package's modules (and those in `subfolders`), as one number.

    A release is told apart by its version; a checkout whose reading code
    changed (a new pose angle, a new field) keeps its version, so its cached
    files must be read again too. About fifty stats: a fraction of a millisecond.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for folder in (package, *(os.path.join(package, sub) for sub in subfolders)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                try:
                    status = entry.stat()
                except OSError:
                    continue
                parts.append(f"{entry.name}:{status.st_size}:{status.st_mtime_ns}")
    return f"{zlib.crc32(chr(0).join(sorted(parts)).encode('utf-8', 'surrogateescape')):08x}"


def _stamp(path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


class Packed:
    """An exercise kept as its compressed pickle until a command needs it whole.

    A parsed exercise holds ten or more kilobytes of objects (a place for every
    field); packed it is under two. A build with a clinic's 10,000 exercises
    needs a dozen of them whole, so the rest stay packed (see Unpacking).
    What adding it to a Library and cross-checking it need (id, replaces, where,
    easier, harder) is kept beside, and so is what `handouts list` shows and
    filters on (name, kind, position, equipment, tags): listing a clinic's
    thousand exercises unpacks none of them.
    """

    __slots__ = ("id", "replaces", "where", "easier", "harder", "name", "kind", "position", "equipment", "tags",
                 "image", "data")

    def __init__(self, model):
        self.id, self.replaces, self.where = model.id, model.replaces, model.where
        self.easier, self.harder = model.easier, model.harder
        self.name, self.kind, self.position = model.name, model.kind, model.position
        self.equipment, self.tags, self.image = model.equipment, model.tags, model.image
        import pickle  # here, as in each use below: `handouts list` served by listing.py needs none

        self.data = zlib.compress(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def unpack(self):
        import pickle

        return pickle.loads(zlib.decompress(self.data))


class Unpacking(dict):
    """id -> exercise, where an exercise may still be Packed: it comes out whole whichever way it is read.

    Looked up by id it is unpacked once and kept whole (a sheet's dozen);
    going through every value (validate, list, the cross-check) unpacks each
    in turn without keeping it, so memory stays at the packed size.
    """

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if type(value) is Packed:
            value = value.unpack()
            dict.__setitem__(self, key, value)
        return value

    def get(self, key, default=None):
        return self[key] if key in self else default

    def values(self):
        return _Whole(self, lambda key, value: value)

    def items(self):
        return _Whole(self, lambda key, value: (key, value))

    def as_kept(self):
        """Every value as it is kept, Packed or whole: for what a Packed carries beside its data."""
        return dict.values(self)

    @staticmethod
    def whole(value):
        """A value from as_kept() as the exercise itself."""
        return value.unpack() if type(value) is Packed else value

    def copy(self):
        return Unpacking(dict.items(self))

    def __eq__(self, other):
        return isinstance(other, dict) and dict(self.items()) == dict(other.items())

    __hash__ = None

    def __repr__(self):
        return repr(dict(self.items()))


class _Whole:
    """The values (or items) of an Unpacking, each unpacked as it is reached."""

    def __init__(self, table: Unpacking, shape):
        self.table, self.shape = table, shape

    def __len__(self):
        return len(self.table)

    def __iter__(self):
        for key, value in dict.items(self.table):
            yield self.shape(key, value.unpack() if type(value) is Packed else value)


class ParsedFiles:
    """The kept results for the files below one catalogue folder (or one file named on its own)."""

    def __init__(self, cache_folder: Path, root: Path, pack: bool = True):
        from pathlib import Path

        self.key = f"{os.path.abspath(root)}\0{root}\0{__version__}\0{code_stamp()}"
        code = zlib.crc32(self.key.encode("utf-8", "surrogateescape"))
        self.file = Path(cache_folder) / f"catalogue-{__version__}-{code:08x}.pickle"
        self.entries: dict[str, tuple] = self._load()
        self.used: set[str] = set()
        self.changed = False
        self.pack = pack  # exercises kept Packed: for a clinic's folders, which may hold thousands

    def _load(self) -> dict:
        import pickle

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
        kind, models, problems = read_file(path)
        pictures = [p for m in models for p in (getattr(m, "image", None), getattr(m, "logo", None)) if p]
        if kind == "exercise" and self.pack:
            models = [Packed(model) for model in models]
        result = kind, models, problems
        self.entries.pop(name, None)
        self.changed = True
        if stamp is not None and not any(p.severity == "error" for p in problems) \
                and time.time() - stamp[1] / 1e9 > RACY_SECONDS:
            pictures = [(str(p), _stamp(p)) for p in pictures]
            if all(s is not None for _, s in pictures):
                self.entries[name] = (stamp, pictures, result)
        return result

    def save(self) -> None:
        """Write the cache back if anything changed (files read afresh, or gone)."""
        import pickle

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
