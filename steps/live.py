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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from checklist.systems import CONTACT, CP_PRODUCT, CUSTOMER, KINDS, ORGANISATION, WC_PRODUCT
from talkqa.apis import ApiError, CustomerpApi, WebcrmApi

# The field of each collection that carries the prefix (and identifies test data).
SCOPE_FIELDS = {k.collection: k.scope_field for k in KINDS}
ID_FIELDS = {k.collection: k.id_field for k in KINDS}
# Further fields that get the prefix when the suite creates a record (unique in the system).
ALSO_PREFIXED = {"products": ("sku",)}
EDIT_ATTEMPTS = 5  # re-reads of a Customerp record another writer changed in between


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


def owned(read: Any, scope: Scope, collection: str, id: int) -> dict[str, Any]:
    """The record ``id``, read fresh; an ApiError if it is not test data of ``scope``."""
    record = dict(read(collection, id))
    if not scope.owns(collection, record):
        raise ApiError(f"{collection} {id} is not test data of this run; not touched")
    return record


class LiveCustomerp:
    """Customerp through the harness's client; ``records`` is scope-filtered."""

    def __init__(self, url: str, api_key: str, scope: Scope, sleep: Any = time.sleep) -> None:
        self.api = CustomerpApi(url, api_key, sleep)
        self.base_url = self.api.base_url
        self.scope = scope

    def __repr__(self) -> str:
        return f"LiveCustomerp({self.base_url!r})"

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        return self.api.all_records(collection)

    def records(self, collection: str) -> list[dict[str, Any]]:
        return [r for r in self.all_records(collection) if self.scope.owns(collection, r)]

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return self.api.create(collection, fields)

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Read, change, write back with If-Match; re-read when an engine wrote in between."""
        for _ in range(EDIT_ATTEMPTS):
            record = owned(self.api.get, self.scope, collection, id)
            try:
                return self.api.replace(collection, {**record, **fields})  # read-only: ignored
            except ApiError as exc:
                if "HTTP 412" not in str(exc):
                    raise
        raise ApiError(f"{collection} {id}: changed by someone else {EDIT_ATTEMPTS} times running")

    def ui_delete(self, collection: str, id: int) -> None:
        owned(self.api.get, self.scope, collection, id)
        self.api.delete(collection, id)


class LiveWebcrm:
    """webCRM through the harness's client; ``records`` is scope-filtered."""

    def __init__(self, url: str, auth_code: str, scope: Scope, sleep: Any = time.sleep) -> None:
        self.api = WebcrmApi(url, auth_code, sleep)
        self.base_url = self.api.base_url
        self.scope = scope

    def __repr__(self) -> str:
        return f"LiveWebcrm({self.base_url!r})"

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        return self.api.all_records(collection)

    def records(self, collection: str) -> list[dict[str, Any]]:
        return [r for r in self.all_records(collection) if self.scope.owns(collection, r)]

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return self.api.get(collection, self.api.create(collection, fields))

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        dto = owned(self.api.get, self.scope, collection, id)
        self.api.replace(collection, id, {**dto, **fields})
        return self.api.get(collection, id)

    def ui_delete(self, collection: str, id: int) -> None:
        if collection != WC_PRODUCT.collection:
            raise LiveLimitation(f"webCRM's API cannot delete {collection} (only Products)")
        owned(self.api.get, self.scope, collection, id)
        self.api.delete(collection, id)


# Collections in the order they can be deleted (contacts before their customer); webCRM's API
# deletes only Products.
CLEANUP_ORDER = (CONTACT.collection, CP_PRODUCT.collection, CUSTOMER.collection)


def clean_up(customerp: LiveCustomerp, webcrm: LiveWebcrm, run_prefix: str) -> list[str]:
    """Delete every record of the run the APIs can delete; returns what could not go."""
    run = Scope(run_prefix)
    problems: list[str] = []
    for system, collections in ((customerp, CLEANUP_ORDER), (webcrm, (WC_PRODUCT.collection,))):
        for collection in collections:
            for record in list(system.all_records(collection)):
                if not run.owns(collection, record):
                    continue
                try:
                    system.api.delete(collection, int(record[ID_FIELDS[collection]]))
                except ApiError as exc:
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
        return self.folder / "engine-live.sqlite"

    def next_scope(self) -> Scope:
        self.scenarios += 1
        return Scope(f"{self.prefix}{self.scenarios}-")

    def barrier(self, timeout: float, poll: float) -> None:
        self.marks += 1
        name = f"{self.prefix}marker-{self.marks}"
        customers, named = CUSTOMER.collection, {CUSTOMER.scope_field: name}
        if self.marker_id is None:
            self.marker_id = int(self.customerp.ui_create(customers, named)["id"])
        else:
            self.customerp.ui_update(customers, self.marker_id, named)
        deadline = time.monotonic() + timeout
        while not any(
            o.get(ORGANISATION.scope_field) == name
            for o in self.webcrm.all_records(ORGANISATION.collection)
        ):
            if time.monotonic() > deadline:
                raise ApiError(
                    f"no sync cycle ran within {timeout:g} s: the marker Customer {name!r} did "
                    "not arrive in webCRM (is the external engine running?)"
                )
            time.sleep(poll)

    def clean_up(self) -> list[str]:
        return clean_up(self.customerp, self.webcrm, self.prefix)
