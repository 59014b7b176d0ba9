"""The preview's page images: each page drawn by PDFium at the size the page shows it, from the pages as drawn.

The pages come from the sheet as ReportLab drew it, before the file's metadata
is added (render.pdf.finish_sheet, done only for a download): the pages of the
download are those very pages. Each page image is drawn when the page asks for
it (the browser fetches pages below the fold only when scrolled to) and kept
with its sheet.

Why not keep the images of pages a change did not touch: every page's footer
prints the sheet id, which changes with every dose, so every page changes.
"""

from __future__ import annotations

import io
import threading

WIDTHS = (300, 1600)  # pixels: the narrowest and widest page image drawn
DEFAULT_WIDTH = 800
JPEG_QUALITY = 85  # a preview is looked at, never printed; JPEG encodes in a sixth of PNG's time


def image_width(asked: str | None) -> int:
    """The width the page shows the image at (CSS pixels times the screen's density), within WIDTHS.

    Drawn at the size shown, never larger: pixels not shown are time not spent.
    """
    try:
        wanted = int(asked or 0)
    except ValueError:
        wanted = 0
    return min(WIDTHS[1], max(WIDTHS[0], wanted)) if wanted > 0 else DEFAULT_WIDTH


class PageDrawer:
    """PDFium, one page at a time (it is not thread-safe), with the last sheet's document kept open.

    A sheet's pages are asked for one after another, and opening the document for
    each page would read its fonts again each time (a third of the drawing).
    Only one document is open at a time, and it is closed under the same lock, so
    no PDFium call ever runs beside another.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self._open: tuple[str, object] | None = None  # (sheet key, pypdfium2.PdfDocument)

    def draw(self, key: str, pdf: bytes, number: int, width: int):
        """Page `number` (from 1) of the sheet `key` as an image `width` pixels wide."""
        import pypdfium2
        import pypdfium2.raw

        with self.lock:
            if self._open is None or self._open[0] != key:
                self._close()
                self._open = (key, pypdfium2.PdfDocument(pdf))
            page = self._open[1][number - 1]
            try:
                # Three bytes a pixel in the order PIL's RGB takes: no alpha to fill and strip again
                # (the same pixels as PDFium's default four bytes; a quarter less CPU a page).
                return page.render(scale=width / page.get_width(), rev_byteorder=True,
                                   force_bitmap_format=pypdfium2.raw.FPDFBitmap_BGR).to_pil()
            finally:
                page.close()

    def _close(self) -> None:
        if self._open is not None:
            self._open[1].close()
            self._open = None


def jpeg(image) -> bytes:
    out = io.BytesIO()
    (image if image.mode == "RGB" else image.convert("RGB")).save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
