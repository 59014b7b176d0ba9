"""A bookmark in the PDF outline, placed in the story where a section starts."""

from reportlab.platypus import Flowable


class OutlineEntry(Flowable):
    """An invisible mark: a bookmark in the PDF's outline at this spot."""

    def __init__(self, title: str, key: str, level: int = 0):
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=False)
