"""What each address of the page's API does; every answer comes from the engine adapter (engine.py)."""

from __future__ import annotations

import datetime
import re
from http import HTTPStatus

from ..errors import HandoutsError, ValidationFailed
from .engine import request_key
from .server import Refused, content_disposition

_PICTURE = re.compile(r"/api/picture/(?P<id>[a-z0-9][a-z0-9-]{0,79})\.svg\Z")
_PAGE = re.compile(r"/api/page/(?P<key>[0-9a-f]{24})/(?P<number>[0-9]{1,3})\.jpg\Z")
_FILE = re.compile(r"/api/file/(?P<key>[0-9a-f]{24})/[^/]{1,300}\.pdf\Z")


def get(handler, path: str, query: dict) -> None:
    with handler.app.requests.answering():  # the background's warm-up waits meanwhile (warm.py)
        _get(handler, path, query)


def post(handler, path: str, body) -> None:
    with handler.app.requests.answering():
        _post(handler, path, body)


def _get(handler, path: str, query: dict) -> None:
    app = handler.app
    if path == "/api/catalogue":
        handler._send_json(HTTPStatus.OK, app.engine.catalogue())
    elif path == "/api/search":
        filters = {k: query.get(k, "") for k in ("position", "equipment", "level", "condition")}
        handler._send_json(HTTPStatus.OK, {"ids": app.engine.search(query.get("words", ""), **filters)})
    elif path == "/api/programmes":
        try:
            handler._send_json(HTTPStatus.OK, {"programmes": app.engine.saved(query.get("clinic", "").strip())})
        except HandoutsError:  # the clinic file named has problems: said beside its field by the check
            handler._send_json(HTTPStatus.OK, {"programmes": [], "clinic_error": True})
    elif found := _PICTURE.match(path):
        handler._send(HTTPStatus.OK, picture(app, found["id"]), "image/svg+xml",
                      {"Cache-Control": "private, max-age=3600"})
    elif found := _PAGE.match(path):
        image = page_image(app, found["key"], int(found["number"]), query.get("width"))
        handler._send(HTTPStatus.OK, image, "image/jpeg")
    elif found := _FILE.match(path):
        sheet = app.sheets.get(found["key"])
        if sheet is None:
            raise Refused(HTTPStatus.NOT_FOUND, "That sheet is no longer kept; press the button again.")
        kind = "attachment" if query.get("download") else "inline"
        handler._send(HTTPStatus.OK, finished(app, sheet), "application/pdf",
                      {"Content-Disposition": content_disposition(kind, sheet["file_name"])})
    else:
        raise Refused(HTTPStatus.NOT_FOUND, "No such page.")


def _post(handler, path: str, body) -> None:
    app = handler.app
    engine = app.engine
    if path == "/api/check":
        asked = body.get("request") if isinstance(body, dict) else None
        handler._send_json(HTTPStatus.OK, check(app, asked, render=bool(body.get("render"))))
    elif path == "/api/save":
        asked = body.get("request") if isinstance(body, dict) else None
        outcome = engine.check(asked)
        if outcome.programme is None or outcome.field_errors:
            handler._send_json(HTTPStatus.OK, _answer(outcome) | {"saved": None})
            return
        try:
            saved = engine.save(outcome, str(body.get("name") or ""), datetime.date.today().isoformat())
        except HandoutsError as exc:
            handler._send_json(HTTPStatus.OK, {"saved": None, "save_error": str(exc)})
            return
        handler._send_json(HTTPStatus.OK, {"saved": str(saved), "name": saved.stem})
    elif path == "/api/open":
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str):
            raise Refused(HTTPStatus.BAD_REQUEST, "No programme text was sent.")
        label = str(body.get("name") or "programme.yaml")[:200]
        try:
            handler._send_json(HTTPStatus.OK, {"request": engine.read_saved(text, label)})
        except ValidationFailed as failed:
            handler._send_json(HTTPStatus.OK, {"problems": [str(p) for p in failed.problems]})
        except HandoutsError as exc:
            handler._send_json(HTTPStatus.OK, {"problems": [str(exc)]})
    else:
        raise Refused(HTTPStatus.NOT_FOUND, "No such page.")


def check(app, asked, render: bool) -> dict:
    """Plan and check the request; with render, draw the pages too (kept for the preview and the download)."""
    engine = app.engine
    outcome = engine.check(asked)
    made_here = {}
    if render and outcome.printable:
        key = request_key(asked)
        sheet = app.sheets.get(key)
        if sheet is None:
            before = len(outcome.problems)
            with app.render_lock:
                drawn = engine.render(outcome, finished=False)  # adds the renderer's warnings, as build prints them
            sheet = {"drawn": drawn, "handout": outcome.handout, "pdf": None, "pages": drawn.pages,
                     "file_name": engine.file_name(outcome), "warnings": outcome.problems[before:], "images": {}}
            app.sheets.put(key, sheet)
        else:
            outcome.problems += sheet["warnings"]
        made_here = {"key": key, "pages": sheet["pages"], "file_name": sheet["file_name"]}
    return _answer(outcome) | made_here


def finished(app, sheet: dict) -> bytes:
    """The kept sheet as the file `build` writes, finished when first asked for (a preview never needs it)."""
    if sheet["pdf"] is None:
        with app.render_lock:
            if sheet["pdf"] is None:
                sheet["pdf"] = app.engine.finish(sheet["handout"], sheet["drawn"]).pdf
    return sheet["pdf"]


def _answer(outcome) -> dict:
    return {"field_errors": outcome.field_errors, "problems": outcome.problems, "exercises": outcome.exercises,
            "command": outcome.command, "printable": outcome.printable, "clinic": outcome.about_clinic,
            "sheet_id": outcome.handout.sheet_id if outcome.handout is not None else None}


def picture(app, exercise_id: str) -> bytes:
    """An exercise's drawing as SVG (render.picture, as `show --picture`), kept once drawn."""
    if exercise_id not in app.pictures:
        exercise = app.engine.library.exercises.get(exercise_id)
        if exercise is None or exercise.pose is None:
            raise Refused(HTTPStatus.NOT_FOUND, "No such picture.")
        from ..render.picture import picture_bytes

        with app.render_lock:
            app.pictures[exercise_id] = picture_bytes(exercise, ".svg")
    return app.pictures[exercise_id]


def page_image(app, key: str, number: int, width: str | None) -> bytes:
    """One page of a kept sheet as JPEG at the width the page shows it (preview.py), kept once drawn."""
    from . import preview

    sheet = app.sheets.get(key)
    if sheet is None or not 1 <= number <= sheet["pages"]:
        raise Refused(HTTPStatus.NOT_FOUND, "That page is no longer kept; the preview will refresh.")
    size = preview.image_width(width)
    if (number, size) not in sheet["images"]:
        drawn = app.pages.draw(key, sheet["drawn"].pdf, number, size)  # ReportLab may draw the next sheet meanwhile
        sheet["images"][number, size] = preview.jpeg(drawn)  # outside PDFium's lock: the next page is drawn meanwhile
    return sheet["images"][number, size]
