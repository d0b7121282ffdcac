"""Customerp resource fields as data, and the validation that names the offending field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from fakes.customerp.countries import ISO_3166_ALPHA2
from fakes.customerp.errors import BadRequest, ValidationFailed

READ_ONLY = frozenset({"id", "version", "created_at", "updated_at"})


@dataclass(frozen=True, slots=True)
class Field:
    """A writable field: ``kind`` is "str", "number", "id" (an integer reference) or "address"."""

    name: str
    kind: str = "str"
    required: bool = False
    max_length: int | None = None


def _text(name: str, max_length: int = 200, required: bool = False) -> Field:
    return Field(name, "str", required, max_length)


ADDRESS = (_text("street"), _text("city"), _text("postal_code", 20), Field("country", "country"))

FIELDS: dict[str, tuple[Field, ...]] = {
    "customers": (
        _text("customer_number", 50),
        _text("name", required=True),
        _text("email"),
        _text("phone"),
        _text("vat_number"),
        _text("website"),
        Field("address", "address"),
        _text("external_ref", 100),
    ),
    "contacts": (
        Field("customer_id", "id", required=True),
        _text("first_name"),
        _text("last_name"),
        _text("email"),
        _text("mobile_phone"),
        _text("work_phone"),
        _text("title"),
        _text("external_ref", 100),
    ),
    "products": (
        _text("sku", 100, required=True),
        _text("name", required=True),
        _text("description", 4000),
        Field("unit_price", "number"),
        Field("cost_price", "number"),
        Field("stock_quantity", "number"),
        _text("vat_code", 20),
        _text("external_ref", 100),
    ),
}


def writable(collection: str, body: Any, partial: bool = False) -> dict[str, Any]:
    """The body's writable fields, checked; absent optional fields are None unless ``partial``.

    Unknown fields -> 422 naming the first one; read-only fields are dropped.
    """
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return _check(FIELDS[collection], body, partial, "")


def _check(fields: tuple[Field, ...], body: dict[str, Any], partial: bool, prefix: str) -> dict:
    known = {f.name for f in fields}
    for key in body:
        if key not in known and (prefix or key not in READ_ONLY):
            raise ValidationFailed(prefix + str(key), "unknown field")
    out: dict[str, Any] = {}
    for field in fields:
        if partial and field.name not in body:
            continue
        out[field.name] = _value(field, body.get(field.name), prefix + field.name)
    return out


def _value(field: Field, value: Any, path: str) -> Any:
    if value is None:
        if field.required:
            raise ValidationFailed(path, "is required")
        return None
    if field.kind == "address":
        if not isinstance(value, dict):
            raise ValidationFailed(path, "must be an object")
        return _check(ADDRESS, value, False, path + ".")
    if field.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationFailed(path, "must be a number")
        if not _finite_double(value):
            raise ValidationFailed(path, "must be a number within the range of a double")
        return value
    if field.kind == "id":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationFailed(path, "must be an integer id")
        return value
    if not isinstance(value, str):
        raise ValidationFailed(path, "must be a string")
    if field.kind == "country" and value not in ISO_3166_ALPHA2:
        raise ValidationFailed(path, "must be an ISO 3166-1 alpha-2 code such as NO")
    if field.required and not value.strip():
        raise ValidationFailed(path, "must not be blank")
    if field.max_length is not None and len(value) > field.max_length:
        raise ValidationFailed(path, f"is longer than {field.max_length} characters")
    return value


def _finite_double(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer beyond what a double holds
        return False
