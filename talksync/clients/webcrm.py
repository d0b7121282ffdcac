"""Client of webCRM's REST API v1: ApiLogin/ApiRefresh, Page/Size paging, /Queries change
filter, bulk PATCH upserts (at most 1000 DTOs per request)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import requests

from talksync.clients.http import (
    error_detail,
    header_value,
    json_answer,
    new_session,
    record_with_id,
)
from talksync.clock import Clock, format_webcrm
from talksync.errors import ApiError, BadResponse, ConfigError, CredentialsRefused
from talksync.retry import RetryPolicy

Dto = dict[str, Any]
MAX_PAGE = 1000
MAX_PATCH = 1000
REFRESH_MARGIN = timedelta(seconds=60)
MAX_TOKEN_LIFETIME = 30 * 24 * 3600.0  # an absurd ExpiresIn is not believed beyond this


def table_of(collection: str) -> str:
    """The /Queries table of a collection: ``Organisations`` -> ``Organisation``."""
    return collection[:-1] if collection.endswith("s") else collection


class WebcrmClient:
    """Organisations, Persons and Products of one webCRM system."""

    system = "webcrm"

    def __init__(
        self,
        base_url: str,
        auth_code: str,
        retry: RetryPolicy,
        clock: Clock,
        *,
        timeout: float = 30.0,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._auth_code = auth_code
        self._retry = retry
        self._clock = clock
        self._timeout = timeout
        self._session = new_session()
        self._session.headers["Accept"] = "application/json"
        self._access: str | None = None
        self._refresh: str | None = None
        self._expires_at: datetime | None = None
        self.requests = 0  # HTTP requests sent, logins and retries included

    def __repr__(self) -> str:
        return f"WebcrmClient({self._base!r})"

    # -- reading ---------------------------------------------------------------------------
    def records(self, collection: str, *, size: int = MAX_PAGE) -> Iterator[Dto]:
        """Every DTO of a collection, page by page until a short page."""
        yield from self._pages(f"/{collection}", {}, size, f"{table_of(collection)}Id")

    def changed_since(
        self, collection: str, since: datetime, *, size: int = MAX_PAGE
    ) -> Iterator[Dto]:
        """DTOs updated at or after ``since``, through ``/Queries``."""
        table = table_of(collection)
        script = f"SELECT * FROM {table} WHERE {table}UpdatedAt >= '{format_webcrm(since)}'"
        yield from self._pages("/Queries", {"script": script}, size, f"{table}Id")

    def matching(self, collection: str, field: str, value: Any) -> Iterator[Dto]:
        """DTOs whose ``field`` equals ``value``, through ``/Queries`` (webCRM compares text
        case-insensitively: callers compare the answers exactly themselves)."""
        if not field.isidentifier():
            raise ValueError(f"not a webCRM field name: {field!r}")
        literal = (
            repr(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else "'" + str(value).replace("'", "''") + "'"
        )
        table = table_of(collection)
        yield from self._pages(
            "/Queries",
            {"script": f"SELECT * FROM {table} WHERE {field} = {literal}"},
            MAX_PAGE,
            f"{table}Id",
        )

    def get(self, collection: str, entity_id: int) -> Dto:
        what = f"webcrm GET /{collection}/{entity_id}"
        body = json_answer(self._request("GET", f"/{collection}/{entity_id}"), what, dict)
        table = table_of(collection)
        return dict(record_with_id(body, f"{table}Id", f"{table}UpdatedAt", what))

    def _pages(self, path: str, params: dict[str, Any], size: int, id_field: str) -> Iterator[Dto]:
        page, what = 1, f"webcrm GET {path}"
        while True:
            response = self._request("GET", path, params={**params, "Page": page, "Size": size})
            rows = json_answer(response, what, list)
            stamp_field = id_field.removesuffix("Id") + "UpdatedAt"
            yield from (record_with_id(row, id_field, stamp_field, what) for row in rows)
            if len(rows) < size:
                return
            page += 1

    # -- writing ---------------------------------------------------------------------------
    def upsert(self, collection: str, dtos: list[Dto]) -> list[str]:
        """PATCH: insert DTOs with id 0, update the others. One answer string per DTO: the
        assigned id of an insert, or an error message. Inserts are never resent blindly."""
        if len(dtos) > MAX_PATCH:
            raise ValueError(f"at most {MAX_PATCH} DTOs per PATCH, got {len(dtos)}")
        id_field = f"{table_of(collection)}Id"
        inserts = any(not dto.get(id_field) for dto in dtos)
        response = self._request("PATCH", f"/{collection}", json=dtos, idempotent=not inserts)
        answer = json_answer(response, f"webcrm PATCH /{collection}", list)
        if not all(isinstance(item, str | int | None) for item in answer):
            raise BadResponse(f"webcrm PATCH /{collection}: an answer item is not a string")
        return ["" if item is None else str(item) for item in answer]

    # -- authentication --------------------------------------------------------------------
    def _token(self) -> str:
        if self._access is None or self._expires_at is None:
            self._login()
        elif self._clock() >= self._expires_at - REFRESH_MARGIN:
            self._renew()
        assert self._access is not None
        return self._access

    def _login(self) -> None:
        response = self._send_auth("/Auth/ApiLogin", data={"authCode": self._auth_code})
        self._take_tokens(response, "/Auth/ApiLogin")

    def _renew(self) -> None:
        """ApiRefresh with the refresh token; a fresh ApiLogin when that fails."""
        if self._refresh is None:
            self._login()
            return
        response = self._send_auth("/Auth/ApiRefresh", headers={"refreshToken": self._refresh})
        try:
            self._take_tokens(response, "/Auth/ApiRefresh")
        except ApiError:
            self._login()

    def _send_auth(
        self,
        path: str,
        *,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        url = self._base + path

        def send() -> requests.Response:
            self.requests += 1
            return self._session.post(url, data=data, headers=headers, timeout=self._timeout)

        return self._retry.send(send, idempotent=True, what=f"webcrm POST {path}")

    def _take_tokens(self, response: requests.Response, path: str) -> None:
        try:
            body = response.json() if response.status_code < 400 else None
        except ValueError:
            body = None
        if not isinstance(body, dict) or body.get("IsError") or not body.get("AccessToken"):
            # Never echo the body: it may carry tokens.
            raise CredentialsRefused(
                self.system, "POST", path, response.status_code, "login refused"
            )
        try:
            access = header_value(str(body["AccessToken"]), "the access token")
            refresh = body.get("RefreshToken")
            refresh = header_value(str(refresh), "the refresh token") if refresh else None
        except ConfigError as exc:  # never send a token requests would echo in its error
            raise BadResponse(f"webcrm POST {path}: {exc}") from None
        expires_in = body.get("ExpiresIn") or 3600
        if isinstance(expires_in, bool) or not isinstance(expires_in, int | float):
            raise BadResponse(f"webcrm POST {path}: ExpiresIn is not a number of seconds")
        seconds = float(expires_in)
        lifetime = min(seconds, MAX_TOKEN_LIFETIME) if seconds > 0 else 0.0  # NaN: 0
        self._access, self._refresh = access, refresh
        self._expires_at = self._clock() + timedelta(seconds=lifetime)

    # -- one request -----------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        idempotent: bool = True,
    ) -> requests.Response:
        url = self._base + path
        for attempt in (1, 2):
            token = self._token()

            def send(token: str = token) -> requests.Response:
                self.requests += 1
                return self._session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=self._timeout,
                )

            response = self._retry.send(send, idempotent=idempotent, what=f"webcrm {method} {path}")
            if response.status_code == 401 and attempt == 1:
                self._renew()  # expired or revoked: renew and send once more
                continue
            break
        if response.status_code >= 400:
            raise ApiError(self.system, method, path, response.status_code, error_detail(response))
        return response
