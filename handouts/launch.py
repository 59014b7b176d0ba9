"""Hand a finished sheet to the computer: open it in the PDF viewer, or send it to the printer.

Only local programs are run: the system's opener (xdg-open, open, or Windows'
own file association) and the print queue (`lp`, else `lpr`, from CUPS; on
Windows the PDF viewer's own "print" action). Nothing here talks to a network;
where the printer is, is the print system's business. The program runner and
the platform are passed in, so tests use stand-ins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import HandoutsError


def _spawn(command: list[str]) -> None:
    """Start a viewer without waiting for it, its output out of the way."""
    subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        why = (done.stderr or done.stdout or "").strip().splitlines()
        raise HandoutsError(f"{Path(command[0]).name} could not print the sheet"
                            f"{': ' + why[-1] if why else ''}; the PDF is saved, print it from your PDF viewer")


def open_command(path: Path, platform: str = sys.platform, which=shutil.which) -> list[str] | None:
    """The command that opens path in the system's viewer; None on Windows (os.startfile does it)."""
    if platform.startswith("win"):
        return None
    opener = "open" if platform == "darwin" else "xdg-open"
    if which(opener) is None:
        hint = "install xdg-utils (sudo apt install xdg-utils)" if opener == "xdg-open" else "it comes with macOS"
        raise HandoutsError(f"cannot open the sheet: the '{opener}' command is missing ({hint}); "
                            f"the PDF is saved as {path}")
    return [opener, str(path)]


def open_file(path: Path, *, platform: str | None = None, which=None, spawn=None, startfile=None) -> None:
    command = open_command(path, platform or sys.platform, which or shutil.which)
    if command is None:
        (startfile or os.startfile)(str(path))
    else:
        (spawn or _spawn)(command)


def print_command(path: Path, *, printer: str | None = None, copies: int = 1, platform: str = sys.platform,
                  which=shutil.which) -> list[str] | None:
    """`lp` (or `lpr`) with the printer and copies; None on Windows (the viewer's print action)."""
    if platform.startswith("win"):
        return None
    lp = which("lp")
    if lp is not None:
        return [lp, *(["-d", printer] if printer else []), *(["-n", str(copies)] if copies != 1 else []),
                "--", str(path)]
    lpr = which("lpr")
    if lpr is not None:
        return [lpr, *(["-P", printer] if printer else []), *([f"-#{copies}"] if copies != 1 else []), str(path)]
    hint = ("on macOS printing is built in; check System Settings > Printers" if platform == "darwin"
            else "install the CUPS client (sudo apt install cups-client, or sudo dnf install cups-client)")
    raise HandoutsError(f"cannot print: there is no 'lp' or 'lpr' command; {hint}. The PDF is saved as {path}")


def print_file(path: Path, *, printer: str | None = None, copies: int = 1, platform: str | None = None,
               which=None, run=None, startfile=None) -> None:
    command = print_command(path, printer=printer, copies=copies, platform=platform or sys.platform,
                            which=which or shutil.which)
    if command is None:
        if printer or copies != 1:
            raise HandoutsError("on Windows, choose the printer and copies in the PDF viewer; "
                                "--print sends one copy to the default printer")
        (startfile or os.startfile)(str(path), "print")
    else:
        (run or _run)(command)
