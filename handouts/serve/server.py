"""The local web server behind `handouts serve`: the standard library's ThreadingHTTPServer, on loopback only.

Safe on a shared computer and the open web (Jupyter's token handling is the model):
- it binds 127.0.0.1, and refuses a request whose Host is not its own address,
  so a web page on another site cannot reach it by re-pointing its name (DNS rebinding);
- a one-time secret in the printed address is swapped for a cookie on the first
  visit, and every request needs that cookie;
- a request that changes anything (POST) must come from the page's own origin and
  be JSON, so another site's form or script cannot send one; no cross-origin headers;
- bodies over 1 MB get 413; only the app's own files are served (a fixed list);
- a Content-Security-Policy lets the page load only from its own origin.
Nothing is written to disk except what the clinician downloads or saves, and the
log says what was asked for, never a patient's name (those travel in bodies only).
"""

from __future__ import annotations

import datetime
import hmac
import json
import secrets
import sys
import threading
import traceback
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

MAX_BODY = 1024 * 1024  # bytes: far more than any programme; a bigger body is refused with 413
STATIC = Path(__file__).parent / "static"
FILES = {"/": "index.html", "/app.js": "app.js", "/app.css": "app.css"}  # all the page's own files
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
CSP = ("default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PDF_CSP = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
KEPT_SHEETS = 12  # rendered sheets kept in memory for the preview and the download
# Connections waiting to be accepted. The standard library's 5 is too few: a preview's page images come on
# several connections at once while the accepting thread waits for the GIL behind a render, the kernel drops
# the connections past 5, and the client tries again only a second later (bench/serve.py: p95 1,100 ms).
LISTEN_QUEUE = 128


class Server(ThreadingHTTPServer):
    request_queue_size = LISTEN_QUEUE
    daemon_threads = True


class Sheets:
    """The last few rendered sheets, by request key: the pages as drawn, and the finished PDF once downloaded."""

    def __init__(self):
        self.lock = threading.Lock()
        self.kept: OrderedDict[str, dict] = OrderedDict()

    def put(self, key: str, sheet: dict) -> None:
        with self.lock:
            self.kept[key] = sheet
            self.kept.move_to_end(key)
            while len(self.kept) > KEPT_SHEETS:
                self.kept.popitem(last=False)

    def get(self, key: str) -> dict | None:
        with self.lock:
            return self.kept.get(key)


class App:
    """What every request shares: the secret, the engine (loaded in the background) and the kept sheets."""

    def __init__(self, load_engine, port: int, token: str | None = None):
        self.port = port
        self.token = token or secrets.token_urlsafe(32)
        self.sheets = Sheets()
        self.pictures: dict[str, bytes] = {}
        self.render_lock = threading.Lock()  # one render at a time: ReportLab keeps global font state
        from .preview import PageDrawer

        self.pages = PageDrawer()  # PDFium, one call at a time
        from .warm import Requests

        self.requests = Requests()  # the background's warm-up waits for a lull in these
        self.ready = threading.Event()
        self.failed: BaseException | None = None
        self._engine = None
        self._load_engine = load_engine

    def load(self) -> None:
        from ..errors import HandoutsError, printable

        try:
            self._engine = self._load_engine()
        except HandoutsError as exc:  # a broken catalogue file: every problem in the terminal, the gist on the page
            self.failed = exc
            print(printable(exc), file=sys.stderr, flush=True)
        except BaseException as exc:
            self.failed = exc
            traceback.print_exc(file=sys.stderr)
        finally:
            self.ready.set()
        if self.failed is None:
            from .warm import warm_up

            try:
                warm_up(self)
            except Exception:  # a picture that cannot be drawn is said again when it is asked for
                traceback.print_exc(file=sys.stderr)

    @property
    def engine(self):
        self.ready.wait()
        if self.failed is not None:
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, "The catalogue or the clinic file could not be read, so "
                                                          "nothing can be built; the problems are listed in the "
                                                          "terminal window.")
        return self._engine

    @property
    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    @property
    def origins(self) -> set[str]:
        return {f"http://{host}" for host in self.hosts}

    @property
    def cookie(self) -> str:
        return f"handouts-{self.port}"  # cookies ignore the port; two servers must not share one

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"


class Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


