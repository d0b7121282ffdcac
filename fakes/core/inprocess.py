"""InProcess: the fakes answer `requests` calls via `responses`, one callback per host+method."""

from __future__ import annotations

import re
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import requests
import responses

from fakes.core.messages import DropConnection, Headers
from fakes.core.service import FakeService

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")


class InProcess:
    """``with InProcess(webcrm, customerp) as mock:`` routes requests to the fakes' base URLs.

    Pass ``mock=`` to install into an existing ``responses.RequestsMock`` (then it is
    neither started nor stopped here). Other URLs are left to that mock (unmatched ->
    ``requests.ConnectionError`` as usual with ``responses``).
    """

    def __init__(self, *fakes: FakeService, mock: responses.RequestsMock | None = None) -> None:
        hosts = [fake.host for fake in fakes]
        if len(set(hosts)) != len(hosts):
            raise ValueError("two fakes on one host; give them different base URLs")
        self.fakes = fakes
        self._own = mock is None
        self.mock = mock or responses.RequestsMock(assert_all_requests_are_fired=False)

    def __enter__(self) -> responses.RequestsMock:
        if self._own:
            self.mock.start()
        for fake in self.fakes:
            pattern = re.compile("^" + re.escape(fake.host) + r"(?:[/?#].*)?$")
            callback = _callback(fake)
            for method in METHODS:
                self.mock.add_callback(method, pattern, callback=callback, content_type=None)
        return self.mock

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._own:
            self.mock.stop()
            self.mock.reset()


def _callback(fake: FakeService) -> Any:
    def answer(request: requests.PreparedRequest) -> Any:
        split = urlsplit(request.url or "")
        try:
            response = fake.dispatch(
                request.method or "GET",
                split.path or "/",
                split.query,
                Headers.of(request.headers.items()),
                _body_bytes(request.body),
            )
        except DropConnection as drop:
            if drop.kind == "timeout":
                return requests.exceptions.ReadTimeout(f"{fake.name} fake: injected timeout")
            return requests.exceptions.ConnectionError(f"{fake.name} fake: connection dropped")
        return response.status, response.headers, response.body

    return answer


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)
