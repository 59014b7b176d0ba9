"""How big a picture or logo may be, read from its header before any pixel is decoded.

A 20,000 × 20,000 picture takes more than a gigabyte to open, so its size is
read from the first bytes of the file (a PNG's IHDR, a JPEG's start-of-frame)
and checked against a limit first; only a picture within the limit is decoded,
to find a damaged or cut-off file before a build rather than half-way through.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAX_PIXELS = 16_000_000  # a 12-megapixel phone photo fits; 4000 × 4000 is the square limit
MAX_SIDE = 10_000
MAX_IMAGE_BYTES = 20 * 1024 * 1024
LIMIT_WORDS = f"{MAX_PIXELS // 1_000_000} million pixels (for example 4000 × 4000), at most {MAX_SIDE:,} on a side"

# JPEG start-of-frame markers (C0-CF, but not C4 (tables), C8 (reserved) or CC (coding)).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def header_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG or JPEG header, or None if the header cannot be read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(data) >= 24 and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        return None
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # padding
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers with no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data began with no frame header: damaged
            return None
        at += 2 + length
    return None


def image_problem(path: Path) -> str | None:
    """Why an image cannot be printed, or None if it reads as a whole PNG or JPEG within the limits."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(256 * 1024)  # a JPEG may carry large EXIF data before its frame header
            size = handle.seek(0, 2)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        return "is not a readable PNG or JPEG image; export it again as PNG or JPEG"
    if size > MAX_IMAGE_BYTES:
        return (f"is {size / 1024 / 1024:.0f} MB; a picture may be at most {MAX_IMAGE_BYTES // 1024 // 1024} MB; "
                "export it again smaller")
    dimensions = header_size(head)
    if dimensions is None:
        return "is damaged or cut off; export it again as PNG or JPEG"
    width, height = dimensions
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        return (f"is too large ({width:,} × {height:,} pixels); the limit is {LIMIT_WORDS}; "
                "export it again smaller")
    if width == 0 or height == 0:
        return "is damaged or cut off; export it again as PNG or JPEG"
    from PIL import Image  # Pillow comes with ReportLab; only needed when there is a picture

    try:
        with Image.open(path) as image:
            if image.size != (width, height):
                return "is damaged or cut off; export it again as PNG or JPEG"
            image.load()  # decodes every byte: a cut-off file fails here, not half-way through a build
    except Exception:  # Pillow raises many kinds for broken files
        return "is damaged or cut off; export it again as PNG or JPEG"
    return None
