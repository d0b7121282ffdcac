"""The two systems and their entity kinds as the features name them, with field access.

Features speak the document's words: a *Customerp Customer*, a *Webcrm Organisation*. This
module maps those words to the fakes' collections and the checklist's flows, and reads and
writes dotted field paths (``address.city``) the way the checklist rows name them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fakes import CUSTOMERP_ADDRESS, CUSTOMERP_FIELDS, webcrm_schemas

DOCUMENT = "customerp-webcrm"
SOURCE, TARGET = "Customerp", "Webcrm"
SYSTEMS = (SOURCE, TARGET)


@dataclass(frozen=True)
class Kind:
    """One entity kind of one system, e.g. the Customerp Customer (collection ``customers``)."""

    system: str
    name: str  # singular, as in the features: Customer, Organisation, Product
    collection: str
    flow_slug: str

    @property
    def flow_id(self) -> str:
        return f"{DOCUMENT}/{self.flow_slug}"

    @property
    def side(self) -> str:
        return "source" if self.system == SOURCE else "target"

    @property
    def label(self) -> str:
        return f"{self.system} {self.name}"


KINDS = (
    Kind(SOURCE, "Customer", "customers", "customer-organisations"),
    Kind(SOURCE, "Contact", "contacts", "contact-persons"),
    Kind(SOURCE, "Product", "products", "product-products"),
    Kind(TARGET, "Organisation", "Organisations", "customer-organisations"),
    Kind(TARGET, "Person", "Persons", "contact-persons"),
    Kind(TARGET, "Product", "Products", "product-products"),
)

# Properties whose value is the id of another entity; features name that entity by alias.
REFERENCES: dict[tuple[str, str], Kind] = {
    (SOURCE, "customer_id"): KINDS[0],
    (TARGET, "PersonOrganisationId"): KINDS[3],
}


def kind(system: str, name: str) -> Kind:
    """The kind named ``<system> <name>``; a clear error for words the vocabulary lacks."""
    for k in KINDS:
        if k.system == system and k.name == name:
            return k
    known = ", ".join(k.label for k in KINDS)
    raise ValueError(f"unknown entity kind {system} {name!r}; known: {known}")


def counterpart(k: Kind) -> Kind:
    """The kind of the other system in the same flow."""
    for other in KINDS:
        if other.flow_slug == k.flow_slug and other.system != k.system:
            return other
    raise ValueError(f"no counterpart for {k.label}")


def other_system(system: str) -> str:
    return TARGET if system == SOURCE else SOURCE


def id_field(k: Kind) -> str:
    return "id" if k.system == SOURCE else str(webcrm_schemas()[k.collection].id_field)


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
