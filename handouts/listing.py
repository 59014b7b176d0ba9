"""What `handouts list` shows, kept between runs while no catalogue file has changed.

`list` is the command clinicians type most, and most of its time went on
loading the catalogue's models (and importing the code that defines them) to
print a few columns. So after a list has loaded the whole catalogue, the
columns it shows and filters on are kept in the user's cache folder, with a
signature of every YAML file below the catalogue folders (name, size,
modification time, inode), of the folders holding them, and of every picture
and logo they name. The
next list uses them only if the signature is the same, the tool's version and
code are the same, and the same folders are asked for: then loading again
would read the same files and give the same catalogue. Anything else (a
changed, new or removed file, a file changed within the last two seconds, a
damaged cache) loads the catalogue as before.

Kept with marshal (plain tuples and strings: no code runs when it is read)
and only ever read from the user's own cache folder. A list that searches the
steps (`--search`) loads the catalogue, as the steps are not kept here.
"""

from __future__ import annotations

import marshal
import os
import time
import zlib
from types import SimpleNamespace as Item

from . import __version__

FORMAT = 1
RACY_SECONDS = 2.0  # as in parsecache.py: a change within the same clock tick would not show
MAX_ENTRIES = 50_000  # folders and files walked before giving up (the catalogue loader refuses far fewer)


def _signature(roots, pictures) -> tuple | None:
    """Every folder and YAML file below the roots, and the pictures, with their stamps; None if unreadable."""
    out, seen, count = [], set(), 0
    stack = [os.fspath(root) for root in reversed(roots)]
    while stack:
        here = stack.pop()
        try:
            status = os.stat(here)
            if not os.path.isdir(here):  # a file named on its own
                out.append((here, status.st_size, status.st_mtime_ns, status.st_ino, status.st_mode))
                continue
            # A folder by what it holds (listed below), not its own time, which any file saved in it moves.
            out.append((here, 0, 0, status.st_ino, status.st_mode))
            if (status.st_dev, status.st_ino) in seen:
                continue
            seen.add((status.st_dev, status.st_ino))
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            return None
        folders = []
        for entry in entries:
            count += 1
            if count > MAX_ENTRIES:
                return None
            try:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.name.endswith((".yaml", ".yml")):
                    status = entry.stat()
                    out.append((entry.path, status.st_size, status.st_mtime_ns, status.st_ino, status.st_mode))
            except OSError:
                return None
        stack.extend(reversed(folders))
    for picture in pictures:
        try:
            status = os.stat(picture)
        except OSError:
            return None
        out.append((picture, status.st_size, status.st_mtime_ns, status.st_ino, status.st_mode))
    return tuple(out)


def _file(cache_folder, folders) -> str:
    from .parsecache import code_stamp

    key = "\0".join([__version__, code_stamp(), os.path.dirname(os.path.abspath(__file__)),
                     *(os.path.abspath(os.fspath(f)) for f in folders)])
    return os.path.join(os.fspath(cache_folder), f"list-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}")


def kept(folders, cache_folder):
    """The catalogue as `list` shows it (a Library's shape, with only the columns listed), or None."""
    try:
        with open(_file(cache_folder, folders), "rb") as handle:
            data = handle.read()
        check, payload = data.split(b"\n", 1)
        if check != f"{zlib.crc32(payload):08x}".encode():
            return None
        form, roots, pictures, signature, tables = marshal.loads(payload)
    except Exception:  # missing, damaged or from another version: load the catalogue instead
        return None
    if form != FORMAT or _signature(roots, pictures) != signature:
        return None
    exercises, conditions, sheets, avoid, precautions = tables
    return Item(
        exercises={e[0]: Item(id=e[0], name=e[1], kind=e[2], position=e[3], equipment=e[4], tags=e[5])
                   for e in exercises},
        conditions={c[0]: Item(id=c[0], name=c[1]) for c in conditions},
        sheets={s[0]: Item(id=s[0], title=s[1], condition=s[2], exercises=tuple(Item(exercise=x) for x in s[3]))
                for s in sheets},
        avoid={a[0]: Item(id=a[0], name=a[1]) for a in avoid},
        precautions={p[0]: Item(id=p[0], name=p[1], rules_out=p[2], changes=tuple(Item(attribute=x) for x in p[3]))
                     for p in precautions})


def keep(library, folders, cache_folder) -> None:
    """Keep what a list shows of this freshly loaded catalogue; any failure only means it is loaded next time."""
    from .catalogue import SHIPPED_CATALOGUE, SHIPPED_TEMPLATES
    from .membership import as_listed

    roots = [os.fspath(root) for root in (SHIPPED_CATALOGUE, SHIPPED_TEMPLATES, *folders)]
    exercises = list(as_listed(library))
    pictures = sorted({os.fspath(p) for p in [*(getattr(e, "image", None) for e in exercises),
                                               *(getattr(c, "logo", None) for c in library.clinics.values())] if p})
    started = time.time()
    signature = _signature(roots, pictures)
    if signature is None or any(started - entry[2] / 1e9 <= RACY_SECONDS for entry in signature):
        return
    tables = (
        tuple((e.id, e.name, e.kind, e.position, tuple(e.equipment), tuple(e.tags)) for e in exercises),
        tuple((c.id, c.name) for c in library.conditions.values()),
        tuple((s.id, s.title, s.condition, tuple(x.exercise for x in s.exercises)) for s in library.sheets.values()),
        tuple((a.id, a.name) for a in library.avoid.values()),
        tuple((p.id, p.name, tuple(p.rules_out), tuple(c.attribute for c in p.changes))
              for p in library.precautions.values()),
    )
    try:
        payload = marshal.dumps((FORMAT, tuple(roots), tuple(pictures), signature, tables))
    except ValueError:
        return
    path = _file(cache_folder, folders)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(f"{zlib.crc32(payload):08x}\n".encode() + payload)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
