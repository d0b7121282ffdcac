"""The facts the checklist only names: each system's entity kinds as its API holds them, and
the flows between them with their ids, derived from the names the documents use."""

from __future__ import annotations

from dataclasses import dataclass

from checklist.slugs import document_slug, flow_id, flow_slug

SOURCE, TARGET = "Customerp", "Webcrm"
SYSTEMS = (SOURCE, TARGET)
DOCUMENT = document_slug(SOURCE, TARGET)  # "customerp-webcrm"


@dataclass(frozen=True)
class EntityKind:
    """One entity kind of one system, e.g. the Customerp Customer held in ``customers``.

    ``scope_field`` carries a run's prefix in live mode; ``identity`` are the fields that
    identify a counterpart without links; ``marker_field`` is the free webCRM text field the
    reference engine writes its origin marker to."""

    system: str
    name: str  # singular, as the features say it: Customer, Organisation, Product
    type: str  # as the checklist names it: Customer, Organisations, Products
    collection: str
    id_field: str
    updated_field: str
    scope_field: str
    identity: tuple[str, ...]
    marker_field: str | None = None

    @property
    def label(self) -> str:
        return f"{self.system} {self.name}"

    @property
    def flow_id(self) -> str:
        """The id of the flow this kind takes part in."""
        return flow_of(self).id


@dataclass(frozen=True)
class FlowKinds:
    """A flow of the documents: the source kind synced with the target kind."""

    source: EntityKind
    target: EntityKind

    @property
    def slug(self) -> str:
        return flow_slug(self.source.type, self.target.type)

    @property
    def id(self) -> str:
        return flow_id(DOCUMENT, self.slug)


def _customerp(name: str, collection: str, scope: str, identity: tuple[str, ...]) -> EntityKind:
    return EntityKind(SOURCE, name, name, collection, "id", "updated_at", scope, identity)


def _webcrm(name: str, collection: str, scope: str, identity: tuple[str, ...]) -> EntityKind:
    return EntityKind(
        TARGET, name, collection, collection, f"{name}Id", f"{name}UpdatedAt", scope, identity,
        f"{name}Custom15",
    )  # fmt: skip


CUSTOMER = _customerp("Customer", "customers", "name", ("name",))
CONTACT = _customerp("Contact", "contacts", "last_name", ("first_name", "last_name"))
CP_PRODUCT = _customerp("Product", "products", "name", ("name",))
ORGANISATION = _webcrm("Organisation", "Organisations", "OrganisationName", ("OrganisationName",))
PERSON = _webcrm("Person", "Persons", "PersonLastName", ("PersonFirstName", "PersonLastName"))
WC_PRODUCT = _webcrm("Product", "Products", "ProductCombined", ("ProductCombined",))

KINDS = (CUSTOMER, CONTACT, CP_PRODUCT, ORGANISATION, PERSON, WC_PRODUCT)
CUSTOMER_ORGANISATIONS = FlowKinds(CUSTOMER, ORGANISATION)
CONTACT_PERSONS = FlowKinds(CONTACT, PERSON)
PRODUCT_PRODUCTS = FlowKinds(CP_PRODUCT, WC_PRODUCT)
FLOWS = (CUSTOMER_ORGANISATIONS, CONTACT_PERSONS, PRODUCT_PRODUCTS)
COLLECTIONS = {s: tuple(k.collection for k in KINDS if k.system == s) for s in SYSTEMS}

# Properties whose value is the id of an entity of another flow: (kind, field) -> that kind.
REFERENCES: dict[tuple[EntityKind, str], EntityKind] = {
    (CONTACT, "customer_id"): CUSTOMER,
    (PERSON, "PersonOrganisationId"): ORGANISATION,
}


def flow_between(source_type: str, target_type: str) -> FlowKinds | None:
    """The flow whose kinds the checklist names ``source_type`` and ``target_type``."""
    for flow in FLOWS:
        if (flow.source.type, flow.target.type) == (source_type, target_type):
            return flow
    return None


def flow_of(kind: EntityKind) -> FlowKinds:
    """The flow ``kind`` takes part in."""
    for flow in FLOWS:
        if kind in (flow.source, flow.target):
            return flow
    raise ValueError(f"no flow for {kind.label}")


def counterpart(kind: EntityKind) -> EntityKind:
    """The kind of the other system in the same flow."""
    flow = flow_of(kind)
    return flow.target if kind == flow.source else flow.source
