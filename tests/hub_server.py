"""A loopback stand-in for the Hugging Face Hub that serves the recorded answers in fixtures/hub/."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

FIXTURES = Path(__file__).parent / "fixtures" / "hub"
GATED = {"meta-llama/Llama-3.2-1B"}
TOKEN = "hf_fixture_token"
SLOW = {"slow/model"}


class HubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.release = threading.Event()
        """Set at shutdown so that slow answers stop waiting."""
        self.poisoned: dict[str, tuple[bytes, bool]] = {}
        """URL path -> (body, streamed): answers a test planted instead of the recorded ones; a
        streamed one goes without Content-Length, in 1 MiB pieces, until the client hangs up."""

    def poison(self, path: str, body: bytes, *, streamed: bool = False) -> None:
        """Answer ``path`` (e.g. ``/api/models/owner/name``) with ``body`` from now on."""
        self.poisoned[path] = (body, streamed)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address):
        """A client that hangs up early (the client under test gave up) is not an error of the
        server; printing it would land in the output the tests compare."""


class Handler(BaseHTTPRequestHandler):
    server: HubServer

    def log_message(self, *args):  # keep test output clean
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _send(self, status: int, body: bytes, head: bool, headers: dict[str, str] | None = None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_found(self, head: bool, code: str = "RepoNotFound", message: str = "Repository not found"):
        self._send(404, b'{"error":"%s"}' % message.encode(), head, {"X-Error-Code": code, "X-Error-Message": message})

    def _poisoned(self, path: str, head: bool) -> None:
        body, streamed = self.server.poisoned[path]
        headers = {"X-Repo-Commit": "0" * 40, "ETag": '"%s"' % hashlib.sha1(body).hexdigest()}
        if not streamed:
            return self._send(200, body, head, headers)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if head:
            return
        self.close_connection = True  # the body ends when the connection does (HTTP/1.0, no length)
        try:
            for start in range(0, len(body), 2**20):
                self.wfile.write(body[start:start + 2**20])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a size cap does

    def _answer(self, head: bool):
        url = urlparse(self.path)
        self.server.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        if url.path in self.server.poisoned:
            return self._poisoned(url.path, head)
        parts = url.path.strip("/").split("/")
        if parts[:2] == ["api", "models"] and len(parts) == 2:
            tag = parse_qs(url.query).get("pipeline_tag", [""])[0]
            file = FIXTURES / "search" / f"{tag}.json"
            self._send(200, file.read_bytes() if file.is_file() else b"[]", head)
        elif parts[:2] == ["api", "models"] and len(parts) == 4:
            repo = "/".join(parts[2:])
            if repo in SLOW:
                self.server.release.wait(10)
            file = FIXTURES / "api" / f"{parts[2]}--{parts[3]}.json"
            if not file.is_file():
                return self._not_found(head)
            self._send(200, file.read_bytes(), head)
        elif len(parts) == 5 and parts[2] == "resolve":
            repo = "/".join(parts[:2])
            file = FIXTURES / "config" / f"{parts[0]}--{parts[1]}.json"
            if repo in GATED and self.headers.get("Authorization") != f"Bearer {TOKEN}":
                message = f"Access to model {repo} is restricted. You must have access to it and be authenticated."
                return self._send(401, b'{"error":"gated"}', head,
                                  {"X-Error-Code": "GatedRepo", "X-Error-Message": message})
            if not file.is_file():
                return self._not_found(head, "EntryNotFound", "Entry not found")
            body = file.read_bytes()
            self._send(200, body, head, {"X-Repo-Commit": "0" * 40,
                                         "ETag": '"%s"' % hashlib.sha1(body).hexdigest()})
        else:
            self._not_found(head)


def start() -> HubServer:
    server = HubServer()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def stop(server: HubServer) -> None:
    server.release.set()
    server.shutdown()
    server.server_close()
