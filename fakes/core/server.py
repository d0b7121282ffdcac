"""Served mode: each fake on a real HTTP server on loopback, from the same route table."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from fakes.core.messages import DropConnection, Headers
from fakes.core.service import FakeService


class FakeServer:
    """One fake on ``http://host:port``; ``url`` is its API root. ``start()`` / ``stop()``."""

    def __init__(self, fake: FakeService, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self.httpd = _QuietServer((host, port), _handler_class(fake))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        text = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{text}]" if ":" in text else text
        return f"http://{shown}:{port}{self.fake.root_path}"

    def start(self) -> FakeServer:
        name = f"{self.fake.name}-fake-server"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, args=(0.05,), name=name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.server_close()


@contextlib.contextmanager
def serve_fakes(
    *fakes: FakeService, host: str = "127.0.0.1", ports: dict[str, int] | None = None
) -> Iterator[dict[str, str]]:
    """Serve each fake on its own port; yields ``{fake.name: API root URL}``."""
    servers: list[FakeServer] = []
    try:
        for fake in fakes:
            servers.append(FakeServer(fake, host, (ports or {}).get(fake.name, 0)).start())
        yield {server.fake.name: server.url for server in servers}
    finally:
        for server in servers:
            server.stop()


class _QuietServer(ThreadingHTTPServer):
    """One line on stderr, never a traceback, when a connection fails outside ``dispatch``
    (e.g. the client hangs up mid-request); the fake itself answers every error it sees."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind = sys.exc_info()[0]
        name = kind.__name__ if kind is not None else "error"
        print(f"fake server: {name} on a connection from {client_address[0]}", file=sys.stderr)


class FakeRequestHandler(BaseHTTPRequestHandler):
    """Reads one HTTP request, hands it to ``fake.dispatch`` and writes the answer."""

    fake: FakeService
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def _dispatch(self) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        length = _content_length(self.headers.get("Content-Length"))
        too_big = length > fake.max_body
        body = b"" if too_big else self.rfile.read(length)
        try:
            response = fake.dispatch(
                self.command,
                split.path or "/",
                split.query,
                Headers.of(self.headers.items()),
                body,
                body_length=length,
            )
        except DropConnection as drop:
            self._drop(drop)
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if too_big:  # the unread body is still on the socket
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _drop(self, drop: DropConnection) -> None:
        if drop.kind == "timeout":
            time.sleep(drop.seconds)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def __getattr__(self, name: str) -> Any:
        """Every method (``do_GET``, ``do_TRACE``, ...) goes to the route table (405 there)."""
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the journal is the log."""


def _handler_class(fake: FakeService) -> type[FakeRequestHandler]:
    attrs = {"fake": fake, "server_version": f"{fake.name}-fake"}
    return type(f"{type(fake).__name__}RequestHandler", (FakeRequestHandler,), attrs)


def _content_length(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0
