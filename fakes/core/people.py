"""People and other writers at work while an engine runs: bulk seeding, an edit that lands
right after the engine read a record, a late commit, another integration's API write, and a
system clock that runs ahead or behind (the control plane's ``/_fake/people/...``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from fakes.core.clock import StampClock
from fakes.core.messages import FakeRequest, FakeResponse, HttpError

MAX_SEED = 20_000  # records per seeding call
MAX_SKEW_SECONDS = 86_400


@dataclass
class EditAfterRead:
    """A person's edit of one record, made as soon as an API read has returned that record."""

    collection: str
    id: int
    fields: dict[str, Any]
    done: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"collection": self.collection, "id": self.id, "fields": self.fields,
                "done": self.done}  # fmt: skip


def _rows(body: bytes) -> list[Any]:
    """The records a JSON body holds: a list, ``{"data": [...]}`` or one object."""
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return []
    rows = data.get("data", [data]) if isinstance(data, dict) else data
    return rows if isinstance(rows, list) else []


class System(Protocol):
    """What people work with: the fake's store (service.FakeStore) and its own clock."""

    store: Any
    stamps: StampClock


class People:
    """What happens in one system besides the engine's requests (state kept per fake)."""

    def __init__(self, service: System) -> None:
        self.service = service
        self.pending: list[EditAfterRead] = []

    def reset(self) -> None:
        self.pending.clear()
        self.service.stamps.reset()

    # --- seeding -------------------------------------------------------------------------
    def seed(self, collection: str, records: Any) -> list[int]:
        """Create many records as people would in the UI, in one call; their ids in order."""
        if not isinstance(records, list) or not 1 <= len(records) <= MAX_SEED:
            raise HttpError(422, "validation_error", f"give 1..{MAX_SEED} records", "records")
        store, key = self.service.store, self.service.store.id_field(collection)
        return [int(store.ui_create(collection, fields)[key]) for fields in records]

    # --- edits while the engine works ----------------------------------------------------
    def edit_after_read(self, collection: str, id: int, fields: dict[str, Any]) -> None:
        """The next API read that returns this record is followed at once by this edit."""
        self.service.store.get(collection, id)  # 404 for an unknown record, now
        self.pending.append(EditAfterRead(collection, id, dict(fields)))

    def after_answer(self, request: FakeRequest, response: FakeResponse) -> None:
        """Called for every API request answered: fire the edits whose record was read."""
        if request.method == "GET" and response.status == 200 and self._waiting():
            self._fire(_rows(response.body))

    def before_write(self, request: FakeRequest) -> None:
        """Called before an API write is handled: a conditional write (``If-Match``) of a record
        the engine did not read in this cycle still meets the person's edit first. (A write
        without a precondition could not protect that edit anyway: webCRM has none.)"""
        if request.method not in ("PUT", "PATCH") or not self._waiting():
            return
        if request.headers.get("if-match") is None:
            return
        rows = _rows(request.body)
        last = request.path.rstrip("/").rsplit("/", 1)[-1]
        for edit in self._waiting():
            by_path = request.method == "PUT" and last == str(edit.id)
            if by_path or self._holds(rows, edit):
                self._apply(edit)

    def _waiting(self) -> list[EditAfterRead]:
        return [e for e in self.pending if not e.done]

    def _fire(self, rows: list[Any]) -> None:
        for edit in self._waiting():
            if self._holds(rows, edit):
                self._apply(edit)

    def _holds(self, rows: list[Any], edit: EditAfterRead) -> bool:
        key = self.service.store.id_field(edit.collection)
        return any(isinstance(r, dict) and r.get(key) == edit.id for r in rows)

    def _apply(self, edit: EditAfterRead) -> None:
        edit.done = True
        self.service.store.ui_update(edit.collection, edit.id, edit.fields)

    # --- late commits, other writers, clocks -------------------------------------------
    def late_edit(self, collection: str, id: int, fields: dict[str, Any], stamp: datetime) -> Any:
        """A person's edit that commits now but is stamped ``stamp`` (a slow transaction)."""
        self.service.stamps.backdate(stamp)
        try:
            return self.service.store.ui_update(collection, id, fields)
        finally:
            self.service.stamps.reset_next()

    def api_edit(self, collection: str, id: int, fields: dict[str, Any]) -> Any:
        """Another integration (not the engine) changes these fields through the API."""
        return self.service.store.api_update(collection, id, fields)

    def set_skew(self, seconds: float) -> None:
        """This system's clock runs ``seconds`` ahead of the shared clock (negative: behind)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise HttpError(422, "validation_error", "must be a number of seconds", "seconds")
        if abs(seconds) > MAX_SKEW_SECONDS:
            msg = f"must be within {MAX_SKEW_SECONDS} seconds"
            raise HttpError(422, "validation_error", msg, "seconds")
        self.service.stamps.skew = timedelta(seconds=seconds)
