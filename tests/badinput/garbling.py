"""Garbled answers for the bad-input campaign: wraps the in-process fakes' responses callbacks
so that the Nth successful answer (from N on) reaches the engine malformed - truncated JSON,
an HTML error page with status 200, the wrong JSON shape, string ids, missing ids, no body."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import responses

HTML_PAGE = b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>"
ID_KEYS = ("id", "OrganisationId", "PersonId", "ProductId")
KINDS = ("truncated", "html-200", "wrong-shape", "string-ids", "missing-ids", "empty-200")
Answer = tuple[int, dict[str, str], bytes]


def _records(data: Any, change: Callable[[dict[str, Any]], None]) -> Any:
    """Apply ``change`` to every record of a list, a page ``{data: [...]}`` or one record."""
    rows = data.get("data", [data]) if isinstance(data, dict) else data
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            change(row)
    return data


def garble(kind: str, answer: Answer) -> Answer:
    """The answer with its body (or status and content type) made malformed."""
    status, headers, body = answer
    json_type = {"Content-Type": "application/json; charset=utf-8"}
    if kind == "truncated":
        return status, headers, body[: max(1, len(body) // 2)] if len(body) > 1 else b"["
    if kind == "html-200":
        return 200, {"Content-Type": "text/html"}, HTML_PAGE
    if kind == "empty-200":
        return 200, json_type, b""
    try:
        data = json.loads(body)
    except ValueError:
        return status, headers, body[: len(body) // 2]
    if kind == "wrong-shape":
        data = {"items": data} if isinstance(data, list) else [data]
    elif kind == "string-ids":
        data = _records(data, lambda r: r.update({k: f"#{r[k]}" for k in ID_KEYS if k in r}))
    else:
        data = _records(data, _drop_ids)
    return status, json_type, json.dumps(data).encode()


def _drop_ids(record: dict[str, Any]) -> None:
    for key in ID_KEYS:
        record.pop(key, None)


@dataclass
class Garbler:
    """Counts the answers of both fakes; garbles the first 2xx JSON answer from ``at`` on."""

    kind: str = ""
    at: int | None = None  # None: nothing armed
    seen: int = 0
    garbled: list[str] = field(default_factory=list)  # "system METHOD /path" of each garbled

    def arm(self, kind: str, at: int) -> None:
        self.kind, self.at, self.seen = kind, at, 0

    def disarm(self) -> None:
        self.at = None

    def install(self, rsps: responses.RequestsMock, systems: dict[str, str]) -> None:
        """Wrap every registered callback; ``systems`` maps a host to its system name."""
        for registered in rsps.registered():
            callback = getattr(registered, "callback", None)
            if callback is None:
                continue
            registered.callback = self._wrap(systems, callback)  # type: ignore[attr-defined]

    def _wrap(
        self, systems: dict[str, str], callback: Callable[[Any], Any]
    ) -> Callable[[Any], Any]:
        def answer(request: Any) -> Any:
            result = callback(request)
            system = next((name for host, name in systems.items() if host in request.url), "?")
            if self.at is None or isinstance(result, Exception):
                return result
            self.seen += 1
            status, headers, body = result
            if self.seen <= self.at or not 200 <= status < 300 or not body:
                return result
            self.at = None
            path = urlsplit(request.url).path
            self.garbled.append(f"{system} {request.method} {path}")
            return garble(self.kind, (status, dict(headers), body))

        return answer
