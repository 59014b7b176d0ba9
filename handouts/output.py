"""Writing finished files so that a reader never sees half of one, and nothing is clobbered.

The bytes go to a hidden temporary file in the target's folder, are flushed to
disk, and only then renamed over the target in one step. A failure or an
interruption leaves the old file (if any) untouched and no partial file.

The target is where a path finally leads: through a symbolic link, the file it
points to is replaced and the link stays. Nothing the tool did not make is
replaced without --force: not a file whose bytes differ from the new ones
(holds_same), not a folder, not a device or pipe (with --force the
bytes are written into it, never replacing it), not a file of some other kind
(`-o notes.txt`), and not a sheet printed for a different patient.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path

from .errors import HandoutsError, shown

CREATOR = "handouts"  # the PDF Creator every sheet carries; how a sheet made by this tool is known
NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems
PATH_MAX = 4096
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[^.]+\.part\Z")


def name_problem(path) -> str | None:
    """Why a path given on the command line cannot be a file name (too long), else None."""
    encoded = os.fsencode(str(path))
    if len(encoded) > PATH_MAX:
        return f"the path is {len(encoded)} bytes long; the most a system allows is {PATH_MAX}"
    for part in Path(str(path)).parts:
        if len(os.fsencode(part)) > NAME_MAX:
            return f"the name '{shown(part, 40)}' is {len(os.fsencode(part))} bytes long; keep it to {NAME_MAX} or fewer"
    return None


def write_atomically(path: Path, data: bytes, label: str | None = None) -> None:
    """Replace (or create) the regular file at path in one step; the caller has checked it may.

    `label` is how the file is named in messages (the path as the user gave it).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    shown_path = Path(label) if label else path
    problem = name_problem(path)
    if problem:
        raise HandoutsError(f"{shown(shown_path)}: {problem}")
    if path.is_dir():
        raise HandoutsError(f"{shown_path}: is a folder; give a file name ending in .pdf")
    if not folder.is_dir():
        raise HandoutsError(f"{shown_path}: the folder '{shown_path.parent}' does not exist; create it first")
    path_words = shown_path
    try:
        # The name says which process writes it, so a batch cleaning up after a
        # killed run never removes a file another running process is writing.
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:100]}.{os.getpid()}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise HandoutsError(f"{path_words}: cannot write in the folder '{path_words.parent}' ({exc.strerror}); "
                            "choose another folder") from None
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
            raise HandoutsError(f"{path_words}: cannot write ({exc.strerror}); nothing was changed") from None
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files left by processes that no longer run (a killed batch)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = _TEMPORARY.match(name)
        if found and not _running(int(found["pid"])):
            try:
                os.unlink(folder / name)
            except OSError:
                pass


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def existing_sheet(path: Path) -> tuple[bool, str | None]:
    """(made by this tool, the subject it was printed with) for a PDF already at path."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False, None
        from pypdf import PdfReader

        info = PdfReader(path).metadata or {}
        return info.get("/Creator") == CREATOR, info.get("/Subject")
    except Exception:  # a damaged or unreadable file is not one we can vouch for
        return False, None


PNG_MARK = b"tEXtSoftware\x00handouts"  # the text chunk render/bitmap.py puts in every PNG it paints


def made_by_handouts(path: Path) -> bool:
    """Whether an existing picture or PDF was made by this tool: a marked PNG, or a sheet."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if head.startswith(b"\x89PNG"):
        return PNG_MARK in head
    return existing_sheet(path)[0]


def for_patient(subject: str | None, patient: str | None) -> bool:
    """Whether a sheet's subject line says it was printed for this patient (or for no one, like this one)."""
    subject = subject or ""
    if patient:
        return subject.endswith(f", for {patient}")
    return ", for " not in subject


def check_target(path: Path, *, force: bool, patient: str | None = None, made_here=None) -> tuple[Path, bool]:
    """(where to write, whether to write into it in place) for an output path, or raise why not.

    `made_here(resolved)` says whether an existing file was made by this tool
    (default: a PDF sheet with our creator, printed for the same patient).
    """
    problem = name_problem(path)
    if problem:
        raise HandoutsError(f"{shown(path)}: {problem}")
    try:
        status = os.stat(path)  # through every link
    except FileNotFoundError:
        return Path(os.path.realpath(path)), False  # a new file, or a link to a file still to make
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot be checked ({exc.strerror})") from None
    # A link to a device or pipe (/dev/stdout) does not resolve to a path; it is opened through the link.
    resolved = Path(os.path.realpath(path)) if stat.S_ISREG(status.st_mode) else Path(path)
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise HandoutsError(f"{path}: is a folder; give a file name ending in .pdf")
    if stat.S_ISBLK(mode):
        raise HandoutsError(f"{path}: is a disk device; a sheet is never written onto one")
    if not stat.S_ISREG(mode):
        if not force:
            raise HandoutsError(f"{path}: is a device or pipe, not a file, and is never replaced; "
                                "use -o - for standard output, or --force to write the sheet into it")
        return resolved, True
    if force:
        return resolved, False
    if made_here is not None:
        if not made_here(resolved):
            raise HandoutsError(f"{path}: already exists and was not made by handouts; "
                                "choose another name, or add --force to replace it")
        return resolved, False
    ours, subject = existing_sheet(resolved)
    if not ours:
        raise HandoutsError(f"{path}: already exists and is not a sheet made by handouts; "
                            "choose another name, or add --force to replace it")
    if not for_patient(subject, patient):
        raise HandoutsError(f"{path}: holds a sheet for a different patient; "
                            "choose another name, or add --force to replace it")
    return resolved, False


