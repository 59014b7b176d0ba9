"""Flowables that take the width they are given, so they can sit beside a picture
or run the full width below it (ReportLab's ImageAndFlowables needs both)."""

from __future__ import annotations

from reportlab.platypus import Flowable


class FullWidth(Flowable):
    """A table made at the width available when it is laid out: `make(width) -> Table`."""

    def __init__(self, make):
        super().__init__()
        self._make = make
        self._table = None

    def wrap(self, available_width, available_height):
        self._table = self._make(available_width)
        self.width, self.height = self._table.wrapOn(self.canv, available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []  # a box is never split

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


class Picture(Flowable):
    """A drawing (or an image with its credit) that ImageAndFlowables can set beside text."""

    _oldDrawSize = None

    def __init__(self, drawing):
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.wrap(10_000, 10_000)

    def wrap(self, *_):
        return self.width, self.height

    def _restrictSize(self, *_):
        return self.width, self.height

    def _unRestrictSize(self):
        pass

    def draw(self):
        self.drawing.wrapOn(self.canv, self.width, self.height)
        self.drawing.drawOn(self.canv, 0, 0)
