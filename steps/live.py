"""Live systems: Customerp and webCRM through their public APIs, scoped to this run's test data.

In live mode "a person edits X in the UI" is an edit through the system's own API with a
plain client: these clients are the suite's, deliberately not the engine's, so an engine's
client bug cannot hide itself. Every record the suite creates carries the run prefix
(``talkqa-<run id>-<scenario>-``) in its scope field (``SCOPE_FIELDS``); ``records()`` returns
only records of the scenario's prefix, and nothing outside it is ever edited or deleted.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from checklist.systems import KINDS

# The field of each collection that carries the prefix (and identifies test data).
SCOPE_FIELDS = {k.collection: k.scope_field for k in KINDS}
# Further fields that get the prefix when the suite creates a record (unique in the system).
ALSO_PREFIXED = {"products": ("sku",)}
PAGE = 500
TIMEOUT = 30.0
RETRIES = 5  # 429 and 5xx answers, waited out with Retry-After (or 1, 2, 4 ... seconds)


class LiveApiError(RuntimeError):
    """A live system refused a call: method, path, status and its error text (no secrets)."""


class LiveLimitation(Exception):
    """The live system's API cannot do what the step asks (the scenario is skipped)."""


@dataclass(frozen=True)
class Scope:
    """One scenario's test data: every scope field starts with ``prefix``."""

    prefix: str

    def owns(self, collection: str, record: dict[str, Any]) -> bool:
        value = record.get(SCOPE_FIELDS[collection])
        return isinstance(value, str) and value.startswith(self.prefix)

    def mark(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        """``fields`` with the prefix in front of the scope field (and other unique fields)."""
        marked = dict(fields)
        for name in (SCOPE_FIELDS[collection], *ALSO_PREFIXED.get(collection, ())):
            if marked.get(name):
                marked[name] = self.prefix + str(marked[name])
        return marked


class LiveApi:
    """One API's HTTP calls: auth headers, retries of 429/5xx, errors as LiveApiError."""

    def __init__(self, root: str, auth: Callable[[bool], dict[str, str]], sleep: Any) -> None:
        self.root = root.rstrip("/")
        self.session = requests.Session()
        self.session.trust_env = False  # as the engine's clients: no proxies from the env
        self._auth = auth
        self._sleep = sleep

    def call(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        renewed = False
        for attempt in range(RETRIES + 1):
            sent = {**self._auth(renewed), **(headers or {})}
            response = self.session.request(
                method, self.root + path, headers=sent, timeout=TIMEOUT, **kwargs
            )
            if response.status_code == 401 and not renewed:
                renewed = True
                continue
            if response.status_code in (429, 502, 503, 504) and attempt < RETRIES:
                self._sleep(_retry_after(response, attempt))
                continue
            if response.status_code >= 400:
                detail = " ".join(response.text.split())[:300]  # the API's error body, short
                raise LiveApiError(f"{method} {path}: HTTP {response.status_code} {detail}")
            return response
        raise LiveApiError(f"{method} {path}: still refused after {RETRIES} retries")


def _retry_after(response: requests.Response, attempt: int) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return float(2**attempt)


def owned(api: LiveApi, scope: Scope, collection: str, id: int) -> dict[str, Any]:
    """The record ``id``, read fresh; a LiveApiError if it is not test data of ``scope``."""
    record = dict(api.call("GET", f"/{collection}/{int(id)}").json())
    if not scope.owns(collection, record):
        raise LiveApiError(f"{collection} {id} is not test data of this run; not touched")
    return record


class LiveCustomerp:
    """Customerp's REST API (bearer API key, cursor paging); ``records`` is scope-filtered."""

    def __init__(self, url: str, api_key: str, scope: Scope, sleep: Any = time.sleep) -> None:
        self.base_url = url.rstrip("/")
        self.scope = scope
        self._key = api_key
        self.api = LiveApi(url, lambda renewed: {"Authorization": f"Bearer {self._key}"}, sleep)

    def __repr__(self) -> str:
        return f"LiveCustomerp({self.base_url!r})"

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"limit": PAGE}
        while True:
            body = self.api.call("GET", f"/{collection}", params=params).json()
            yield from body["data"]
            if not body.get("next_cursor"):
                return
            params = {"limit": PAGE, "cursor": body["next_cursor"]}

    def records(self, collection: str) -> list[dict[str, Any]]:
        return [r for r in self.all_records(collection) if self.scope.owns(collection, r)]

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return dict(self.api.call("POST", f"/{collection}", json=fields).json())

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Read, change, write back with If-Match; re-read when an engine wrote in between."""
        for _ in range(RETRIES):
            record = self._owned(collection, id)
            headers = {"If-Match": f'"{record["version"]}"'}
            body = {**record, **fields}  # read-only fields in a body are ignored
            try:
                answer = self.api.call("PUT", f"/{collection}/{int(id)}", headers, json=body)
            except LiveApiError as exc:
                if "HTTP 412" in str(exc):
                    continue
                raise
            return dict(answer.json())
        raise LiveApiError(f"{collection} {id}: changed by someone else {RETRIES} times running")

    def ui_delete(self, collection: str, id: int) -> None:
        self._owned(collection, id)
        self.api.call("DELETE", f"/{collection}/{int(id)}")

    def _owned(self, collection: str, id: int) -> dict[str, Any]:
        return owned(self.api, self.scope, collection, id)


class LiveWebcrm:
    """webCRM's REST API v1 (ApiLogin, Page/Size paging); ``records`` is scope-filtered."""

    def __init__(self, url: str, auth_code: str, scope: Scope, sleep: Any = time.sleep) -> None:
        self.base_url = url.rstrip("/")
        self.scope = scope
        self._auth_code = auth_code
        self._token: str | None = None
        self._login_api = LiveApi(url, lambda renewed: {}, sleep)
        self.api = LiveApi(url, self._bearer, sleep)

    def __repr__(self) -> str:
        return f"LiveWebcrm({self.base_url!r})"

    def _bearer(self, renew: bool) -> dict[str, str]:
        if self._token is None or renew:
            answer = self._login_api.call(
                "POST", "/Auth/ApiLogin", data={"authCode": self._auth_code}
            )
            self._token = str(answer.json()["AccessToken"])
        return {"Authorization": f"Bearer {self._token}"}

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            params = {"Page": page, "Size": PAGE}
            rows = self.api.call("GET", f"/{collection}", params=params).json()
            yield from rows
            if len(rows) < PAGE:
                return
            page += 1

    def records(self, collection: str) -> list[dict[str, Any]]:
        return [r for r in self.all_records(collection) if self.scope.owns(collection, r)]

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        new_id = int(self.api.call("POST", f"/{collection}", json=fields).json())
        return dict(self.api.call("GET", f"/{collection}/{new_id}").json())

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        dto = self._owned(collection, id)
        self.api.call("PUT", f"/{collection}/{int(id)}", json={**dto, **fields})
        return dict(self.api.call("GET", f"/{collection}/{int(id)}").json())

    def ui_delete(self, collection: str, id: int) -> None:
        if collection != "Products":
            raise LiveLimitation(f"webCRM's API cannot delete {collection} (only Products)")
        self._owned(collection, id)
        self.api.call("DELETE", f"/{collection}/{int(id)}")

    def _owned(self, collection: str, id: int) -> dict[str, Any]:
        return owned(self.api, self.scope, collection, id)


# Customerp collections in the order they can be deleted (contacts before their customer).
CLEANUP_ORDER = ("contacts", "products", "customers")


def clean_up(customerp: LiveCustomerp, webcrm: LiveWebcrm, run_prefix: str) -> list[str]:
    """Delete every record of the run the APIs can delete; returns what could not go."""
    run = Scope(run_prefix)
    problems: list[str] = []
    for system, collections in ((customerp, CLEANUP_ORDER), (webcrm, ("Products",))):
        for collection in collections:
            for record in list(system.all_records(collection)):
                if not run.owns(collection, record):
                    continue
                key = "id" if system is customerp else "ProductId"
                try:
                    system.api.call("DELETE", f"/{collection}/{int(record[key])}")
                except LiveApiError as exc:
                    problems.append(str(exc))
    return problems


class WallClock:
    """Live systems keep their own time: ``now()`` is the wall clock; it cannot be moved."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def advance(self, seconds: float) -> datetime:
        raise LiveLimitation("live systems' clocks cannot be moved")


@dataclass
class LiveRun:
    """One pytest process's live run: its prefix, its engine state, the marker, the cleanup.

    ``barrier()`` proves that an external engine ran a cycle: it renames this run's marker
    Customer in Customerp and waits until webCRM shows the new name.
    """

    customerp: LiveCustomerp
    webcrm: LiveWebcrm
    folder: Path
    run_id: str
    scenarios: int = 0
    marks: int = 0
    marker_id: int | None = None

    @classmethod
    def open(cls, urls: tuple[str, str], secrets_: tuple[str, str], folder: Path) -> LiveRun:
        """A run with a fresh id: ``urls`` and ``secrets_`` are (Customerp, webCRM)."""
        run_id = secrets.token_hex(4)
        scope = Scope(f"talkqa-{run_id}-")
        return cls(
            LiveCustomerp(urls[0], secrets_[0], scope),
            LiveWebcrm(urls[1], secrets_[1], scope),
            folder,
            run_id,
        )

    @property
    def prefix(self) -> str:
        return f"talkqa-{self.run_id}-"

    @property
    def state_path(self) -> Path:
        return self.folder / "talksync-live.sqlite"

    def next_scope(self) -> Scope:
        self.scenarios += 1
        return Scope(f"{self.prefix}{self.scenarios}-")

    def barrier(self, timeout: float, poll: float) -> None:
        self.marks += 1
        name = f"{self.prefix}marker-{self.marks}"
        if self.marker_id is None:
            self.marker_id = int(self.customerp.ui_create("customers", {"name": name})["id"])
        else:
            self.customerp.ui_update("customers", self.marker_id, {"name": name})
        deadline = time.monotonic() + timeout
        while not any(
            o.get("OrganisationName") == name for o in self.webcrm.all_records("Organisations")
        ):
            if time.monotonic() > deadline:
                raise LiveApiError(
                    f"no sync cycle ran within {timeout:g} s: the marker Customer {name!r} did "
                    "not arrive in webCRM (is the external engine running?)"
                )
            time.sleep(poll)

    def clean_up(self) -> list[str]:
        return clean_up(self.customerp, self.webcrm, self.prefix)
