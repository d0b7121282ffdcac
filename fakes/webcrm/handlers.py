"""webCRM's HTTP handlers: read parameters and bodies, call the store, serialise the answer."""

from __future__ import annotations

from typing import Any

from fakes.core.clock import FakeClock
from fakes.core.messages import FakeRequest, FakeResponse
from fakes.webcrm.auth import TokenAuthority
from fakes.webcrm.dto import bind, canonical_timestamp
from fakes.webcrm.errors import BadRequest, ValidationFailed
from fakes.webcrm.models import WebcrmStore, bind_id
from fakes.webcrm.queries import parse_query

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
JSON_TYPE = {"Content-Type": "application/json; charset=utf-8"}


def _lookup(mapping: dict[str, str], name: str) -> str | None:
    """ASP.NET binds query and form fields case-insensitively."""
    if name in mapping:
        return mapping[name]
    lowered = name.lower()
    return next((v for k, v in mapping.items() if k.lower() == lowered), None)


def int_param(query: dict[str, str], name: str, default: int, highest: int) -> int:
    """An integer query parameter in 1..highest; BadRequest naming it otherwise."""
    raw = _lookup(query, name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadRequest(f"The value '{raw}' is not valid for {name}.", name) from None
    if not 1 <= value <= highest:
        message = f"The field {name} must be between 1 and {highest}."
        raise BadRequest(message, name)
    return value


def paging(request: FakeRequest) -> tuple[int, int]:
    page = int_param(request.query, "Page", 1, MAX_PAGE)
    size = int_param(request.query, "Size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    return page, size


class WebcrmHandlers:
    """One method per route handler name in routes.py."""

    def __init__(self, store: WebcrmStore, tokens: TokenAuthority, clock: FakeClock) -> None:
        self.store = store
        self.tokens = tokens
        self.clock = clock

    # --- auth ------------------------------------------------------------------------------
    def login(self, request: FakeRequest) -> FakeResponse:
        auth_code = _lookup(request.form(), "authCode")
        return FakeResponse.json(self.tokens.login(auth_code, self.clock.now()))

    def refresh(self, request: FakeRequest) -> FakeResponse:
        token = request.headers.get("refreshtoken") or _lookup(request.form(), "refreshToken")
        return FakeResponse.json(self.tokens.refresh(token, self.clock.now()))

    # --- collections -----------------------------------------------------------------------
    def list_page(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        page, size = paging(request)
        return self._rows(collection, self.store.page(collection, page, size))

    def get(self, request: FakeRequest) -> FakeResponse:
        collection, id = request.params["collection"], request.params["id"]
        row = self.store.tables[collection].row(id)
        return self._rows(collection, [row], single=True)

    def create(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        values = bind(self.store.tables[collection].schema, request.json())
        return FakeResponse.json(self.store.create(collection, values))

    def replace(self, request: FakeRequest) -> FakeResponse:
        collection, id = request.params["collection"], request.params["id"]
        values = bind(self.store.tables[collection].schema, request.json())
        self.store.replace(collection, id, values)
        return FakeResponse.empty(200)

    def upsert(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        schema = self.store.tables[collection].schema
        payload = request.json()
        if not isinstance(payload, list):
            raise BadRequest(f"The body must be a JSON array of {schema.dto_name}.", "body")
        items: list[tuple[int, dict[str, Any]]] = []
        errors: dict[str, list[str]] = {}
        for index, item in enumerate(payload):
            try:
                items.append((bind_id(schema, item), bind(schema, item, where=f"[{index}].")))
            except ValidationFailed as err:
                errors.update(err.errors)
            except ValueError as err:
                errors[f"[{index}].{schema.id_field}"] = [str(err)]
        if errors:
            raise ValidationFailed(errors)
        return FakeResponse.json(self.store.upsert(collection, items))

    def delete(self, request: FakeRequest) -> FakeResponse:
        self.store.delete(request.params["collection"], request.params["id"])
        return FakeResponse.empty(200)

    # --- changes ---------------------------------------------------------------------------
    def find_by_update_dates(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        bounds = []
        for name in ("startDate", "endDate"):
            raw = request.params[name]
            try:
                bounds.append(canonical_timestamp(raw))
            except ValueError:
                raise BadRequest(
                    f"The value '{raw}' is not a valid date for {name}.", name
                ) from None
        page, size = paging(request)
        rows = self.store.updated_between(collection, bounds[0], bounds[1], page, size)
        return self._rows(collection, rows)

    def query(self, request: FakeRequest) -> FakeResponse:
        parsed = parse_query(_lookup(request.query, "script"))
        page, size = paging(request)
        return self._rows(parsed.schema.collection, self.store.query(parsed, page, size))

    def _rows(
        self, collection: str, rows: list[dict[str, Any]], single: bool = False
    ) -> FakeResponse:
        body = self.store.dto_json(collection, rows)
        return FakeResponse(200, body[1:-1] if single else body, dict(JSON_TYPE))
