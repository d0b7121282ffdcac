"""Customerp handlers: read the request, call the store, serialise (no rules here)."""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from typing import Any

from fakes.core import FakeRequest, FakeResponse, format_iso_z, parse_iso
from fakes.customerp.errors import BadRequest
from fakes.customerp.models import CustomerpStore

LIST_PARAMS = frozenset({"limit", "cursor", "updated_since"})
DEFAULT_LIMIT, MAX_LIMIT = 100, 500


class CustomerpHandlers:
    """One method per operation; ``request.params["collection"]`` comes from the route."""

    def __init__(self, store: CustomerpStore) -> None:
        self.store = store

    def list_records(self, request: FakeRequest) -> FakeResponse:
        query = request.query
        for name in query:
            if name not in LIST_PARAMS:
                raise BadRequest(f"unknown query parameter {name!r}", name)
        limit = _limit(query.get("limit"))
        after = decode_cursor(query["cursor"]) if query.get("cursor") else 0
        since = _since(query["updated_since"]) if "updated_since" in query else None
        rows, last = self.store.page(request.params["collection"], limit, after, since)
        cursor = encode_cursor(last) if last is not None else None
        return FakeResponse.json({"data": rows, "next_cursor": cursor})

    def create_record(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        return _one(self.store.create(collection, request.json()), 201)

    def get_record(self, request: FakeRequest) -> FakeResponse:
        return _one(self.store.get(request.params["collection"], request.params["id"]))

    def replace_record(self, request: FakeRequest) -> FakeResponse:
        params, body = request.params, request.json()
        row = self.store.replace(params["collection"], params["id"], body, _if_match(request))
        return _one(row)

    def delete_record(self, request: FakeRequest) -> FakeResponse:
        params = request.params
        self.store.delete(params["collection"], params["id"], _if_match(request))
        return FakeResponse.empty(204)


def _one(row: dict[str, Any], status: int = 200) -> FakeResponse:
    return FakeResponse.json(row, status, {"ETag": f'"{row["version"]}"'})


def encode_cursor(after_id: int) -> str:
    """Opaque to clients: base64url of ``after:<id>``."""
    return base64.urlsafe_b64encode(f"after:{after_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix == "after" and number.isdigit():
            return int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise BadRequest("cursor is not one this API handed out", "cursor")


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.strip().isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise BadRequest(f"limit must be an integer 1..{MAX_LIMIT}", "limit")
    return int(raw)


def _since(raw: str) -> str:
    """As a stored-stamp string, rounded up to the millisecond (stamps compare as text)."""
    try:
        dt = parse_iso(raw)
        if dt.microsecond % 1000:
            dt += timedelta(microseconds=1000 - dt.microsecond % 1000)
    except (ValueError, OverflowError):
        raise BadRequest("updated_since must be an ISO 8601 timestamp", "updated_since") from None
    return format_iso_z(dt)


def _if_match(request: FakeRequest) -> int | None:
    raw = request.headers.get("if-match")
    if raw is None or raw.strip() == "*":
        return None
    text = raw.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise BadRequest('If-Match must be a version such as "3"', "If-Match")
    return int(text)
