"""The two systems and their entity kinds as the features name them, with field access.

Features speak the document's words: a *Customerp Customer*, a *Webcrm Organisation*. This
module maps those words to the fakes' collections and the checklist's flows, and reads and
writes dotted field paths (``address.city``) the way the checklist rows name them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checklist import systems
from checklist.systems import KINDS, SOURCE, TARGET, EntityKind
from fakes import CUSTOMERP_ADDRESS, CUSTOMERP_FIELDS, webcrm_schemas

# Properties whose value is the id of another entity, by system; features name it by alias.
REFERENCES: dict[tuple[str, str], EntityKind] = {
    (k.system, name): referenced for (k, name), referenced in systems.REFERENCES.items()
}


def kind(system: str, name: str) -> EntityKind:
    """The kind named ``<system> <name>``; a clear error for words the vocabulary lacks."""
    for k in KINDS:
        if k.system == system and k.name == name:
            return k
    known = ", ".join(k.label for k in KINDS)
    raise ValueError(f"unknown entity kind {system} {name!r}; known: {known}")


def other_system(system: str) -> str:
    return TARGET if system == SOURCE else SOURCE


def get_path(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path; None when any part is missing or null."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def with_path(record: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """The writable top-level fields to send so that ``path`` holds ``value``.

    A nested path sends its whole parent object (Customerp's address) with one part changed.
    """
    head, _, rest = path.partition(".")
    if not rest:
        return {head: value}
    parent = dict(record.get(head) or {})
    parent.update(with_path(parent, rest, value))
    return {head: parent}


def customerp_field(collection: str, path: str) -> Any:
    """The Customerp schema's field at a dotted path (``address.city``: the address part)."""
    head, _, rest = path.partition(".")
    fields = {f.name: f for f in CUSTOMERP_FIELDS[collection]}
    if head not in fields:
        raise ValueError(f"Customerp {collection} has no property {path!r}")
    if not rest:
        return fields[head]
    parts = {f.name: f for f in CUSTOMERP_ADDRESS}
    if fields[head].kind != "address" or rest not in parts:
        raise ValueError(f"Customerp {collection} has no property {path!r}")
    return parts[rest]


def webcrm_field(collection: str, name: str) -> Any:
    """The webCRM swagger's field spec of a DTO property."""
    spec = webcrm_schemas()[collection].fields.get(name)
    if spec is None:
        raise ValueError(f"Webcrm {collection} has no property {name!r}")
    return spec


def field_type(system: str, collection: str, path: str) -> str:
    """The JSON type the fake's schema declares: string, integer, number (or object)."""
    if system == TARGET:
        return str(webcrm_field(collection, path).json_type)
    kind_ = customerp_field(collection, path).kind
    return {"number": "number", "id": "integer", "address": "object"}.get(kind_, "string")


def max_length(system: str, collection: str, path: str) -> int | None:
    """The maxLength the fake's schema declares for a string property (None: unbounded)."""
    if system == TARGET:
        spec = webcrm_schemas()[collection].fields.get(path)
        return spec.max_length if spec else None
    limit: int | None = customerp_field(collection, path).max_length
    return limit


def modelled(flow_id: str, rows: list[Any]) -> list[Any]:
    """The property rows of a flow whose properties both fakes have. A row naming a property
    a fake lacks cannot be checked here: its own scenario (scaffolded ``@unserved``) is
    skipped with that reason, and the other scenarios of the flow check the rest."""
    kinds = [k for k in KINDS if k.flow_id == flow_id]
    source = next(k for k in kinds if k.system == SOURCE)
    target = next(k for k in kinds if k.system == TARGET)
    kept = []
    for row in rows:
        try:
            customerp_field(source.collection, row.source)
            webcrm_field(target.collection, row.target)
        except ValueError:
            continue
        kept.append(row)
    return kept
