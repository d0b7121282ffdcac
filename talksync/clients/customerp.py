"""Client of the Customerp REST API (bearer API key, cursor paging, updated_since, If-Match)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import requests

from talksync.clients.http import (
    error_detail,
    header_value,
    json_answer,
    new_session,
    record_with_id,
)
from talksync.clock import format_customerp
from talksync.errors import ApiError, BadResponse, StaleVersion
from talksync.retry import RetryPolicy

Record = dict[str, Any]


class CustomerpClient:
    """Customers, contacts and products of one Customerp installation."""

    system = "customerp"

    def __init__(
        self, base_url: str, api_key: str, retry: RetryPolicy, *, timeout: float = 30.0
    ) -> None:
        self._base = base_url.rstrip("/")
        self._retry = retry
        self._timeout = timeout
        self._session = new_session()
        key = header_value(api_key, "the Customerp API key")
        self._session.headers["Authorization"] = f"Bearer {key}"
        self._session.headers["Accept"] = "application/json"
        self.requests = 0  # HTTP requests sent, retries included

    def __repr__(self) -> str:
        return f"CustomerpClient({self._base!r})"

    def records(
        self, collection: str, *, updated_since: datetime | None = None, limit: int = 500
    ) -> Iterator[Record]:
        """All records (or those updated at or after ``updated_since``), following cursors."""
        params: dict[str, Any] = {"limit": limit}
        if updated_since is not None:
            params["updated_since"] = format_customerp(updated_since)
        what = f"customerp GET /{collection}"
        while True:
            body = json_answer(self._request("GET", f"/{collection}", params=params), what, dict)
            rows, cursor = body.get("data"), body.get("next_cursor")
            if not isinstance(rows, list) or not isinstance(cursor, str | None):
                raise BadResponse(f"{what}: not a page {{data: [...], next_cursor}}")
            yield from (record_with_id(row, "id", "updated_at", what) for row in rows)
            if not cursor:
                return
            params = {**params, "cursor": cursor}

    def get(self, collection: str, record_id: int) -> Record:
        return self._record(self._request("GET", f"/{collection}/{record_id}"), "GET", collection)

    def create(self, collection: str, body: Record) -> Record:
        """POST a new record; a 5xx or dropped connection raises WriteUncertain, never resends."""
        response = self._request("POST", f"/{collection}", json=body, idempotent=False)
        return self._record(response, "POST", collection)

    def _record(self, response: requests.Response, method: str, collection: str) -> Record:
        what = f"customerp {method} /{collection}"
        return dict(record_with_id(json_answer(response, what, dict), "id", "updated_at", what))

    def replace(self, collection: str, record_id: int, body: Record, version: int) -> Record:
        """PUT the writable fields with ``If-Match``; a stale version raises StaleVersion."""
        response = self._request(
            "PUT",
            f"/{collection}/{record_id}",
            json=body,
            headers={"If-Match": f'"{version}"'},
        )
        return self._record(response, "PUT", collection)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = True,
    ) -> requests.Response:
        url = self._base + path

        def send() -> requests.Response:
            self.requests += 1
            return self._session.request(
                method, url, params=params, json=json, headers=headers, timeout=self._timeout
            )

        response = self._retry.send(send, idempotent=idempotent, what=f"customerp {method} {path}")
        if response.status_code == 412:
            raise StaleVersion(f"customerp {method} {path}: HTTP 412 (record changed)")
        if response.status_code >= 400:
            raise ApiError(self.system, method, path, response.status_code, error_detail(response))
        return response
