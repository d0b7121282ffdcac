"""Customerp state and rules (no HTTP): customers, contacts, products with versions and paging."""

from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from typing import Any

from fakes.core import FakeClock, format_iso_z
from fakes.core.clock import StampClock
from fakes.customerp.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from fakes.customerp.schema import FIELDS, writable

COLLECTIONS = ("customers", "contacts", "products")
# Disjoint id ranges, so an engine that mixes up ids of two collections is caught.
FIRST_IDS = {"customers": 100001, "contacts": 500001, "products": 900001}


class CustomerpStore:
    """All records in dicts keyed by id, plus a sorted id list per collection for paging.

    Stored records are JSON-shaped and serialised as they are (no copies per request);
    anything handed to a caller outside the HTTP layer is a deep copy.
    """

    collections: tuple[str, ...] = COLLECTIONS

    def __init__(self, clock: FakeClock | StampClock) -> None:
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._rows: dict[str, dict[int, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self._ids: dict[str, list[int]] = {c: [] for c in COLLECTIONS}
        self._next_id = dict(FIRST_IDS)
        self._skus: dict[str, int] = {}
        self._contacts_of: dict[int, set[int]] = {}

    # --- reads -----------------------------------------------------------------------
    def get(self, collection: str, id: int) -> dict[str, Any]:
        """The stored record (do not mutate); NotFound if absent."""
        row = self._rows[collection].get(id)
        if row is None:
            raise NotFound(collection, id)
        return row

    def page(
        self, collection: str, limit: int, after: int, since: str | None
    ) -> tuple[list[dict[str, Any]], int | None]:
        """Up to ``limit`` records with id > ``after`` (and updated_at >= ``since``), by id,
        and the id to continue after when more match (else None)."""
        ids, rows = self._ids[collection], self._rows[collection]
        out: list[dict[str, Any]] = []
        for i in range(bisect_right(ids, after), len(ids)):
            row = rows[ids[i]]
            if since is not None and row["updated_at"] < since:
                continue
            if len(out) == limit:
                return out, out[-1]["id"]
            out.append(row)
        return out, None

    def records(self, collection: str) -> list[dict[str, Any]]:
        rows = self._rows[collection]
        return [copy.deepcopy(rows[i]) for i in self._ids[collection]]

    # --- writes (API) ------------------------------------------------------------------
    def create(self, collection: str, body: Any) -> dict[str, Any]:
        fields = writable(collection, body)
        self._check_rules(collection, None, fields)
        stamp = format_iso_z(self.clock.tick())
        id = self._next_id[collection]
        self._next_id[collection] = id + 1
        row = {"id": id, **fields, "version": 1, "created_at": stamp, "updated_at": stamp}
        self._rows[collection][id] = row
        self._ids[collection].append(id)
        self._index(collection, row)
        return row

    def replace(self, collection: str, id: int, body: Any, if_match: int | None) -> dict:
        """PUT: every writable field replaced (absent optional fields become null)."""
        current = self._matching(collection, id, if_match)
        return self._write(collection, current, writable(collection, body))

    def delete(self, collection: str, id: int, if_match: int | None = None) -> None:
        row = self._matching(collection, id, if_match)
        if collection == "customers" and self._contacts_of.get(id):
            raise Conflict(f"customer {id} still has contacts; delete them first")
        del self._rows[collection][id]
        ids = self._ids[collection]
        del ids[bisect_left(ids, id)]
        self._unindex(collection, row)

    # --- writes (a person in the UI) ---------------------------------------------------
    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return copy.deepcopy(self.create(collection, fields))

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Change only the given fields (address fields merge), bump version and updated_at."""
        current = self.get(collection, id)
        given = writable(collection, fields, partial=True)
        merged = {f.name: current[f.name] for f in FIELDS[collection]} | given
        if isinstance(given.get("address"), dict) and isinstance(current.get("address"), dict):
            raw = fields["address"]
            merged["address"] = {**current["address"], **{k: given["address"][k] for k in raw}}
        return copy.deepcopy(self._write(collection, current, merged))

    def ui_delete(self, collection: str, id: int) -> None:
        self.delete(collection, id)

    def api_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Another client's PUT of the record with these fields changed (Customerp keeps no
        author: to the API it is the same as a person's edit)."""
        return self.ui_update(collection, id, fields)

    def id_field(self, collection: str) -> str:
        return "id"

    # --- rules -------------------------------------------------------------------------
    def _matching(self, collection: str, id: int, if_match: int | None) -> dict[str, Any]:
        row = self.get(collection, id)
        if if_match is not None and if_match != row["version"]:
            raise PreconditionFailed(row["version"], if_match)
        return row

    def _write(self, collection: str, current: dict, fields: dict[str, Any]) -> dict[str, Any]:
        self._check_rules(collection, current["id"], fields)
        self._unindex(collection, current)
        current.update(fields)
        current["version"] += 1
        current["updated_at"] = format_iso_z(self.clock.tick())
        self._index(collection, current)
        return current

    def _check_rules(self, collection: str, id: int | None, fields: dict[str, Any]) -> None:
        if collection == "products":
            owner = self._skus.get(fields["sku"])
            if owner is not None and owner != id:
                raise Conflict(f"sku {fields['sku']!r} is used by product {owner}", "sku")
        if collection == "contacts" and fields["customer_id"] not in self._rows["customers"]:
            msg = f"customer {fields['customer_id']} does not exist"
            raise ValidationFailed("customer_id", msg)

    def _index(self, collection: str, row: dict[str, Any]) -> None:
        if collection == "products":
            self._skus[row["sku"]] = row["id"]
        elif collection == "contacts":
            self._contacts_of.setdefault(row["customer_id"], set()).add(row["id"])

    def _unindex(self, collection: str, row: dict[str, Any]) -> None:
        if collection == "products":
            self._skus.pop(row["sku"], None)
        elif collection == "contacts":
            self._contacts_of.get(row["customer_id"], set()).discard(row["id"])
