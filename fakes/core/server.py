"""Served mode: each fake's WSGI application (``FakeWSGIApp``) on a cheroot server on loopback,
HTTP/1.1 with keep-alive connections and chunked request bodies."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from cheroot import wsgi

from fakes.core.messages import DropConnection
from fakes.core.service import FakeService
from fakes.core.wsgi import DROP_KEY, FakeWSGIApp


class FakeServer:
    """One fake on ``http://host:port``; ``url`` is its API root. ``start()`` / ``stop()``.

    The port is bound in the constructor (OSError when it is busy)."""

    def __init__(self, fake: FakeService, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self.app = FakeWSGIApp(fake)
        self.server = _QuietServer((host, port), self.app, server_name=f"{fake.name}-fake")
        self.server.gateway = _DroppingGateway
        self.server.prepare()  # binds and listens
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server.bind_addr[:2]
        text = str(host)
        shown = f"[{text}]" if ":" in text else text
        return f"http://{shown}:{port}{self.fake.root_path}"

    def start(self) -> FakeServer:
        name = f"{self.fake.name}-fake-server"
        self._thread = threading.Thread(target=self.server.serve, name=name, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


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


class _QuietServer(wsgi.Server):
    """One line on stderr, never a traceback, when a connection fails outside ``dispatch``
    (e.g. the client hangs up mid-request); the fake itself answers every error it sees."""

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        kind = sys.exc_info()[0] if traceback else None
        what = kind.__name__ if kind is not None else (msg.strip().splitlines() or ["error"])[0]
        print(f"fake server: {what} ({msg.strip() or 'no detail'})", file=sys.stderr)


class _DroppingGateway(wsgi.Gateway_10):
    """cheroot's WSGI gateway, plus ``environ[DROP_KEY]``: close the socket, answer nothing."""

    def get_environ(self) -> dict[str, Any]:  # type: ignore[override]  # stubs say None
        environ: dict[str, Any] = super().get_environ()  # type: ignore[func-returns-value]
        environ[DROP_KEY] = self._drop
        return environ

    def _drop(self, drop: DropConnection) -> None:
        if drop.kind == "timeout":
            time.sleep(drop.seconds)
        request = self.req
        request.close_connection = True
        request.sent_headers = True  # nothing more goes out on this connection
        request.ready = False
        with contextlib.suppress(OSError):
            request.conn.socket.shutdown(socket.SHUT_RDWR)
