"""Every webCRM collection and its DTO fields, read from webCRM's own swagger (no hand-kept list).

The swagger file next to this module is a verbatim copy of webCRM's published Swagger 2.0
document. A *collection* is a path with an item route (``/Activities`` with ``/Activities/{id}``,
``/Activities/Hooks`` with ``/Activities/Hooks/{id}``, ...), named by its path segments joined
with dots (``Activities``, ``Activities.Hooks``); its read DTO is what ``GET .../{id}`` answers,
its write DTO what ``PUT``/``POST`` take. Field names, JSON types, formats, enums, maxLengths
and nested shapes all come from the swagger, so the fake cannot drift from the real API's shape.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SWAGGER_PATH = Path(__file__).with_name("webcrm-rest-api-v1.swagger.json")

# Fields webCRM derives itself (from activities and UI views the fake does not model).
DERIVED = frozenset(
    {"OrganisationLastItemType", "OrganisationLastItemUpdatedAt", "OrganisationLastDisplayedAt"}
)
# Where a table keeps its stamps: the first of these suffixes (after the table prefix) it has.
CREATED_AT = ("CreatedAt", "Created")
UPDATED_AT = ("UpdatedAt", "LastUpdatedAt", "Updated")
CREATED_BY = ("CreatedBy",)
UPDATED_BY = ("UpdatedBy", "LastUpdatedBy")
# The original three collections (the reference engine's); kept as a name for callers.
ENTITIES = {
    "Organisations": ("Organisation", "OrganisationDto"),
    "Persons": ("Person", "PersonDto"),
    "Products": ("Product", "ProductDto"),
}


@dataclass(frozen=True)
class FieldSpec:
    """One DTO property: its JSON type and the constraints the spec states."""

    name: str
    json_type: str  # "string" | "integer" | "number" | "boolean" | "array" | "object"
    format: str | None
    max_length: int | None
    enum: tuple[str, ...] | None
    read_only: bool
    items: FieldSpec | None = None  # the element of an array
    ref: str | None = None  # the definition of an object (or of an array's object elements)

    @property
    def is_datetime(self) -> bool:
        return self.format == "date-time"

    def empty_value(self) -> Any:
        """The value a field holds when nobody set it (None: JSON null, as .NET writes it)."""
        if self.is_datetime:
            return None
        if self.enum:
            return self.enum[0]
        if self.json_type == "array":
            return []
        if self.json_type == "object":
            return {name: spec.empty_value() for name, spec in nested_fields(self.ref).items()}
        return {"string": "", "integer": 0, "number": 0.0, "boolean": False}[self.json_type]


@dataclass(frozen=True, eq=False)
class EntitySchema:
    """One collection: its DTOs, its id field and where it keeps its stamps (None: it has none)."""

    collection: str
    table: str
    dto_name: str
    fields: dict[str, FieldSpec]
    input_fields: dict[str, FieldSpec]
    id_field: str
    created_at: str | None
    updated_at: str | None
    created_by: str | None
    updated_by: str | None
    _by_lower_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lowered = {name.lower(): spec for name, spec in self.fields.items()}
        object.__setattr__(self, "_by_lower_name", lowered)

    @property
    def queryable(self) -> bool:
        """A table of its own in /Queries (hooks and linked data are per-entity settings)."""
        return "." not in self.collection and bool(self.table)

    @property
    def same_shape(self) -> bool:
        """The write DTO is the read DTO (rows need no filtering before they are answered)."""
        return self.input_fields is self.fields

    def field_by_name(self, name: str) -> FieldSpec | None:
        """Case-insensitive lookup, as SQL column names are case-insensitive."""
        return self._by_lower_name.get(name.lower())

    def field_with_suffix(self, *suffixes: str) -> str | None:
        """The first field named ``<table><suffix>``, if the DTO has one."""
        return next((self.table + s for s in suffixes if self.table + s in self.fields), None)

    def empty_row(self) -> dict[str, Any]:
        """A fresh row with every field unset (a copy of one template built once)."""
        template = self.__dict__.get("_empty_row")
        if template is None:
            every = {**self.fields, **self.input_fields}
            template = {name: spec.empty_value() for name, spec in every.items()}
            object.__setattr__(self, "_empty_row", template)
        return dict(template)


@functools.cache
def swagger() -> dict[str, Any]:
    """The parsed swagger document (shared, do not mutate)."""
    with SWAGGER_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def ref_name(schema: dict[str, Any]) -> str | None:
    """``OrganisationDto`` for ``{"$ref": "#/definitions/OrganisationDto"}``."""
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def field_spec(name: str, prop: dict[str, Any], read_only: bool = False) -> FieldSpec:
    """The FieldSpec of one swagger property schema (arrays and objects nest)."""
    ref = ref_name(prop)
    if ref is not None:
        return FieldSpec(name, "object", None, None, None, read_only, ref=ref)
    enum = prop.get("enum")
    items = None
    if prop["type"] == "array":
        items = field_spec(f"{name}[]", prop["items"])
    return FieldSpec(
        name=name,
        json_type=prop["type"],
        format=prop.get("format"),
        max_length=prop.get("maxLength"),
        enum=tuple(enum) if enum else None,
        read_only=read_only,
        items=items,
        ref=items.ref if items else None,
    )


@functools.cache
def nested_fields(definition: str | None) -> dict[str, FieldSpec]:
    """The fields of a definition used inside a DTO (SecurityInfoDto, AttendeeInfo, ...)."""
    props = swagger()["definitions"][definition or ""].get("properties", {})
    return {name: field_spec(name, prop) for name, prop in props.items()}


def _id_field(definition: dict[str, Any]) -> str:
    required = [n for n in definition.get("required", ()) if n.endswith("Id")]
    return min(required, key=len) if required else ""


def _entity(collection: str, read_dto: str, write_dto: str) -> EntitySchema:
    definitions = swagger()["definitions"]
    id_field = _id_field(definitions[read_dto]) or "MeetingId"
    table = id_field[:-2]

    def first(props: dict[str, Any], suffixes: tuple[str, ...]) -> str | None:
        return next((table + s for s in suffixes if table + s in props), None)

    props = definitions[read_dto]["properties"]
    stamps = [first(props, s) for s in (CREATED_AT, UPDATED_AT, CREATED_BY, UPDATED_BY)]
    owned = {id_field, *(s for s in stamps if s)} | DERIVED

    def specs(dto: str) -> dict[str, FieldSpec]:
        return {
            name: field_spec(name, prop, name in owned)
            for name, prop in definitions[dto]["properties"].items()
        }

    fields = specs(read_dto)
    input_fields = fields if write_dto == read_dto else specs(write_dto)
    return EntitySchema(collection, table, read_dto, fields, input_fields, id_field, *stamps)


def _dto_of(operation: dict[str, Any] | None, body: bool) -> str | None:
    if not operation:
        return None
    if body:
        params = [p for p in operation.get("parameters", ()) if p["in"] == "body"]
        return ref_name(params[0]["schema"]) if params else None
    schema = operation.get("responses", {}).get("200", {}).get("schema", {})
    return ref_name(schema) or ref_name(schema.get("items", {}))


@functools.cache
def entity_schemas() -> dict[str, EntitySchema]:
    """EntitySchema per collection (``Organisations``, ``Activities.Hooks``, ``Meetings``, ...)."""
    paths = swagger()["paths"]
    schemas = {}
    for path, ops in paths.items():
        item = paths.get(f"{path}/{{id}}") or paths.get(f"{path}/{{meetingId}}")
        if "{" in path or item is None:
            continue
        collection = path.strip("/").replace("/", ".")
        read_dto = _dto_of(item.get("get"), body=False) or ""
        write_dto = _dto_of(item.get("put"), body=True) or _dto_of(ops.get("post"), body=True)
        schemas[collection] = _entity(collection, read_dto, write_dto or read_dto)
    return schemas


def entity_for_table(table: str) -> EntitySchema | None:
    """The queryable schema whose /Queries table name matches, case-insensitively."""
    return _tables().get(table.lower())


@functools.cache
def _tables() -> dict[str, EntitySchema]:
    return {s.table.lower(): s for s in entity_schemas().values() if s.queryable}


def query_tables() -> list[str]:
    """The /Queries table names, for messages and docs."""
    return [schema.table for schema in _tables().values()]
