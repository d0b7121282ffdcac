"""webCRM's state and business rules: one generic table per swagger collection, with no HTTP.

Rows hold every DTO field (unset date-times as None); ids only grow, so a dict in insertion
order is also id order and every listing is stable. Each write ticks the shared fake clock
by 1 ms first and stamps the table's updated-at/by fields (created-at/by on insert), where the
DTO has them. Decisions: README.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from fakes.core.clock import FakeClock, StampClock
from fakes.webcrm.dto import bind, bind_value, format_timestamp, length_errors, to_dto
from fakes.webcrm.errors import NotFound, ValidationFailed
from fakes.webcrm.queries import Query
from fakes.webcrm.schema import EntitySchema, entity_schemas

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
API_USER = "API"
UI_USER = "webCRM User"


class Table:
    """The rows of one collection, each with its DTO JSON encoded once per version."""

    def __init__(self, schema: EntitySchema) -> None:
        self.schema = schema
        self.rows: dict[int, dict[str, Any]] = {}
        self.next_id = 1
        self._json: dict[int, bytes] = {}

    def clear(self) -> None:
        self.rows.clear()
        self._json.clear()
        self.next_id = 1

    def row(self, id: int) -> dict[str, Any]:
        found = self.rows.get(id)
        if found is None:
            raise NotFound(f"{self.schema.table} with id {id} was not found.")
        return found

    def put(self, row: dict[str, Any]) -> None:
        """Store a row version and encode its DTO once, so reads only join cached bytes."""
        id = row[self.schema.id_field]
        self.rows[id] = row
        self._json[id] = _encode(to_dto(self.schema, row)).encode()

    def new_id(self) -> int | str:
        """The next id (a string where the DTO's id is one, as Meetings' is)."""
        id = self.next_id
        self.next_id += 1
        return id if self.schema.fields[self.schema.id_field].json_type == "integer" else str(id)

    def remove(self, id: int) -> None:
        self.rows.pop(id, None)
        self._json.pop(id, None)

    def dto_json(self, row: dict[str, Any]) -> bytes:
        """The row's DTO as compact UTF-8 JSON (encoded when the row was stored)."""
        return self._json[row[self.schema.id_field]]


def paginate(rows: list[dict[str, Any]], page: int, size: int) -> list[dict[str, Any]]:
    """Page `page` (from 1) of `size` rows."""
    start = (page - 1) * size
    return rows[start : start + size]


