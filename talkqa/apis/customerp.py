"""Customerp's REST API as the harness uses it: bearer API key, cursor paging, If-Match."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from talkqa.apis.http import HttpApi

PAGE = 500  # Customerp's largest page


class CustomerpApi:
    """Records of one Customerp system, read and written through its public API."""

    def __init__(self, url: str, api_key: str, sleep: Callable[[float], Any] = time.sleep) -> None:
        self.base_url = url.rstrip("/")
        self._key = api_key
        self.http = HttpApi(url, lambda renew: {"Authorization": f"Bearer {self._key}"}, sleep)

    def __repr__(self) -> str:
        return f"CustomerpApi({self.base_url!r})"

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"limit": PAGE}
        while True:
            body = self.http.call("GET", f"/{collection}", params=params).json()
            yield from body["data"]
            if not body.get("next_cursor"):
                return
            params = {"limit": PAGE, "cursor": body["next_cursor"]}

    def get(self, collection: str, id: int) -> dict[str, Any]:
        return dict(self.http.call("GET", f"/{collection}/{int(id)}").json())

    def create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return dict(self.http.call("POST", f"/{collection}", json=fields).json())

    def replace(self, collection: str, record: dict[str, Any]) -> dict[str, Any]:
        """PUT the whole record, guarded by its version (HTTP 412 if someone wrote since)."""
        headers = {"If-Match": f'"{record["version"]}"'}
        path = f"/{collection}/{int(record['id'])}"
        return dict(self.http.call("PUT", path, headers, json=record).json())

    def delete(self, collection: str, id: int) -> None:
        self.http.call("DELETE", f"/{collection}/{int(id)}")