def holds_same(path: Path, data: bytes, *, force: bool) -> bool:
    """Whether the regular file at path already holds exactly these bytes (so there is nothing to write).

    A file holding anything else is never replaced without --force, even a sheet
    this tool made for a patient of the same name: two people can share a name,
    and a sheet built again with other choices should not silently replace the first.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        if os.path.getsize(path) == len(data) and Path(path).read_bytes() == data:
            return True
    except OSError:
        return False
    if not force:
        raise HandoutsError(f"{shown(path)}: already holds a different sheet; give another name with -o, "
                            "or add --force to replace it")
    return False


def write_output(path: Path, data: bytes, *, force: bool = False, patient: str | None = None, made_here=None) -> Path:
    """Write a finished file to path under the rules above; returns where it went."""
    target, in_place = check_target(path, force=force, patient=patient, made_here=made_here)
    if not in_place:
        write_atomically(target, data, label=str(path))
        return target
    try:
        handle = os.open(target, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        why = "nothing is reading from it" if exc.errno == errno.ENXIO else exc.strerror
        raise HandoutsError(f"{path}: cannot write into it ({why})") from None
    try:
        os.set_blocking(handle, True)
        _write_all(handle, data)
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot write into it ({exc.strerror})") from None
    finally:
        os.close(handle)
    return target


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def write_stdout(data: bytes) -> None:
    """Binary data to standard output, or one plain HandoutsError if it cannot go there."""
    stream = sys.stdout
    if stream is None:
        raise HandoutsError("standard output is closed; give a file name with -o FILE.pdf")
    try:
        handle = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's stand-in)
        stream.buffer.write(data)
        stream.buffer.flush()
        return
    try:
        os.fstat(handle)
    except OSError:
        raise HandoutsError("standard output is closed; give a file name with -o FILE.pdf") from None
    if os.isatty(handle):
        raise HandoutsError("standard output is a terminal, and a PDF would fill it with symbols; "
                            "send it to a file or a program (-o - > sheet.pdf), or use -o FILE.pdf")
    try:
        stream.flush()
        _write_all(handle, data)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise HandoutsError("standard output was closed before the whole sheet was written") from None
        raise HandoutsError(f"cannot write to standard output ({exc.strerror}); the sheet is incomplete there") from None


# Letters that Unicode does not split into a plain letter and an accent.
_PLAIN_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE",
                                "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "ẞ": "SS"})


def slug(text: str) -> str:
    """'María Łukasz' -> 'maria-lukasz': safe in a file name on any system; '' when nothing is left."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS)).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))[:60].strip("-")


def default_file_name(sheet: str, patient: str | None, issued: str, large_print: bool = False,
                      page_size: str | None = None) -> str:
    """SHEET-PATIENT-DATE[-large][-SIZE].pdf: the variant is named when it is not the default, as batch names it.

    `page_size` is given only when it differs from the clinic's own paper size.
    """
    parts = [slug(sheet) or "sheet", slug(patient or ""), issued, "large" if large_print else "", page_size or ""]
    return "-".join(p for p in parts if p) + ".pdf"


def sheet_targets(handout, output: Path | None, kinds, *, patient: str | None) -> dict[str, Path]:
    """Where each kind of file ('pdf', 'html') of one sheet goes: `output` as given, else the default name.

    The variant is in the default name, so a large-print or A4 copy never lands on the
    normal one; `patient` is the name as files may hold it (privacy.patient_label).
    With both kinds, the HTML goes beside the PDF; `-o page.html` alone names the HTML.
    """
    clinic_size = handout.clinic.page_size
    pdf = Path(output) if output is not None else Path(default_file_name(
        handout.slug, patient, handout.issued, large_print=handout.large_print,
        page_size=handout.page_size if handout.page_size != clinic_size else None))
    only_html = list(kinds) == ["html"] and output is not None
    return {kind: pdf if kind == "pdf" or only_html else pdf.with_suffix(".html") for kind in kinds}
