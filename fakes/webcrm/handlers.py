"""The generic collection's HTTP handlers: read parameters and bodies, call the store, serialise.

One handler per kind of operation (list, get, create, PUT, PATCH, DELETE, filters, children);
the route's ``fixed`` params say which collection and fields (routes.py).
"""

from __future__ import annotations

from typing import Any

from fakes.core.clock import FakeClock
from fakes.core.messages import FakeRequest, FakeResponse
from fakes.webcrm.auth import TokenAuthority
from fakes.webcrm.dto import bind, canonical_timestamp
from fakes.webcrm.errors import BadRequest, ValidationFailed
from fakes.webcrm.models import WebcrmStore, bind_id, paginate

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


class CollectionHandlers:
    """The handlers every swagger collection shares; routes.py names them."""

    def __init__(self, store: WebcrmStore, tokens: TokenAuthority, clock: FakeClock) -> None:
        self.store = store
        self.tokens = tokens
        self.clock = clock

    def list_page(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        page, size = paging(request)
        return self.rows(collection, self.store.page(collection, page, size))

    def list_all(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        return self.rows(collection, list(self.store.tables[collection].rows.values()))

    def get(self, request: FakeRequest) -> FakeResponse:
        collection, id = request.params["collection"], item_id(request)
        row = self.store.tables[collection].row(id)
        return self.rows(collection, [row], single=True)

    def create(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        values = bind(self.store.tables[collection].schema, request.json())
        return FakeResponse.json(self.store.create(collection, values))

    def replace(self, request: FakeRequest) -> FakeResponse:
        collection, id = request.params["collection"], item_id(request)
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
        self.store.delete(request.params["collection"], item_id(request))
        return FakeResponse.empty(200)

    def delete_all(self, request: FakeRequest) -> FakeResponse:
        self.store.delete_all(request.params["collection"])
        return FakeResponse.empty(200)

    def move(self, request: FakeRequest) -> FakeResponse:
        """`POST /X/{id}/Move` with a MoveDto: the row now belongs to another organisation."""
        collection, id = request.params["collection"], request.params["id"]
        body = request.json()
        target = body.get("NewOrganisationId") if isinstance(body, dict) else None
        if (
            isinstance(target, bool)
            or not isinstance(target, int)
            or set(body) - {"NewOrganisationId"}
        ):
            raise ValidationFailed({"NewOrganisationId": ["A MoveDto with NewOrganisationId."]})
        if target not in self.store.tables["Organisations"].rows:
            message = (
                f"The field NewOrganisationId must be the id of an existing organisation: {target}."
            )
            raise ValidationFailed({"NewOrganisationId": [message]})
        field = self.store.tables[collection].schema.table + "OrganisationId"
        self.store.change(collection, id, {field: target})
        return FakeResponse.empty(204)

    # --- filters ---------------------------------------------------------------------------
    def find_by_dates(self, request: FakeRequest) -> FakeResponse:
        collection = request.params["collection"]
        bounds = [date_param(request, name) for name in ("startDate", "endDate")]
        page, size = paging(request)
        field = request.params["field"]
        rows = self.store.stamped_between(collection, field, bounds[0], bounds[1])
        return self.rows(collection, paginate(rows, page, size))

    def by_field(self, request: FakeRequest) -> FakeResponse:
        """`/X/ByY/{y}`: rows whose field equals y (text case-insensitively, as SQL Server)."""
        collection, field = request.params["collection"], request.params["field"]
        wanted = request.params[request.params["param"]]
        if isinstance(wanted, str):
            folded = wanted.casefold()
            rows = self.store.where(collection, lambda row: str(row[field]).casefold() == folded)
        else:
            rows = self.store.where(collection, lambda row: row[field] == wanted)
        page, size = paging(request)
        return self.rows(collection, paginate(rows, page, size))

    def children(self, request: FakeRequest) -> FakeResponse:
        """`/Parent/{id}/Child`: the child rows that name the parent (404 for an unknown one)."""
        collection, parent, id = (
            request.params["collection"],
            request.params["parent"],
            request.params["id"],
        )
        self.store.tables[parent].row(id)
        fields = request.params["fields"]
        rows = self.store.where(collection, lambda row: any(row[f] == id for f in fields))
        page, size = paging(request)
        return self.rows(collection, paginate(rows, page, size))

    def all_active(self, request: FakeRequest) -> FakeResponse:
        """Support cases not closed; users: every user (the fake models no deactivation)."""
        collection = request.params["collection"]
        status = self.store.tables[collection].schema.field_with_suffix("Status")
        rows = self.store.where(collection, lambda row: not status or row[status] != "Closed")
        page, size = paging(request)
        return self.rows(collection, paginate(rows, page, size))

    def rows(
        self, collection: str, rows: list[dict[str, Any]], single: bool = False
    ) -> FakeResponse:
        body = self.store.dto_json(collection, rows)
        return FakeResponse(200, body[1:-1] if single else body, dict(JSON_TYPE))


def item_id(request: FakeRequest) -> Any:
    """The id path parameter (``{id}``, or ``{meetingId}`` for meetings)."""
    params = request.params
    return params["id"] if "id" in params else params["meetingId"]


def date_param(request: FakeRequest, name: str) -> str:
    """A date path parameter in webCRM's timestamp form; BadRequest naming it otherwise."""
    raw = request.params[name]
    try:
        return canonical_timestamp(raw)
    except ValueError:
        raise BadRequest(f"The value '{raw}' is not a valid date for {name}.", name) from None