class Handler(BaseHTTPRequestHandler):
    server_version = "handouts"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    app: App  # set on the subclass made by make_server

    # --- the gate every request passes ---------------------------------------------------------

    def parse_request(self) -> bool:
        self.body_read = False  # one connection carries many requests: each starts with its body unread
        self.route = "(other)"  # until this request's own is known (a malformed one never gets one)
        return super().parse_request()

    def do_GET(self):
        self._serve(self._get)

    def do_POST(self):
        self._serve(self._post)

    def do_PUT(self):
        self._refuse_method()

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _refuse_method(self):
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, "This page only answers GET and POST.")

    def _serve(self, route):
        url = urlsplit(self.path)
        self.route = url.path if url.path in FILES or url.path.startswith("/api/") else "(other)"
        try:
            self._check_host()
            if not self._signed_in(url):
                return
            route(url)
        except Refused as refused:
            self._send_json(refused.status, {"error": str(refused)})
        except Exception:  # a short message on the page; the details in the terminal
            traceback.print_exc(file=sys.stderr)
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR,
                            {"error": "Something went wrong on the computer running handouts. Your programme "
                                      "is kept; try again. The details are in the terminal window."})

    def _check_host(self) -> None:
        if self.headers.get("Host", "") not in self.app.hosts:
            raise Refused(HTTPStatus.FORBIDDEN, "This server only answers to its own address, 127.0.0.1.")

    def _signed_in(self, url) -> bool:
        """True when the request carries the secret; the first visit swaps ?token= for a cookie."""
        given = parse_qs(url.query).get("token", [""])[0]
        if url.path == "/" and given and _same(given, self.app.token):
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", "/")
            self.send_header("Set-Cookie", f"{self.app.cookie}={self.app.token}; HttpOnly; SameSite=Strict; Path=/")
            self.send_header("Content-Length", "0")
            self._common_headers()
            self.end_headers()
            return False
        cookies = _cookies(self.headers.get("Cookie", ""))
        if _same(cookies.get(self.app.cookie, ""), self.app.token):
            return True
        raise Refused(HTTPStatus.FORBIDDEN, "Open the address `handouts serve` printed, with its token. If it was "
                                            "started again, it printed a new address; your programme is kept.")

    def _body(self) -> dict:
        """The JSON a POST carries, from this page only, at most 1 MB."""
        origin = self.headers.get("Origin")
        if origin not in self.app.origins:
            raise Refused(HTTPStatus.FORBIDDEN, "Changes are only accepted from this page itself.")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "The page sends JSON only.")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "The request did not say how long it is.") from None
        if length > MAX_BODY:
            self.close_connection = True
            self._drain(length)
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "That request is over 1 MB; a programme is far smaller.")
        self.body_read = True
        try:
            return json.loads(self.rfile.read(length) or b"null")
        except (ValueError, UnicodeDecodeError):
            raise Refused(HTTPStatus.BAD_REQUEST, "The page sent something that is not JSON.") from None

    def _drain(self, length: int) -> None:
        """Read (and drop) a refused body, up to a limit, so the client hears 413 rather than a reset."""
        left = min(length, 8 * MAX_BODY)
        self.connection.settimeout(2)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    # --- routes -----------------------------------------------------------------------------------

    def _get(self, url) -> None:
        from . import routes

        if url.path == "/favicon.ico":  # the browser asks on its own; there is none
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            return
        if url.path in FILES:
            name = FILES[url.path]
            self._send(HTTPStatus.OK, (STATIC / name).read_bytes(), TYPES[Path(name).suffix])
            return
        routes.get(self, url.path, {k: v[0] for k, v in parse_qs(url.query).items()})

    def _post(self, url) -> None:
        from . import routes

        if not url.path.startswith("/api/"):
            raise Refused(HTTPStatus.NOT_FOUND, "No such page.")
        routes.post(self, url.path, self._body())

    # --- answers --------------------------------------------------------------------------------

    def _common_headers(self, csp: str = CSP) -> None:
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if self._body_left_unread():
            # A request refused before its body was read (a POST with the old cookie, after a restart, from a tab
            # still open) leaves that body in the connection, where it would be read as the start of the next
            # request the browser sends on it: that one (the page itself, or its catalogue) would get 400 and
            # the page would never start. So the connection is closed instead, and the browser opens a new one.
            self.close_connection = True
        if self.close_connection:
            self.send_header("Connection", "close")
        # A PDF opened for printing is shown by the browser's own viewer, which an object-src of 'none' blocks.
        self._common_headers(PDF_CSP if content_type == "application/pdf" else CSP)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _body_left_unread(self) -> bool:
        if getattr(self, "body_read", True):
            return False
        return self.headers.get("Content-Length", "0").strip() not in ("", "0") or "Transfer-Encoding" in self.headers

    def _send_json(self, status: HTTPStatus, value) -> None:
        self._send(status, json.dumps(value).encode("utf-8"), "application/json")

    def _send_text(self, status: HTTPStatus, text: str) -> None:
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """One line per request: method, route and status; never the query (the token) or a file name (a patient)."""

    def log_request(self, code="-", size="-"):
        status = code.value if isinstance(code, HTTPStatus) else code
        route = getattr(self, "route", "(other)")
        if route.startswith("/api/file/") or route.startswith("/api/page/"):
            route = "/".join(route.split("/")[:3]) + "/…"
        sys.stderr.write(f"{datetime.datetime.now():%H:%M:%S} {self.command} {route} {status}\n")


def _same(given: str, token: str) -> bool:
    """The secret compared in constant time (as bytes: a non-ASCII guess is simply wrong)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("ascii"))


def _cookies(header: str) -> dict[str, str]:
    found = {}
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            found[name] = value
    return found


def content_disposition(kind: str, file_name: str) -> str:
    """`attachment` or `inline`, with the file name as typed (RFC 6266) and a plain fallback."""
    plain = file_name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name)}"


def make_server(load_engine, port: int = 0, token: str | None = None) -> tuple[ThreadingHTTPServer, App]:
    """Bind 127.0.0.1:port (0: any free port); the engine is loaded by App.load, after the address is printed."""
    server = Server(("127.0.0.1", port), Handler)
    app = App(load_engine, server.server_address[1], token)
    server.RequestHandlerClass = type("BoundHandler", (Handler,), {"app": app})
    return server, app
