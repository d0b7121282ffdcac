"""The route table as a WSGI application on werkzeug: mount a fake in any WSGI server.

``FakeWSGIApp(fake)`` reads the request with werkzeug (``Content-Length`` or chunked bodies),
hands it to ``fake.dispatch`` and answers with a werkzeug ``Response``. An injected dropped
connection (``DropConnection``) needs the server's help: a server that puts a callable under
``DROP_KEY`` in the environ (the served fakes' cheroot gateway does) closes the connection
without an answer; under any other server the exception propagates to that server, which
answers with its own error (usually a 500) or closes the connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit

from werkzeug.wrappers import Request, Response

from fakes.core.messages import DropConnection, Headers
from fakes.core.service import FakeService

DROP_KEY = "fakes.drop_connection"  # environ: callable(DropConnection) that drops the socket
DRAIN_LIMIT = 64 * 1024 * 1024  # an over-size body is read and dropped up to this many bytes


class _BareResponse(Response):
    """No default Content-Type: the fake's answer carries exactly its own headers."""

    default_mimetype = None


class FakeWSGIApp:
    """A WSGI application answering every request from one fake's route table."""

    def __init__(self, fake: FakeService) -> None:
        self.fake = fake

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        length = request.content_length  # None for a chunked body
        limit = self.fake.max_body
        too_big = length is not None and length > limit
        body = b"" if too_big else request.stream.read(limit + 1)
        try:
            answer = self.fake.dispatch(
                request.method,
                _wire_path(environ),
                environ.get("QUERY_STRING", ""),
                Headers.of(request.headers.items()),
                body,
                body_length=length if length is not None else len(body),
            )
        except DropConnection as drop:
            dropper = environ.get(DROP_KEY)
            if dropper is None:
                raise
            dropper(drop)
            return []
        headers = list(answer.headers.items())
        if too_big or len(body) > limit:
            _drain(request)  # so the client, still sending, reads the 413 instead of a reset
            headers.append(("Connection", "close"))
        response = _BareResponse(answer.body, status=answer.status, headers=headers)
        return response(environ, start_response)


def _drain(request: Request) -> None:
    """Read and drop the rest of an over-size body (up to ``DRAIN_LIMIT`` bytes)."""
    drained = 0
    while drained < DRAIN_LIMIT:
        chunk = request.stream.read(64 * 1024)
        if not chunk:
            return
        drained += len(chunk)


def _wire_path(environ: dict[str, Any]) -> str:
    """The path as the client sent it (percent-encoded), as the route table expects it."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw and not environ.get("SCRIPT_NAME"):
        return urlsplit(raw).path or "/"
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
    return quote(path, safe="/:@!$&'()*+,;=~") or "/"
