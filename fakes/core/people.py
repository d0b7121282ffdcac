"""People and other writers at work while an engine runs: bulk seeding, an edit that lands
right after the engine read a record, a late commit, another integration's API write, and a
system clock that runs ahead or behind (the control plane's ``/_fake/people/...``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from fakes.core.messages import FakeRequest, FakeResponse, HttpError

if TYPE_CHECKING:
    from fakes.core.service import FakeService

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


class People:
    """What happens in one system besides the engine's requests (state kept per fake)."""

    def __init__(self, service: FakeService) -> None:
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
        waiting = [e for e in self.pending if not e.done]
        if not waiting or request.method != "GET" or response.status != 200:
            return
        try:
            body = json.loads(response.body) if response.body else None
        except ValueError:
            return
        rows = body.get("data", [body]) if isinstance(body, dict) else body
        if not isinstance(rows, list):
            return
        store = self.service.store
        for edit in waiting:
            key = store.id_field(edit.collection)
            if any(isinstance(r, dict) and r.get(key) == edit.id for r in rows):
                edit.done = True
                store.ui_update(edit.collection, edit.id, edit.fields)

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
