"""Transport-neutral request, response and error types of the fakes."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

MAX_BODY_BYTES = 1024 * 1024


class HttpError(Exception):
    """An API error answered to the client; each fake renders it in its own body format."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    def __repr__(self) -> str:
        return f"HttpError({self.status}, {self.code!r}, {self.message!r}, field={self.field!r})"


class DropConnection(Exception):
    """The fake answers nothing: ``kind`` is "connection_error" or "timeout".

    In-process this becomes ``requests.ConnectionError`` / ``requests.ReadTimeout``;
    served, the socket is closed without a response (after ``seconds`` for a timeout).
    """

    def __init__(self, kind: str, seconds: float = 0.0) -> None:
        super().__init__(kind)
        self.kind = kind
        self.seconds = seconds


class Headers(dict[str, str]):
    """Request headers with lower-cased names; ``headers.get("authorization")``.

    The repr shows names only: values such as ``Authorization`` or ``refreshToken`` are secrets.
    """

    @classmethod
    def of(cls, items: Any) -> Headers:
        return cls((str(k).lower(), str(v)) for k, v in items)

    def __repr__(self) -> str:
        return f"Headers({sorted(self)})"


@dataclass(slots=True)
class FakeRequest:
    """One API call as the fake sees it; ``path`` is below the API root, without query."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict, repr=False)
    headers: Headers = field(default_factory=Headers)  # repr: names only
    body: bytes = field(default=b"", repr=False)  # may hold an authCode form field
    params: dict[str, Any] = field(default_factory=dict)  # filled from the route pattern

    @classmethod
    def build(
        cls, method: str, path: str, query: str, headers: Headers, body: bytes
    ) -> FakeRequest:
        path = path.rstrip("/") or "/"
        args = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
        return cls(method.upper(), path, args, headers, body)

    def json(self) -> Any:
        """The body parsed as strict JSON (RFC 8259: no NaN, no Infinity, no number that
        overflows a double); HttpError 400 ``bad_request`` when missing or malformed."""
        if not self.body.strip():
            raise HttpError(400, "bad_request", "request body must be JSON, got an empty body")
        try:
            return json.loads(self.body, parse_constant=_refuse_constant, parse_float=_finite)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise HttpError(400, "bad_request", f"malformed JSON body: {exc}") from None

    def form(self) -> dict[str, str]:
        """Fields of a url-encoded or multipart/form-data body (last value wins)."""
        ctype = self.headers.get("content-type", "")
        if ctype.lower().startswith("multipart/form-data"):
            head = f"Content-Type: {ctype}\r\n\r\n".encode()
            msg = BytesParser(policy=HTTP).parsebytes(head + self.body)
            fields: dict[str, str] = {}
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                if isinstance(name, str) and isinstance(payload, bytes):
                    fields[name] = payload.decode("utf-8", "replace")
            return fields
        text = self.body.decode("utf-8", "replace")
        return dict(parse_qsl(text, keep_blank_values=True))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


@dataclass(slots=True)
class FakeResponse:
    """Status, headers and an encoded body, ready for either transport."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(
        cls, data: Any, status: int = 200, headers: dict[str, str] | None = None
    ) -> FakeResponse:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        hdrs = {"Content-Type": "application/json; charset=utf-8"}
        if headers:
            hdrs.update(headers)
        return cls(status, body, hdrs)

    @classmethod
    def empty(cls, status: int = 204, headers: dict[str, str] | None = None) -> FakeResponse:
        return cls(status, b"", dict(headers or {}))

    def parsed(self) -> Any:
        """The JSON body decoded (for tests and the control plane)."""
        return json.loads(self.body) if self.body else None
