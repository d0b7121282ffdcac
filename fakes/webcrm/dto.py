"""Binding of JSON request bodies to webCRM DTO values, by the swagger's field specs.

Binding mirrors ASP.NET model binding with the fake's stricter choices (README.md): a wrong JSON
type, an unknown field or an unparseable date fails the whole request; the spec's maxLengths are
checked separately (`length_errors`) so that PATCH can report them per item.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fakes.core.clock import format_iso_z, parse_iso
from fakes.webcrm.errors import ValidationFailed
from fakes.webcrm.schema import EntitySchema, FieldSpec, nested_fields

INT_RANGES = {"int64": (-(2**63), 2**63 - 1)}
INT32_RANGE = (-(2**31), 2**31 - 1)


def format_timestamp(moment: datetime) -> str:
    """webCRM's timestamp form: UTC, no zone suffix, milliseconds (2024-09-11T00:00:00.001)."""
    return format_iso_z(moment if moment.tzinfo else moment.replace(tzinfo=UTC))[:-1]


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 date or date-time; no zone means UTC; ValueError if unparseable."""
    if not isinstance(text, str) or len(text) < 10 or text[4:5] != "-":
        raise ValueError(f"not an ISO 8601 date-time: {text!r}")
    return parse_iso(text)


def canonical_timestamp(text: str) -> str:
    """Any accepted timestamp text in webCRM's own form (sortable as text)."""
    return format_timestamp(parse_timestamp(text))


def _type_error(spec: FieldSpec) -> str:
    wanted = f"one of {', '.join(spec.enum)}" if spec.enum else f"a JSON {spec.json_type}"
    if spec.ref:
        wanted += f" of {spec.ref}"
    if spec.is_datetime:
        wanted = "an ISO 8601 date-time string"
    return f"The field {spec.name} must be {wanted}."


def bind_value(spec: FieldSpec, value: Any) -> Any:
    """The stored value for one JSON value, or ValueError with the message for the client."""
    if value is None:
        return spec.empty_value()
    kind = spec.json_type
    if kind == "string" and isinstance(value, str):
        if spec.enum and value not in spec.enum:
            raise ValueError(_type_error(spec))
        if spec.is_datetime:
            try:
                return canonical_timestamp(value)
            except ValueError:
                raise ValueError(_type_error(spec)) from None
        return value
    if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        lowest, highest = INT_RANGES.get(spec.format or "", INT32_RANGE)
        if not lowest <= value <= highest:
            raise ValueError(
                f"The field {spec.name} is outside the {spec.format or 'int32'} range."
            )
        return value
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)  # JSON parsing already refused NaN, Infinity and 1e999
        except OverflowError:
            raise ValueError(f"The field {spec.name} is outside the range of a double.") from None
    if kind == "boolean" and isinstance(value, bool):
        return value
    if kind == "array" and isinstance(value, list) and spec.items is not None:
        return [bind_value(spec.items, item) for item in value]
    if kind == "object" and isinstance(value, dict):
        return bind_nested(spec, value)
    raise ValueError(_type_error(spec))


def bind_nested(spec: FieldSpec, value: dict[str, Any]) -> dict[str, Any]:
    """A nested object (SecurityInfoDto, AttendeeInfo, ...): every field of its definition."""
    fields = nested_fields(spec.ref)
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise ValueError(f"Unknown field {unknown[0]} in {spec.name} ({spec.ref}).")
    return {name: bind_value(inner, value.get(name)) for name, inner in fields.items()}


def bind(
    schema: EntitySchema,
    payload: Any,
    *,
    where: str = "",
    fields: dict[str, FieldSpec] | None = None,
) -> dict[str, Any]:
    """The writable field values of one DTO body (the write DTO's, or ``fields``); read-only
    fields are dropped. Raises ValidationFailed naming every offending field (prefixed with
    `where`, e.g. "[2].")."""
    if not isinstance(payload, dict):
        raise ValidationFailed({where.rstrip(".") or "body": [f"Expected a {schema.dto_name}."]})
    accepted = schema.input_fields if fields is None else fields
    dto = schema.dto_name if fields is None else "the body"
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, raw in payload.items():
        spec = accepted.get(name)
        if spec is None:
            errors[where + name] = [f"Unknown field {name} in {dto}."]
            continue
        try:
            bound = bind_value(spec, raw)
        except ValueError as exc:
            errors[where + name] = [str(exc)]
            continue
        if not spec.read_only:
            values[name] = bound
    if errors:
        raise ValidationFailed(errors)
    return values


def length_errors(schema: EntitySchema, values: dict[str, Any]) -> dict[str, list[str]]:
    """maxLength violations, worded as ASP.NET's MaxLengthAttribute words them."""
    errors = {}
    for name, value in values.items():
        spec = schema.input_fields.get(name) or schema.fields.get(name)
        limit = spec.max_length if spec else None
        if limit is not None and isinstance(value, str) and len(value) > limit:
            errors[name] = [
                f"The field {name} must be a string or array type with a maximum length of "
                f"'{limit}'."
            ]
    return errors


def to_dto(schema: EntitySchema, row: dict[str, Any]) -> dict[str, Any]:
    """The read DTO of a stored row: every property, null where unset (as .NET writes it)."""
    if schema.same_shape:
        return dict(row)
    return {name: row[name] for name in schema.fields}
