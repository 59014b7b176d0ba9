"""What a clinic's privacy choice changes: the patient's name, or a stand-in for it.

With `privacy: {names_in_files: false}` in the clinic file, a patient's name
stays on the printed page (it is their sheet) but never reaches a file name,
the PDF's metadata or a batch's manifest.json. In its place goes a stand-in:
the initials and a short code made from the whole name ("MG-3F2A1C"), the same
every time, so the same sheet printed again for the same patient lands on the
same file (output.holds_same: "Unchanged"), and a different sheet never replaces it
without --force.
"""

from __future__ import annotations

import hashlib
import unicodedata


def stand_in(patient: str) -> str:
    """'María Gómez' -> 'MG-' and six characters of a hash of the name as written (spacing and case aside)."""
    words = patient.split()
    initials = "".join(_first_letter(w) for w in words)[:4] or "P"
    folded = " ".join(unicodedata.normalize("NFC", patient).casefold().split())
    return f"{initials}-{hashlib.sha256(folded.encode()).hexdigest()[:6].upper()}"


def _first_letter(word: str) -> str:
    for char in unicodedata.normalize("NFKD", word):
        if char.isascii() and char.isalnum():
            return char.upper()
    return ""


def patient_label(clinic, patient: str | None) -> str | None:
    """How the patient is named in file names, PDF metadata and manifests under the clinic's choice."""
    if not patient or getattr(clinic, "names_in_files", True):
        return patient
    return stand_in(patient)
