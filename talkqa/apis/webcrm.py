"""webCRM's REST API v1 as the harness uses it: ApiLogin bearer token, Page/Size paging."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from talkqa.apis.http import HttpApi

PAGE = 500


class WebcrmApi:
    """Organisations, Persons and Products of one webCRM system, through its public API."""

    def __init__(
        self, url: str, auth_code: str, sleep: Callable[[float], Any] = time.sleep
    ) -> None:
        self.base_url = url.rstrip("/")
        self._auth_code = auth_code
        self._token: str | None = None
        self.http = HttpApi(url, self._bearer, sleep)

    def __repr__(self) -> str:
        return f"WebcrmApi({self.base_url!r})"

    def _bearer(self, renew: bool) -> dict[str, str]:
        """The bearer header; logs in first, and again when the token was refused."""
        if self._token is None or renew:
            login = HttpApi(self.base_url, sleep=self.http.sleep, session=self.http.session)
            answer = login.call("POST", "/Auth/ApiLogin", data={"authCode": self._auth_code})
            self.http.requests += login.requests
            self._token = str(answer.json()["AccessToken"])
        return {"Authorization": f"Bearer {self._token}"}

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            params = {"Page": page, "Size": PAGE}
            rows = self.http.call("GET", f"/{collection}", params=params).json()
            yield from rows
            if len(rows) < PAGE:
                return
            page += 1

    def get(self, collection: str, id: int) -> dict[str, Any]:
        return dict(self.http.call("GET", f"/{collection}/{int(id)}").json())

    def create(self, collection: str, dto: dict[str, Any]) -> int:
        """POST one DTO; webCRM answers with the new id."""
        return int(self.http.call("POST", f"/{collection}", json=dto).json())

    def replace(self, collection: str, id: int, dto: dict[str, Any]) -> None:
        self.http.call("PUT", f"/{collection}/{int(id)}", json=dto)

    def delete(self, collection: str, id: int) -> None:
        self.http.call("DELETE", f"/{collection}/{int(id)}")
