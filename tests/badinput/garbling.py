"""Garbled answers for the bad-input campaign: wraps the in-process fakes' responses callbacks
so that the Nth successful answer (from N on) reaches the engine malformed - truncated JSON,
an HTML error page with status 200, the wrong JSON shape, string ids, missing ids, stamps and
names of the wrong JSON type, no body. An answer the garbling would leave as it is (e.g. no
ids to drop) is passed on, and the next one is garbled instead."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import responses

HTML_PAGE = b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>"
ID_KEYS = ("id", "OrganisationId", "PersonId", "ProductId")
STAMP_KEYS = ("updated_at", "OrganisationUpdatedAt", "PersonUpdatedAt", "ProductUpdatedAt")
NAME_KEYS = ("name", "first_name", "OrganisationName", "PersonFirstName", "ProductCombined")
KINDS = ("truncated", "html-200", "wrong-shape", "string-ids", "missing-ids", "wrong-types",
         "empty-200")  # fmt: skip
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
    elif kind == "wrong-types":
        data = _records(data, _retype)
    else:
        data = _records(data, _drop_ids)
    return status, json_type, json.dumps(data).encode()


def _retype(record: dict[str, Any]) -> None:
    """Stamps become numbers, names become lists: JSON of the wrong type."""
    record.update({k: 1726012800 for k in STAMP_KEYS if k in record})
    record.update({k: [record[k]] for k in NAME_KEYS if k in record})


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
            garbled = garble(self.kind, (status, dict(headers), body))
            if _same(garbled[2], body):
                return result  # nothing to garble in this answer: garble the next one
            self.at = None
            path = urlsplit(request.url).path
            self.garbled.append(f"{system} {request.method} {path}")
            return garbled

        return answer


def _same(garbled: bytes, body: bytes | str) -> bool:
    """Whether the garbled body says what the answer said (e.g. no ids to drop)."""
    raw = body.encode() if isinstance(body, str) else body
    if garbled == raw:
        return True
    try:
        return bool(json.loads(garbled) == json.loads(raw))
    except ValueError:
        return False
