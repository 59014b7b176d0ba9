"""Start the real `handouts serve` as a subprocess, for the tests of the page and its server."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ADDRESS = re.compile(r"http://127\.0\.0\.1:(?P<port>[0-9]+)/\?token=(?P<token>[A-Za-z0-9_-]+)\Z")


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    port: int
    token: str
    home: Path
    log: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                cookie: bool = True):
        """(status, headers, body) for one request, with the right Host and (unless cookie=False) the cookie."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        sent = {"Host": f"127.0.0.1:{self.port}"}
        if cookie:
            sent["Cookie"] = f"handouts-{self.port}={self.token}"
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        return answer.status, dict(answer.getheaders()), data

    def post(self, path: str, value, origin: str | None = None):
        import json

        return self.request("POST", path, json.dumps(value).encode(), {
            "Content-Type": "application/json", "Origin": origin or f"http://127.0.0.1:{self.port}"})

    def stop(self) -> str:
        """Stop the server; its whole log, once the last line is read."""
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.reader is not None:
            self.reader.join(timeout=10)
        return "".join(self.log)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(home: Path, port: int = 0, *args: str) -> Served:
    """`handouts serve --no-browser` with its settings folder in home; its log is collected."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    env.pop("HANDOUTS_CLINIC", None)
    env.pop("HANDOUTS_CATALOGUE", None)
    process = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--no-browser", "--port", str(port), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=home, env=env)
    first = process.stdout.readline().strip()
    found = ADDRESS.match(first)
    if not found:
        process.kill()
        raise AssertionError(f"first line is not the address: {first!r} {process.stderr.read()}")
    served = Served(process, first, int(found["port"]), found["token"], home)
    served.reader = threading.Thread(target=lambda: served.log.extend(iter(process.stderr.readline, "")), daemon=True)
    served.reader.start()
    return served