class WebcrmStore:
    """All of one webCRM instance's data; the API handlers and the UI control plane share it."""

    collections = tuple(entity_schemas())

    def __init__(self, clock: FakeClock | StampClock) -> None:
        self.clock = clock
        self.tables = {name: Table(schema) for name, schema in entity_schemas().items()}
        self.notes: dict[int, list[dict[str, Any]]] = {}  # activity id -> notes, oldest first

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(t.rows)}" for name, t in self.tables.items())
        return f"WebcrmStore({sizes})"

    def reset(self) -> None:
        for table in self.tables.values():
            table.clear()
        self.notes.clear()

    # --- reads ---------------------------------------------------------------------------
    def get(self, collection: str, id: Any) -> dict[str, Any]:
        table = self.tables[collection]
        return to_dto(table.schema, table.row(id))

    def records(self, collection: str) -> list[dict[str, Any]]:
        table = self.tables[collection]
        return [to_dto(table.schema, row) for row in table.rows.values()]

    def page(self, collection: str, page: int, size: int) -> list[dict[str, Any]]:
        return paginate(list(self.tables[collection].rows.values()), page, size)

    def where(
        self, collection: str, keep: Callable[[dict[str, Any]], bool]
    ) -> list[dict[str, Any]]:
        """The rows ``keep`` accepts, in id order."""
        return [row for row in self.tables[collection].rows.values() if keep(row)]

    def stamped_between(
        self, collection: str, field: str, start: str, end: str
    ) -> list[dict[str, Any]]:
        """Rows with start <= field < end (canonical timestamps; unset never matches)."""
        return self.where(
            collection, lambda row: row[field] is not None and start <= row[field] < end
        )

    def query(self, query: Query, page: int, size: int) -> list[dict[str, Any]]:
        rows = list(self.tables[query.schema.collection].rows.values())
        return paginate(query.select(rows), page, size)

    def dto_json(self, collection: str, rows: Iterable[dict[str, Any]]) -> bytes:
        """A JSON array of the rows' DTOs, from each row's cached encoding."""
        table = self.tables[collection]
        return b"[" + b",".join(table.dto_json(row) for row in rows) + b"]"

    # --- API writes (values already bound by dto.bind) -------------------------------------
    def create(self, collection: str, values: dict[str, Any], by: str = API_USER) -> Any:
        table = self.tables[collection]
        self._check_rules(table.schema, values)
        return self._insert(table, values, by)

    def replace(self, collection: str, id: int, values: dict[str, Any], by: str = API_USER) -> None:
        """PUT semantics: every writable field takes the body's value or its empty value."""
        table = self.tables[collection]
        current = table.row(id)
        self._check_rules(table.schema, values)
        fresh = table.schema.empty_row()
        kept = {name: current[name] for name, spec in table.schema.fields.items() if spec.read_only}
        self._stamp(table, {**fresh, **kept, **values}, by)

    def upsert(self, collection: str, items: list[tuple[int, dict[str, Any]]]) -> list[str]:
        """PATCH: (id, values) per item; id 0 inserts. One result string per item, in order."""
        results = []
        for id, values in items:
            try:
                if id == 0:
                    results.append(str(self.create(collection, values)))
                else:
                    self.replace(collection, id, values)
                    results.append(str(id))
            except (ValidationFailed, NotFound) as err:
                results.append(f"Error: {err.message}")
        return results

    def delete(self, collection: str, id: Any) -> None:
        table = self.tables[collection]
        table.row(id)
        table.remove(id)

    def delete_all(self, collection: str) -> None:
        """Remove every row (ids are still never reused)."""
        table = self.tables[collection]
        for id in list(table.rows):
            table.remove(id)

    def change(self, collection: str, id: Any, values: dict[str, Any], by: str = API_USER) -> None:
        """Set some fields of an existing row (moves, connections), keeping the others."""
        table = self.tables[collection]
        merged = {**table.row(id), **values}
        self._check_rules(table.schema, merged)
        self._stamp(table, merged, by)

    # --- UI edits (control plane): partial JSON fields, as a person would type them ---------
    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        table = self.tables[collection]
        id = self.create(collection, bind(table.schema, fields), by=UI_USER)
        return self.get(collection, id)

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        table = self.tables[collection]
        current = table.row(id)
        merged = {**current, **bind(table.schema, fields)}
        self._check_rules(table.schema, merged)
        self._stamp(table, merged, UI_USER)
        return self.get(collection, id)

    def api_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        """Another integration's write through the API (UpdatedBy is the API user, as for
        every API write): the whole DTO with these fields changed."""
        table = self.tables[collection]
        merged = {**table.row(id), **bind(table.schema, fields)}
        self._check_rules(table.schema, merged)
        self._stamp(table, merged, API_USER)
        return self.get(collection, id)

    def id_field(self, collection: str) -> str:
        return self.tables[collection].schema.id_field

    def ui_delete(self, collection: str, id: int) -> None:
        """Deleting an organisation in the UI deletes its persons with it."""
        self.delete(collection, id)
        if collection == "Organisations":
            persons = self.tables["Persons"]
            for person in list(persons.rows.values()):
                if person["PersonOrganisationId"] == id:
                    persons.remove(person["PersonId"])

    # --- rules -----------------------------------------------------------------------------
    def _check_rules(self, schema: EntitySchema, values: dict[str, Any]) -> None:
        errors = length_errors(schema, values)
        for field, target in _REFERENCES.get(schema.collection, ()):
            ref = values.get(field, 0)
            required = (schema.collection, field) in _REQUIRED_REFERENCES
            if (ref or required) and ref not in self.tables[target].rows:
                what = target[:-1].lower()
                errors[field] = [f"The field {field} must be the id of an existing {what}: {ref}."]
        if errors:
            raise ValidationFailed(errors)

    def _insert(self, table: Table, values: dict[str, Any], by: str) -> Any:
        schema = table.schema
        id = table.new_id()
        row = {**schema.empty_row(), **values, schema.id_field: id}
        if schema.created_by:
            row[schema.created_by] = by
        self._stamp(table, row, by, created=True)
        return id

    def _stamp(self, table: Table, row: dict[str, Any], by: str, created: bool = False) -> None:
        schema = table.schema
        now = format_timestamp(self.clock.tick())
        if schema.updated_at:
            row[schema.updated_at] = now
        if schema.updated_by:
            row[schema.updated_by] = by
        if created and schema.created_at:
            row[schema.created_at] = now
        table.put(row)


# (collection, field) -> the collection its id must name; 0 means "none" unless required.
_REFERENCES = {
    "Persons": (("PersonOrganisationId", "Organisations"),),
    "Products": (("ProductOrganisationId", "Organisations"), ("ProductPersonId", "Persons")),
}
_REQUIRED_REFERENCES = {("Persons", "PersonOrganisationId")}


def bind_id(schema: EntitySchema, payload: Any) -> int:
    """The id a PATCH item names (0 when absent or null); ValueError if it is not an int32."""
    if not isinstance(payload, dict):
        return 0
    value = bind_value(schema.fields[schema.id_field], payload.get(schema.id_field))
    return int(value)
