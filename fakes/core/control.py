"""The control plane under each fake's ``/_fake/``: reset, clock, records, UI, journal, faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from fakes.core.clock import FakeClock, format_iso_z, parse_iso
from fakes.core.faults import FaultPlan, FaultRuleError
from fakes.core.messages import FakeRequest, FakeResponse, HttpError
from fakes.core.routes import Route

if TYPE_CHECKING:
    from fakes.core.people import People


class Records(Protocol):
    """Records as a person in each system's UI sees them: read, create, edit, delete, reset."""

    def reset(self) -> None: ...
    def records(self, collection: str) -> list[dict[str, Any]]: ...
    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]: ...
    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]: ...
    def ui_delete(self, collection: str, id: int) -> None: ...


class ControlledService(Records, Protocol):
    """What the control plane drives: a ``FakeService``'s Python control plane."""

    clock: FakeClock
    faults: FaultPlan
    people: People

    def check_collection(self, collection: str) -> str: ...

    @property
    def journal(self) -> list[dict[str, Any]]: ...
    def clear_journal(self) -> None: ...


_R = "/_fake/records/{collection}"
# The range the control plane may set the clock to: writes, token and refresh-token expiries
# add to it, and must stay inside what ``datetime`` can hold.
CLOCK_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
CLOCK_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


