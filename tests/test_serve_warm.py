"""`handouts serve` quick from its first preview: the background warm-up (serve/warm.py), a listen queue
deep enough for a preview's page images (serve/server.py) and quicker page images (serve/preview.py).
Behaviour only; the speed is bench/serve.py's."""

from __future__ import annotations

import socket
import threading

from handouts.catalogue import load_library
from handouts.models import Clinic
from handouts.serve.engine import Engine
from handouts.serve.server import App, make_server
from handouts.serve.warm import Requests, warm_up

LIBRARY = load_library()


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_background_waits_while_a_request_is_answered_and_for_a_lull_after_it():
    clock = Clock()
    requests = Requests(lull=0.1, clock=clock)
    assert requests.wait_left() == 0  # nothing asked yet: start at once
    with requests.answering():
        with requests.answering():
            assert requests.wait_left() is None
        assert requests.wait_left() is None  # one still open
        clock.now = 105.0
    clock.now = 105.04
    assert abs(requests.wait_left() - 0.06) < 1e-9
    clock.now = 105.2
    assert requests.wait_left() == 0


def app_with_library():
    engine = Engine(LIBRARY, Clinic(), "/nonexistent")
    app = App(lambda: engine, port=0)
    app._engine = engine
    app.ready.set()
    return app


def test_the_warm_up_draws_a_preview_and_every_picture_but_only_once_no_request_is_open():
    from handouts.render import sheet_picture

    sheet_picture._prepared.clear()  # built by other tests in this process
    app = app_with_library()
    app.requests.lull = 0.01
    asked = app.requests.answering()
    asked.__enter__()  # a clinician's request, being answered
    warming = threading.Thread(target=warm_up, args=(app,), daemon=True)
    warming.start()
    warming.join(0.5)
    assert warming.is_alive() and not app.pictures and not sheet_picture._prepared
    asked.__exit__(None, None, None)
    warming.join(120)
    assert not warming.is_alive()
    assert set(app.pictures) == {e.id for e in LIBRARY.exercises.values() if e.pose is not None}
    drawn = {key[0] for key in sheet_picture._prepared}  # (repr(pose), sizes...): the sheet was really drawn
    first = next(iter(LIBRARY.sheets.values()))
    poses = [LIBRARY.exercises[entry.exercise].pose for entry in first.exercises]
    assert drawn and all(pose is None or repr(pose) in drawn for pose in poses)
    assert not app.sheets.kept  # nothing the page could be shown


def test_every_route_counts_as_a_request_being_answered():
    from handouts.serve import routes

    app = app_with_library()
    seen = []

    class Handler:
        def _send_json(self, status, value):
            seen.append(app.requests.wait_left())

    Handler.app = app
    routes.get(Handler(), "/api/search", {"words": "bridge"})
    routes.post(Handler(), "/api/check", {"request": {"sheet": "si-joint-starter"}})
    assert seen == [None, None]
    assert app.requests.wait_left() is not None  # and it is over once answered


def test_the_page_images_of_a_preview_asked_all_at_once_are_never_turned_away():
    """The kernel drops connections past the listen queue, and the browser tries again only a second later."""
    server, _ = make_server(lambda: None, 0)
    try:
        port = server.server_address[1]
        waiting = []
        try:
            for _ in range(24):  # a long sheet's page images and its pictures; nothing is accepted meanwhile
                connection = socket.create_connection(("127.0.0.1", port), timeout=2)
                waiting.append(connection)
                connection.sendall(b"GET / HTTP/1.1\r\n\r\n")  # a full queue drops this, or the next SYN
        finally:
            for connection in waiting:
                connection.close()
        assert len(waiting) == 24
    finally:
        server.server_close()


def test_a_page_image_has_the_colours_pdfium_draws_in_its_own_format():
    """The preview asks PDFium for three bytes a pixel (quicker); red and blue must not swap or shift."""
    import pypdfium2
    from PIL import ImageChops

    from handouts.serve.preview import PageDrawer

    engine = Engine(LIBRARY, Clinic(), "/nonexistent")
    outcome = engine.check({"sheet": "si-joint-starter", "exercises": ["knee-to-chest", "glute-bridge"],
                            "date": "2026-11-23"})
    pdf = engine.render(outcome, finished=False).pdf
    page = pypdfium2.PdfDocument(pdf)[0]
    plain = page.render(scale=608 / page.get_width()).to_pil().convert("RGB")  # PDFium's default, BGRA
    drawn = PageDrawer().draw("key", pdf, 1, 608)
    assert drawn.mode == "RGB" and drawn.size == plain.size
    colours = drawn.getcolors(drawn.width * drawn.height)
    assert any(abs(r - b) > 40 for _, (r, _, b) in colours)  # coloured, so a red-blue swap would show
    assert ImageChops.difference(drawn, plain).getbbox() is None


def test_on_linux_the_server_threads_share_two_heaps_so_memory_stays_low():
    import platform
    import sys

    from handouts.serve import fewer_heaps

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert fewer_heaps() is glibc  # set where glibc can, and nothing tried elsewhere
