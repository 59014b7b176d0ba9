"""Flowables that lay themselves out once per width: a Paragraph, and text beside a picture.

Platypus measures a paragraph several times before drawing it: an exercise
block is wrapped whole to keep it together, then again as the frame places it,
a table wraps its cells to size the rows and again to draw them. Breaking the
lines was a third of a render. A paragraph's lines depend only on its text, its
style and the width (wrap never reads the height), so this one keeps the
answer of its last wrap and gives it again for the same width, with the very
same lines to draw. The PDF is the same, byte for byte.
"""

from __future__ import annotations

from reportlab.platypus import ImageAndFlowables as _ImageAndFlowables
from reportlab.platypus import Paragraph as _Paragraph


# Parsed markup, kept per text and style. A batch prints the same steps, doses
# and headings on sheet after sheet, and parsing a paragraph's markup is a
# seventh of a render. Styles are made once per look (styles.make_style), so a
# style object stands for its look; each paragraph gets its own copies of the
# kept fragments, so nothing one paragraph does to them reaches another.
MAX_PARSED = 4096
_parsed: dict[tuple, tuple] = {}


class Paragraph(_Paragraph):
    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or not isinstance(text, str) or not isinstance(bulletText, (str, type(None))):
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, style, bulletText, self.caseSensitive)
        kept = _parsed.get(key)
        if kept is None:
            super()._setup(text, style, bulletText, None, cleaner)
            if len(_parsed) >= MAX_PARSED:
                _parsed.clear()
            kept = _parsed[key] = (self.text, self.frags, self.style, self.bulletText)
        self.text, self.style, self.bulletText, self.debug = kept[0], kept[2], kept[3], 0
        self.frags = [frag.clone() for frag in kept[1]]
        if isinstance(self.bulletText, list):
            self.bulletText = [frag.clone() for frag in self.bulletText]
        self._source = key

    def deepcopy(self):
        """The copy ReportLab splits when text runs past a picture's foot: this paragraph made
        again from its text (markup parsed once, fragments fresh) rather than a deep copy of it
        and its style, which was a sixteenth of a render. It is wrapped and split at the same
        width, so the lines are the same."""
        source = self.__dict__.get("_source")
        if source is None:
            from copy import deepcopy

            return deepcopy(self)
        text, style, bullet, case_sensitive = source
        return type(self)(text, style, bulletText=bullet, caseSensitive=case_sensitive, encoding=self.encoding)

    def wrap(self, availWidth, availHeight):
        kept = self.__dict__.get("_measured")
        if (kept is not None and kept[0] == availWidth and kept[1] is self.__dict__.get("blPara")
                and kept[2] is self.style and kept[3] is self.frags):
            self.width, self.height = kept[4]
            return kept[4]
        size = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, self.blPara, self.style, self.frags, size)
        return size


class ImageAndFlowables(_ImageAndFlowables):
    """Text beside a picture, laid out once per width.

    Its layout depends on the width and the picture's height only, never on the
    height offered (ReportLab re-does it whenever that changes: once when the
    exercise block is measured to keep it together, again when it is placed).
    """

    def wrap(self, availWidth, availHeight):
        last = self.__dict__.get("_wrapArgs")
        if last is not None and last[0] == availWidth and getattr(self._I, "_oldDrawSize", None) is None:
            self._wrapArgs = (availWidth, availHeight)  # split() then sees no change either
            return self.width, self.height
        return super().wrap(availWidth, availHeight)
