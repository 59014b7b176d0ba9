"""Checks on a planned sheet and on the catalogue, each returning findings (Problems) with a place.

- sheet_findings(handout): everything `build`, `batch` and `validate` say about one sheet
  as it will be printed: do-not-do clashes and dose sanity (safety.py), coherence
  (coherence.py), precautions (precautions.py), support for balance work (support.py).
- library_findings(library): what `validate` adds about the catalogue itself: fear words
  (fearwords.py), sources for clinical statements (sources.py), support and progressions
  that remove it (support.py).

Findings are warnings (errors under --strict), except that an exercise a patient's
precaution rules out is an error on its own.
"""

from __future__ import annotations

from ..errors import Problem


def sheet_findings(handout) -> list[Problem]:
    from ..safety import handout_warnings

    return handout_warnings(handout)


def library_findings(library) -> list[Problem]:
    from . import coherence, fearwords, sources, support

    return [*fearwords.library_findings(library), *sources.library_findings(library),
            *support.library_findings(library), *coherence.library_findings(library)]
