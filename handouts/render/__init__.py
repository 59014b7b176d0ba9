"""Everything that draws a sheet: PDF (ReportLab) and the accessible HTML version."""

import re as _re

# ReportLab checks each attribute set on a drawing's shapes against its rules: a help
# while writing drawing code, and a fifth of the time spent drawing a figure. The
# figures are made by tested code, so the checks are off; they never change a value,
# so the bytes are the same. Set before any drawing module imports reportlab.graphics.
from reportlab import rl_config as _rl_config

_rl_config.shapeChecking = 0


class _CompiledWhenUsed:
    """A regular expression compiled the first time it is used, then exactly the real one."""

    def __init__(self, pattern, flags):
        self._args, self._compiled = (pattern, flags), None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = _re.compile(*self._args)
        return getattr(self._compiled, name)


def _import_paragraph_lazily() -> None:
    """Import ReportLab's paragraph module with its web-address pattern compiled only when used.

    At import it compiles one pattern (for splitting a long web address across lines)
    whose letter ranges make it cost a twentieth of a fresh `handouts build`; a sheet
    seldom needs it. Only that one call is deferred; the pattern is the same.
    """
    import sys

    if "reportlab.platypus.paragraph" in sys.modules:
        return
    real = _re.compile

    def compile(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith("(^(?:[a-z0-9\\.\\-\\+]*)://)"):
            return _CompiledWhenUsed(pattern, flags)
        return real(pattern, flags)

    _re.compile = compile
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        _re.compile = real


_import_paragraph_lazily()


def _encode_plain_text_directly() -> None:
    """ReportLab turns every piece of a PDF (half a megabyte for a sheet) into bytes through its
    PDFDocEncoding codec, a table lookup per character: a tenth of a render. For plain ASCII
    that codec gives the same bytes as ASCII itself (all but characters 24-31, which it maps
    elsewhere or refuses), so such text takes the direct way; the rest goes to the codec."""
    from reportlab.pdfbase import pdfdoc

    odd = _re.compile("[\x18-\x1f]")

    def pdfdocEnc(x):
        if isinstance(x, str):
            if x.isascii() and odd.search(x) is None:
                return x.encode("ascii")
            return x.encode("extpdfdoc")
        return x

    pdfdoc.pdfdocEnc = pdfdocEnc


_encode_plain_text_directly()
