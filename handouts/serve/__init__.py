"""`handouts serve`: a local web page that fills the same request as `build` and shows what the library makes of it.

server.py is the HTTP gate (loopback, secret, Host and origin checks), routes.py
the page's API, engine.py the one adapter to the request model, planner, checks
and renderer, and static/ the page itself (plain HTML, CSS and JavaScript, no build
step). Imported only by the `serve` command, so `handouts --help` loads none of it.
"""

from __future__ import annotations

import sys
import threading
import webbrowser


def run(load_engine, *, port: int, open_browser: bool) -> None:
    """Serve until Ctrl-C: print the address first (with its secret), then load the catalogue while the browser opens."""
    from .server import make_server

    fewer_heaps()
    server, app = make_server(load_engine, port)
    try:
        print(app.address, flush=True)
        print("Press Ctrl-C to stop. Programmes stay in the browser tab; nothing is saved unless you "
              "download or save.", file=sys.stderr, flush=True)
        threading.Thread(target=app.load, daemon=True).start()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(app.address,), daemon=True).start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        server.server_close()


def fewer_heaps() -> bool:
    """On Linux (glibc), let all threads share two heaps; True when set.

    The server answers each connection in its own thread, and a preview's page
    images come on several at once; glibc gives each such thread its own heap and
    keeps what it frees there. bench/serve.py: 143 MB after its previews with the
    default (8 a CPU), 100 MB with two, as quick. Elsewhere nothing is changed.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without it
        return False
    return mallopt(-8, 2) == 1  # M_ARENA_MAX (malloc.h); 1 is success