class ControlPlane:
    """HTTP face of ``FakeService``'s Python control plane (no auth, no rate limit, no journal)."""

    ROUTES = (
        Route("POST", "/_fake/reset", "reset"),
        Route("GET", "/_fake/clock", "get_clock"),
        Route("POST", "/_fake/clock", "set_clock"),
        Route("GET", _R, "list_records"),
        Route("POST", _R, "create_record"),
        Route("PATCH", _R + "/{id:int}", "update_record"),
        Route("DELETE", _R + "/{id:int}", "delete_record"),
        Route("GET", "/_fake/journal", "get_journal"),
        Route("DELETE", "/_fake/journal", "clear_journal"),
        Route("GET", "/_fake/faults", "get_faults"),
        Route("POST", "/_fake/faults", "add_faults"),
        Route("DELETE", "/_fake/faults", "clear_faults"),
        Route("POST", "/_fake/people/seed/{collection}", "seed_records"),
        Route("POST", "/_fake/people/edit-after-read/{collection}/{id:int}", "edit_after_read"),
        Route("GET", "/_fake/people/edits-after-read", "edits_after_read"),
        Route("POST", "/_fake/people/late-edit/{collection}/{id:int}", "late_edit"),
        Route("POST", "/_fake/people/api-edit/{collection}/{id:int}", "api_edit"),
        Route("POST", "/_fake/people/skew", "set_skew"),
    )

    def __init__(self, service: ControlledService) -> None:
        self.service = service

    def reset(self, request: FakeRequest) -> FakeResponse:
        self.service.reset()
        return FakeResponse.empty()

    def get_clock(self, request: FakeRequest) -> FakeResponse:
        clock = self.service.clock
        return FakeResponse.json({"now": format_iso_z(clock.now()), "frozen": clock.frozen})

    def set_clock(self, request: FakeRequest) -> FakeResponse:
        """One of ``now``/``advance_seconds``, and/or ``frozen`` (a served clock runs in wall
        time until frozen; an in-process one is always frozen)."""
        body = _object(request)
        moves = set(body) & {"advance_seconds", "now"}
        if set(body) - {"advance_seconds", "now", "frozen"} or len(moves) > 1 or not body:
            msg = 'give one of "advance_seconds" or "now", and/or "frozen"'
            raise HttpError(422, "validation_error", msg)
        clock = self.service.clock
        if "frozen" in body:
            if not isinstance(body["frozen"], bool):
                raise HttpError(422, "validation_error", "must be true or false", "frozen")
            try:
                clock.freeze(body["frozen"])
            except ValueError as err:
                raise HttpError(422, "validation_error", str(err), "frozen") from None
        if not moves:
            return self.get_clock(request)
        if "now" in body:
            clock.set(_clock_time(body["now"]))
        else:
            seconds = body["advance_seconds"]
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
                msg = "must be a number >= 0"
                raise HttpError(422, "validation_error", msg, "advance_seconds")
            try:
                target = clock.now() + timedelta(seconds=seconds)
            except OverflowError:
                target = CLOCK_LATEST
            if target >= CLOCK_LATEST:
                msg = f"would move the clock past {CLOCK_LATEST.year}"
                raise HttpError(422, "validation_error", msg, "advance_seconds")
            clock.advance(seconds)
        return self.get_clock(request)

    def list_records(self, request: FakeRequest) -> FakeResponse:
        return FakeResponse.json(self.service.records(request.params["collection"]))

    def create_record(self, request: FakeRequest) -> FakeResponse:
        record = self.service.ui_create(request.params["collection"], _object(request))
        return FakeResponse.json(record, 201)

    def update_record(self, request: FakeRequest) -> FakeResponse:
        params = request.params
        record = self.service.ui_update(params["collection"], params["id"], _object(request))
        return FakeResponse.json(record)

    def delete_record(self, request: FakeRequest) -> FakeResponse:
        self.service.ui_delete(request.params["collection"], request.params["id"])
        return FakeResponse.empty()

    def get_journal(self, request: FakeRequest) -> FakeResponse:
        return FakeResponse.json(self.service.journal)

    def clear_journal(self, request: FakeRequest) -> FakeResponse:
        self.service.clear_journal()
        return FakeResponse.empty()

    def get_faults(self, request: FakeRequest) -> FakeResponse:
        plan = self.service.faults
        rules = [r.as_dict() for r in plan.rules]
        return FakeResponse.json({"service": plan.service, "seed": plan.seed, "rules": rules})

    def add_faults(self, request: FakeRequest) -> FakeResponse:
        body = _object(request)
        rules = body.get("rules")
        if set(body) != {"rules"} or not isinstance(rules, list):
            raise HttpError(422, "validation_error", 'expected {"rules": [...]}', "rules")
        plan = self.service.faults
        try:
            plan.extend(rules)
        except FaultRuleError as err:
            field = f"rules[{err.index}].{err.field}"
            raise HttpError(422, "validation_error", str(err), field) from None
        return FakeResponse.json({"rules": [r.as_dict() for r in plan.rules]}, 201)

    def clear_faults(self, request: FakeRequest) -> FakeResponse:
        self.service.faults.clear()
        return FakeResponse.empty()

    # --- people at work (fakes/core/people.py) -------------------------------------------
    def seed_records(self, request: FakeRequest) -> FakeResponse:
        collection = self.service.check_collection(request.params["collection"])
        ids = self.service.people.seed(collection, _object(request).get("records"))
        return FakeResponse.json({"ids": ids}, 201)

    def edit_after_read(self, request: FakeRequest) -> FakeResponse:
        params = request.params
        collection = self.service.check_collection(params["collection"])
        self.service.people.edit_after_read(collection, params["id"], _object(request))
        return FakeResponse.empty(201)

    def edits_after_read(self, request: FakeRequest) -> FakeResponse:
        return FakeResponse.json([e.as_dict() for e in self.service.people.pending])

    def late_edit(self, request: FakeRequest) -> FakeResponse:
        params, body = request.params, _object(request)
        collection = self.service.check_collection(params["collection"])
        fields = body.get("fields")
        if set(body) != {"fields", "stamp"} or not isinstance(fields, dict):
            raise HttpError(422, "validation_error", 'expected {"fields": {...}, "stamp"}')
        stamp = _clock_time(body["stamp"], "stamp")
        record = self.service.people.late_edit(collection, params["id"], fields, stamp)
        return FakeResponse.json(record)

    def api_edit(self, request: FakeRequest) -> FakeResponse:
        params = request.params
        collection = self.service.check_collection(params["collection"])
        return FakeResponse.json(
            self.service.people.api_edit(collection, params["id"], _object(request))
        )

    def set_skew(self, request: FakeRequest) -> FakeResponse:
        body = _object(request)
        if set(body) != {"seconds"}:
            raise HttpError(422, "validation_error", 'expected {"seconds": n}', "seconds")
        self.service.people.set_skew(body["seconds"])
        return FakeResponse.empty()


def _clock_time(value: Any, field: str = "now") -> datetime:
    """A ``now`` value: ISO 8601 between 1970 and 9000 (so ticks and token expiries fit)."""
    try:
        moment = parse_iso(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or not CLOCK_EARLIEST <= moment < CLOCK_LATEST:
        msg = f"must be an ISO 8601 time from {CLOCK_EARLIEST.year} to {CLOCK_LATEST.year}"
        raise HttpError(422, "validation_error", msg, field)
    return moment


def _object(request: FakeRequest) -> dict[str, Any]:
    body = request.json()
    if not isinstance(body, dict):
        raise HttpError(400, "bad_request", "request body must be a JSON object")
    return body
