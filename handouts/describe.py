"""What `handouts list` and `handouts show` print: which view of the catalogue a request asks for.

browse.py words each view; this module picks it. A standard sheet is shown
as planned (handout.plan), so `show` gives the same time and doses as the PDF.
"""

from __future__ import annotations

from collections import namedtuple

from . import browse

# The text to print, and the warnings about it (a planned sheet's), said apart.
Described = namedtuple("Described", "text warnings")


def listing(library, *, condition=None, sheets=False, avoid=False, precautions=False, **filters) -> str:
    """The standard sheets, the avoid items, the precautions, or the exercises that match the filters."""
    if condition:
        from .membership import known_condition

        known_condition(library, condition)
    if sheets:
        return browse.list_sheets(library, condition)
    if avoid:
        return browse.list_avoid(library)
    if precautions:
        return browse.list_precautions(library)
    return browse.list_exercises(library, condition=condition, **filters)


def find(library, item_id: str):
    """(kind, item) for any id, or BadChoice naming the ID with a did-you-mean."""
    from .errors import ValidationFailed
    from .request import BadChoice

    try:
        return library.find(item_id)
    except ValidationFailed as exc:
        raise BadChoice.one("ID", exc.problems[0].message) from None


def describe(library, item_id: str, precautions=()) -> Described:
    """Everything about one exercise, standard sheet (planned, for these precautions), avoid item,
    precaution or condition."""
    kind, item = find(library, item_id)
    if kind == "exercise":
        return Described(browse.show_exercise(library, item), ())
    if kind == "sheet":
        from .handout import plan
        from .models import Clinic
        from .request import Request

        planned = plan(library, Request(sheet=item.id, precautions=tuple(precautions)), clinic=Clinic(),
                       issued="(date)")
        return Described(browse.show_sheet(planned.handout, item) + "\n\n" + browse.show_plan(planned.handout),
                         planned.problems)
    if kind == "avoid":
        return Described(browse.show_avoid(item), ())
    if kind == "precaution":
        return Described(browse.show_precaution(library, item), ())
    return Described(browse.show_condition(item), ())
