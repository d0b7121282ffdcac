"""DTO field specs of webCRM's Organisations, Persons and Products, read from webCRM's own swagger.

The swagger file next to this module is a verbatim copy of webCRM's published Swagger 2.0
document; field names, JSON types, formats, enums and maxLengths all come from it, never from a
hand-written list, so the fake cannot drift from the real API's shape.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SWAGGER_PATH = Path(__file__).with_name("webcrm-rest-api-v1.swagger.json")

# Suffixes of the fields the server owns: set by webCRM, ignored when a client sends them.
READ_ONLY_SUFFIXES = ("Id", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy")
# Fields webCRM derives itself (from activities and UI views the fake does not model).
DERIVED = frozenset(
    {"OrganisationLastItemType", "OrganisationLastItemUpdatedAt", "OrganisationLastDisplayedAt"}
)

# collection (URL segment) -> (table name in /Queries, DTO definition)
ENTITIES = {
    "Organisations": ("Organisation", "OrganisationDto"),
    "Persons": ("Person", "PersonDto"),
    "Products": ("Product", "ProductDto"),
}


@dataclass(frozen=True)
class FieldSpec:
    """One DTO property: its JSON type and the constraints the spec states."""

    name: str
    json_type: str  # "string" | "integer" | "number" | "boolean"
    format: str | None
    max_length: int | None
    enum: tuple[str, ...] | None
    read_only: bool

    @property
    def is_datetime(self) -> bool:
        return self.format == "date-time"

    def empty_value(self) -> Any:
        """The value a field holds when nobody set it (None: left out of the DTO)."""
        if self.is_datetime:
            return None
        if self.enum:
            return self.enum[0]
        return {"string": "", "integer": 0, "number": 0.0, "boolean": False}[self.json_type]


@dataclass(frozen=True, eq=False)
class EntitySchema:
    """The DTO of one collection, with the names of its server-owned fields."""

    collection: str
    table: str
    dto_name: str
    fields: dict[str, FieldSpec]
    _by_lower_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lowered = {name.lower(): spec for name, spec in self.fields.items()}
        object.__setattr__(self, "_by_lower_name", lowered)

    @property
    def id_field(self) -> str:
        return f"{self.table}Id"

    @property
    def updated_at(self) -> str:
        return f"{self.table}UpdatedAt"

    @property
    def created_at(self) -> str:
        return f"{self.table}CreatedAt"

    @property
    def updated_by(self) -> str:
        return f"{self.table}UpdatedBy"

    @property
    def created_by(self) -> str:
        return f"{self.table}CreatedBy"

    def field_by_name(self, name: str) -> FieldSpec | None:
        """Case-insensitive lookup, as SQL column names are case-insensitive."""
        return self._by_lower_name.get(name.lower())

    def empty_row(self) -> dict[str, Any]:
        """A fresh row with every field unset (a copy of one template built once)."""
        template = self.__dict__.get("_empty_row")
        if template is None:
            template = {name: spec.empty_value() for name, spec in self.fields.items()}
            object.__setattr__(self, "_empty_row", template)
        return dict(template)


@functools.cache
def swagger() -> dict[str, Any]:
    """The parsed swagger document (shared, do not mutate)."""
    with SWAGGER_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def _field_spec(table: str, name: str, prop: dict[str, Any]) -> FieldSpec:
    own = name.startswith(table) and name[len(table) :] in READ_ONLY_SUFFIXES
    read_only = own or name in DERIVED
    enum = prop.get("enum")
    return FieldSpec(
        name=name,
        json_type=prop["type"],
        format=prop.get("format"),
        max_length=prop.get("maxLength"),
        enum=tuple(enum) if enum else None,
        read_only=read_only,
    )


@functools.cache
def entity_schemas() -> dict[str, EntitySchema]:
    """EntitySchema per collection name (Organisations, Persons, Products)."""
    definitions = swagger()["definitions"]
    schemas = {}
    for collection, (table, dto_name) in ENTITIES.items():
        props = definitions[dto_name]["properties"]
        fields = {name: _field_spec(table, name, prop) for name, prop in props.items()}
        schemas[collection] = EntitySchema(collection, table, dto_name, fields)
    return schemas


def entity_for_table(table: str) -> EntitySchema | None:
    """The schema whose /Queries table name matches, case-insensitively."""
    for schema in entity_schemas().values():
        if schema.table.lower() == table.lower():
            return schema
    return None
