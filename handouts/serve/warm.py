"""Work `serve` does in the background once the catalogue is read, never in a clinician's way.

Two pieces of work, each piece begun only in a lull between requests:
- the first preview's cold start: one standard sheet is drawn and its first page
  turned into an image, then thrown away, so the renderer's modules and fonts,
  PDFium and the JPEG encoder are loaded before the clinician asks (the first
  preview of another sheet: 155 ms, not 290; 260, not 400, while the figure
  cache is empty on a first run);
- every exercise's picture, so the first look at the sheets and the search is quick.
A request that comes while a piece runs waits for that piece only. Waiting for a
lull matters on a small computer: with two CPUs, drawing pictures beside the
first previews made them twice as slow (bench/serve.py: 380 ms, not 160).

Not every standard sheet: on a first run that made the first preview of any sheet
165 ms, not 260, but the server 70 MB bigger for the rest of the day.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

LULL = 0.1  # seconds with no request being answered before the background starts its next piece


class Requests:
    """How many requests are being answered now, and when the last one ended."""

    def __init__(self, lull: float = LULL, clock=time.monotonic):
        self.lull, self._clock = lull, clock
        self._changed = threading.Condition()
        self._open = 0
        self._ended = float("-inf")

    @contextmanager
    def answering(self):
        with self._changed:
            self._open += 1
        try:
            yield
        finally:
            with self._changed:
                self._open -= 1
                self._ended = self._clock()
                self._changed.notify_all()

    def wait_left(self) -> float | None:
        """Seconds until the lull is long enough (0: now); None while a request is being answered."""
        with self._changed:
            if self._open:
                return None
            return max(0.0, self._ended + self.lull - self._clock())

    def wait_for_lull(self) -> None:
        with self._changed:
            while True:
                left = self.wait_left()  # the Condition's lock is re-entrant
                if left == 0:
                    return
                self._changed.wait(left)


def warm_up(app) -> None:
    """Load what a first preview needs, then draw every picture; each piece in a lull (App.load calls this)."""
    from .routes import picture

    sheet = next(iter(app.engine.library.sheets.values()), None)
    if sheet is not None:
        warm_preview(app, sheet)
    for exercise in list(app.engine.library.exercises.values()):
        if exercise.pose is not None and exercise.id not in app.pictures:
            app.requests.wait_for_lull()
            picture(app, exercise.id)


def warm_preview(app, sheet) -> None:
    """Draw a standard sheet and its first page image as a preview does, keeping neither."""
    import datetime

    from . import preview

    engine = app.engine
    outcome = engine.check({"sheet": sheet.id, "exercises": [entry.exercise for entry in sheet.exercises],
                            "date": datetime.date.today().isoformat()})
    if not outcome.printable:  # a sheet of a broken catalogue: the page says why when it is chosen
        return
    app.requests.wait_for_lull()
    with app.render_lock:
        drawn = engine.render(outcome, finished=False)
    app.requests.wait_for_lull()
    preview.jpeg(app.pages.draw("(warm-up)", drawn.pdf, 1, preview.DEFAULT_WIDTH))
