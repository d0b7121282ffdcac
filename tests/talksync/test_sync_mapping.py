"""Mapping from checklist flows: dotted paths, type conversion, references, dependency order."""

from __future__ import annotations

import pytest

from checklist.model import Flow, PropertyRow
from talksync.errors import ConfigError
from talksync.mapping import (
    MappingError,
    apply_to_source,
    apply_to_target,
    convert,
    flow_map,
    order_flows,
    source_view,
    stored_in_target,
    target_view,
)


def make_flow(source_type, target_type, slug, rows):
    return Flow(
        heading=f"Customerp {source_type} to Webcrm {target_type}",
        slug=slug,
        source_system="Customerp",
        source_type=source_type,
        target_system="Webcrm",
        target_type=target_type,
        properties=[PropertyRow(s, t, ty) for s, t, ty in rows],
    )


CUSTOMERS = make_flow(
    "Customer",
    "Organisations",
    "customer-organisations",
    [
        ("name", "OrganisationName", "string"),
        ("address.city", "OrganisationCity", "string"),
        ("name", "OrganisationCompareName", "string"),
    ],
)
CONTACTS = make_flow(
    "Contact",
    "Persons",
    "contact-persons",
    [
        ("customer_id", "PersonOrganisationId", "integer"),
        ("first_name", "PersonFirstName", "string"),
    ],
)
PRODUCTS = make_flow(
    "Product", "Products", "product-products", [("unit_price", "ProductPrice", "float")]
)


def no_reference(flow_id, value):
    raise AssertionError("no reference expected")


def test_dotted_source_path_and_one_source_to_two_targets():
    fm = flow_map("customerp-webcrm", CUSTOMERS)
    view = source_view(fm, {"name": "Acme", "address": {"city": "Oslo"}}, no_reference)
    dto = apply_to_target(fm, {"OrganisationId": 7}, view)
    assert dto == {
        "OrganisationId": 7,
        "OrganisationName": "Acme",
        "OrganisationCity": "Oslo",
        "OrganisationCompareName": "Acme",
    }
    assert target_view(fm, dto) == view


def test_writing_back_to_source_sets_nested_paths_and_keeps_other_fields():
    fm = flow_map("customerp-webcrm", CUSTOMERS)
    address = {"city": "Oslo", "country": "NO"}
    record = {"id": 1, "name": "Acme", "address": address}
    out = apply_to_source(fm, record, {"address.city->OrganisationCity": "Bergen"}, no_reference)
    assert out["address"] == {"city": "Bergen", "country": "NO"}
    assert address["city"] == "Oslo"  # the input is not modified


def test_reference_is_translated_through_the_link_not_copied():
    fm = flow_map("customerp-webcrm", CONTACTS)
    links = {5: 900}
    view = source_view(fm, {"customer_id": 5, "first_name": "Ada"}, lambda flow, sid: links[sid])
    assert view["customer_id->PersonOrganisationId"] == 900
    assert fm.depends_on == ("customerp-webcrm/customer-organisations",)
    back = apply_to_source(
        fm, {"customer_id": 5}, {"customer_id->PersonOrganisationId": 901}, lambda f, t: t - 800
    )
    assert back["customer_id"] == 101


def test_persons_are_ordered_after_organisations():
    maps = [flow_map("customerp-webcrm", f) for f in (CONTACTS, PRODUCTS, CUSTOMERS)]
    ids = [m.flow_id.split("/")[1] for m in order_flows(maps)]
    assert ids.index("customer-organisations") < ids.index("contact-persons")


@pytest.mark.parametrize(
    ("value", "type_", "expected"),
    [
        ("", "string", None),
        (None, "float", None),
        (12, "string", "12"),
        (3.0, "string", "3"),
        ("42", "integer", 42),
        (7.0, "integer", 7),
        ("9.5", "float", 9.5),
        (2, "float", 2.0),
        ("true", "boolean", True),
        (0, "boolean", False),
        ({"x": 1}, "N/A", {"x": 1}),
    ],
)
def test_convert_to_declared_type(value, type_, expected):
    assert convert(value, type_, "f") == expected
    assert type(convert(value, type_, "f")) is type(expected)


@pytest.mark.parametrize(
    ("value", "type_"),
    [
        ("abc", "float"),
        (1.5, "integer"),
        ("maybe", "boolean"),
        (True, "integer"),
        ({"city": "Oslo"}, "string"),
        (["a"], "string"),
    ],
)
def test_convert_refuses_values_of_the_wrong_kind(value, type_):
    with pytest.raises(MappingError, match="cannot convert"):
        convert(value, type_, "products.unit_price")


def test_empty_numbers_are_stored_as_zero_by_webcrm():
    fm = flow_map("customerp-webcrm", PRODUCTS)
    assert stored_in_target(fm, {"unit_price->ProductPrice": None}) == {
        "unit_price->ProductPrice": 0.0
    }


def test_unknown_entity_pair_is_a_configuration_error():
    flow = make_flow("Invoice", "Deliveries", "invoice-deliveries", [])
    with pytest.raises(ConfigError, match="Invoice -> Deliveries"):
        flow_map("customerp-webcrm", flow)


def test_marker_names_the_source_collection_and_id():
    fm = flow_map("customerp-webcrm", CUSTOMERS)
    assert fm.marker(17) == "talksync:customers:17"
    assert fm.pair.marker_field == "OrganisationCustom15"
