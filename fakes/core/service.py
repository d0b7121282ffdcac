"""FakeService: the request pipeline both fakes share (faults, auth hook, routing, journal)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from urllib.parse import urlsplit

from fakes.core.clock import FakeClock, StampClock, format_iso_z
from fakes.core.control import ControlPlane, Records
from fakes.core.faults import FaultPlan, FaultRule
from fakes.core.journal import Journal
from fakes.core.messages import (
    MAX_BODY_BYTES,
    DropConnection,
    FakeRequest,
    FakeResponse,
    Headers,
    HttpError,
)
from fakes.core.people import People
from fakes.core.routes import BoundRoute, Route, RouteTable

CONTROL_PREFIX = "/_fake"
_FAULT_CODES = {500: "internal_error", 502: "bad_gateway", 503: "service_unavailable"}
_FAULT_CODES |= {504: "gateway_timeout", 429: "too_many_requests"}


class FakeStore(Records, Protocol):
    """State and rules of one fake (its models.py), as the control plane needs them."""

    collections: tuple[str, ...]

    def api_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]: ...
    def get(self, collection: str, id: int) -> Any: ...
    def id_field(self, collection: str) -> str: ...


class FakeService:
    """One fake API: subclass, pass routes + handler object + store, override the hooks.

    Hooks: ``authorize(request, route)`` (auth/rate limit; never called for ``/_fake/``),
    ``render_error(err)`` (the API's error body), ``throttle_response(rule)`` (429 fault),
    ``expire_credentials(request)`` (the ``expire_token`` fault).
    """

    name = "fake"

    def __init__(
        self,
        *,
        base_url: str,
        clock: FakeClock,
        store: FakeStore,
        routes: Iterable[Route],
        handlers: object,
        seed: int = 0,
        stamps: StampClock | None = None,
    ) -> None:
        split = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.host = f"{split.scheme}://{split.netloc}"
        self.root_path = split.path.rstrip("/")
        self.clock = clock
        self.stamps = stamps or StampClock(clock)  # the system's own clock for its stamps
        self.store = store
        self.people = People(self)
        self.seed = seed
        self.faults = FaultPlan(self.name, seed)
        self.max_body = MAX_BODY_BYTES
        self.sleep: Callable[[float], None] = time.sleep
        self.lock = threading.RLock()
        self._journal = Journal()
        self.routes = RouteTable(routes, handlers)
        self.control = RouteTable(ControlPlane.ROUTES, ControlPlane(self))

    # --- hooks -------------------------------------------------------------------------
    def authorize(self, request: FakeRequest, route: Route) -> None:
        """Raise HttpError (401, 429, ...) to refuse the call; default: allow."""

    def render_error(self, err: HttpError) -> FakeResponse:
        """The API's error body; default ``{"error": {"code", "message", "field"}}``."""
        body = {"error": {"code": err.code, "message": err.message, "field": err.field}}
        return FakeResponse.json(body, err.status, err.headers)

    def throttle_response(self, rule: FaultRule) -> FakeResponse:
        """Answer to an injected ``throttle`` fault: 429 with ``Retry-After``."""
        err = HttpError(429, "too_many_requests", "the request was throttled")
        err.headers["Retry-After"] = str(rule.retry_after)
        return self.render_error(err)

    def expire_credentials(self, request: FakeRequest) -> None:
        """The ``expire_token`` fault: the request's access token expires; default: an API key
        does not expire."""

    # --- control plane as Python ---------------------------------------------------------
    @property
    def journal(self) -> list[dict[str, Any]]:
        return self._journal.entries()

    def clear_journal(self) -> None:
        self._journal.clear()

    def reset(self) -> None:
        """Empty the state, the journal and the fault plan (the shared clock is left alone)."""
        with self.lock:
            self.store.reset()
            self._journal.clear()
            self.faults.clear()
            self.people.reset()

    def records(self, collection: str) -> list[dict[str, Any]]:
        with self.lock:
            return self.store.records(self.check_collection(collection))

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            return self.store.ui_create(self.check_collection(collection), fields)

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            return self.store.ui_update(self.check_collection(collection), id, fields)

    def ui_delete(self, collection: str, id: int) -> None:
        with self.lock:
            self.store.ui_delete(self.check_collection(collection), id)

    def check_collection(self, collection: str) -> str:
        if collection not in self.store.collections:
            known = ", ".join(self.store.collections)
            raise HttpError(404, "not_found", f"unknown collection {collection!r}; known: {known}")
        return collection

    # --- the pipeline --------------------------------------------------------------------
    def dispatch(
        self,
        method: str,
        path: str,
        query: str,
        headers: Headers,
        body: bytes,
        body_length: int | None = None,
    ) -> FakeResponse:
        """Answer one HTTP request (``path`` as on the wire). May raise DropConnection."""
        if not path.startswith(self.root_path):
            return self.render_error(HttpError(404, "not_found", f"no such resource: {path}"))
        request = FakeRequest.build(method, path[len(self.root_path) :], query, headers, body)
        if request.path == CONTROL_PREFIX or request.path.startswith(CONTROL_PREFIX + "/"):
            return self._serve_control(request)
        size = len(body) if body_length is None else body_length
        if size > self.max_body:
            err = HttpError(413, "payload_too_large", f"body over {self.max_body} bytes")
            return self._answer(request, self.render_error(err))
        return self._serve_api(request)

    def _serve_control(self, request: FakeRequest) -> FakeResponse:
        try:
            if len(request.body) > self.max_body:
                raise HttpError(413, "payload_too_large", f"body over {self.max_body} bytes")
            bound, params = self.control.find(request.method, request.path)
            request.params = params
            with self.lock:
                return bound.call(request)
        except HttpError as err:
            return self.render_error(err)
        except Exception as exc:  # a bug in the fake: answer 500, keep serving
            return self._internal_error(exc)

    def _serve_api(self, request: FakeRequest) -> FakeResponse:
        rule = self.faults.take(request.method, request.path)
        if rule is not None:
            early = self._fault_before(request, rule)
            if early is not None:
                return self._answer(request, early)
        with self.lock:
            self.people.before_write(request)
        response = self._call_route(request)
        if rule is not None and rule.action == "commit_then_fail":
            if rule.status is None:
                self._record(request, None)
                raise DropConnection("connection_error")
            response = self._fault_error(rule.status)
        if rule is not None and rule.action == "expire_token":
            with self.lock:
                self.expire_credentials(request)
        answered = self._answer(request, response)
        with self.lock:
            self.people.after_answer(request, answered)
        return answered

    def _fault_before(self, request: FakeRequest, rule: FaultRule) -> FakeResponse | None:
        if rule.action == "latency":
            self.sleep(rule.seconds)
            return None
        if rule.action in ("connection_error", "timeout"):
            self._record(request, None)
            raise DropConnection(rule.action, rule.seconds)
        if rule.action == "throttle":
            return self.throttle_response(rule)
        if rule.action == "status":
            return self._fault_error(rule.status or 500)
        return None  # commit_then_fail acts after the handler

    def _fault_error(self, status: int) -> FakeResponse:
        code = _FAULT_CODES.get(status, "injected_fault")
        return self.render_error(HttpError(status, code, f"injected fault: HTTP {status}"))

    def _call_route(self, request: FakeRequest) -> FakeResponse:
        try:
            bound, params = self.routes.find(request.method, request.path)
            request.params = {**bound.route.fixed, **params} if bound.route.fixed else params
            with self.lock:
                self.authorize(request, bound.route)
                return bound.call(request)
        except HttpError as err:
            return self.render_error(err)
        except DropConnection:
            raise
        except Exception as exc:  # a bug in the fake: answer 500, keep serving
            return self._internal_error(exc)

    def _internal_error(self, exc: Exception) -> FakeResponse:
        """500 naming only the exception's type: its message may hold request data."""
        msg = f"the fake failed: {type(exc).__name__}"
        return self.render_error(HttpError(500, "internal_error", msg))

    def _answer(self, request: FakeRequest, response: FakeResponse) -> FakeResponse:
        self._record(request, response.status)
        return response

    def _record(self, request: FakeRequest, status: int | None) -> None:
        self._journal.record(request.method, request.path, status, format_iso_z(self.clock.now()))

    def find_route(self, method: str, path: str) -> BoundRoute:
        """The bound route for an API path (below the root); for tests and docs."""
        return self.routes.find(method, path)[0]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r})"
