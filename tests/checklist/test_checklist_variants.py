"""The variants of Sesam Talk documents: conditions, merge blocks, qualifiers, cell conditions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist import ChecklistError, document_items, parse_document

SAMPLES = Path(__file__).parent / "samples"
ID = re.compile(r"^[a-z0-9]+-[a-z0-9]+/[a-z0-9._-]+/[a-z-]+(/[a-z0-9._-]+)?$")


def _flow(name: str, heading: str):  # type: ignore[no-untyped-def]
    doc = parse_document(SAMPLES / name)
    return doc, next(f for f in doc.flows if f.heading == heading)


def test_conditional_statement_with_double_space_gives_a_condition_item() -> None:
    doc, flow = _flow("zendesk-webcrm.rst", "Zendesk Users to WebCRM Users")
    assert flow.condition == "of type Agent"
    assert flow.statement == (
        "When a Zendesk User is of type Agent, it will be synchronized with a WebCRM Users."
    )
    ids = [it.id for it in document_items(doc)]
    assert "zendesk-webcrm/users-users/condition" in ids
    assert "zendesk-webcrm/organizations-organisations/condition" not in ids
    assert not [w for w in doc.warnings if "statement" in w.message]


def test_free_text_condition_before_it_will_be_synchronized_is_kept() -> None:
    doc, flow = _flow("tripletex-webcrm.rst", "Tripletex Product to WebCRM Products")
    assert flow.condition == (
        "preliminary mapping until we can sort out suppliers. "
        "This removes all supplier products for now"
    )
    assert "tripletex-webcrm/product-products/condition" in [it.id for it in document_items(doc)]


def test_merge_block_sets_the_policy_and_reads_the_two_column_table() -> None:
    doc, flow = _flow("hubspot-superoffice.rst", "HubSpot Contact to SuperOffice Person")
    assert flow.merge_policy == "merge"
    assert flow.merge_statement.startswith("If a matching SuperOffice Person already exists")
    assert [(c.source, c.target) for c in flow.merge_criteria] == [
        ("properties.email", "Emails.Value")
    ]
    merge_ids = [it.id for it in document_items(doc) if it.kind == "merge"]
    assert merge_ids == ["hubspot-superoffice/contact-person/merge/properties.email--emails.value"]
    assert len(flow.properties) == 11


def test_link_required_flow_has_its_creation_rule_as_an_item_of_its_own() -> None:
    doc, flow = _flow(
        "businesscentral-tripletex.rst", "Business Central Items to Tripletex Product"
    )
    assert flow.merge_policy == "link-required"
    assert flow.creation_rule is not None
    assert flow.creation_rule.startswith("A new Tripletex Product will be created from")
    items = {
        it.id.rsplit("/", 1)[1]: it for it in document_items(doc) if "/items-product/" in it.id
    }
    assert items["sync"].text.startswith("Before any synchronization can take place")
    assert items["creation"].text == flow.creation_rule
    assert items["creation"].kind == "creation"
    assert flow.creation_rule not in items["sync"].text


def test_merge_policy_statement_is_an_item_of_its_own() -> None:
    doc, flow = _flow("hubspot-superoffice.rst", "HubSpot Contact to SuperOffice Person")
    items = {it.id: it for it in document_items(doc)}
    policy = items["hubspot-superoffice/contact-person/merge-policy"]
    assert (policy.kind, policy.text) == ("merge-policy", flow.merge_statement)
    assert policy.text.endswith(
        "If no matching SuperOffice Person is found, a new SuperOffice Person will be created."
    )
    assert items["hubspot-superoffice/contact-person/sync"].text == (
        "Every HubSpot Contact will be synchronized with a SuperOffice Person."
    )


def test_multi_word_systems_and_qualified_types_make_the_documented_slugs() -> None:
    doc, flow = _flow(
        "businesscentral-webcrm.rst",
        "Business Central Customers (organisation data) to WebCRM Organisations",
    )
    assert doc.slug == "businesscentral-webcrm"
    assert (flow.source_system, flow.source_type) == (
        "Business Central",
        "Customers (organisation data)",
    )
    assert flow.slug == "customers-organisation-data-organisations"
    assert parse_document(SAMPLES / "powerofficego-webcrm.rst").slug == "powerofficego-webcrm"
    assert parse_document(SAMPLES / "webcrm-customerp.rst").slug == "webcrm-customerp"


def test_conditions_in_cells_are_split_off_and_kept() -> None:
    _, flow = _flow(
        "businesscentral-freshteam.rst", "Business Central Employees to Freshteam Employee"
    )
    phones = [(p.source, p.target, p.condition) for p in flow.properties if "phone" in p.target]
    assert phones == [
        (
            "mobilePhone",
            "phone_numbers.number",
            "Dependant on having wd:Q17517 in phone_numbers.name",
        ),
        (
            "phoneNumber",
            "phone_numbers.number",
            "Dependant on having wd:Q214995 in phone_numbers.name",
        ),
    ]
    _, assoc = _flow(
        "hubspot-superoffice.rst", "HubSpot Contactcompanyassociation to SuperOffice Person"
    )
    assert [(p.source, p.condition) for p in assoc.properties] == [
        ("toObjectId", "Dependant on having wd:Q703534 in sesam_simpleAssociationTypes")
    ]


def test_property_item_text_names_source_target_and_declared_type() -> None:
    doc = parse_document(SAMPLES / "webcrm-tripletex.rst")
    texts = [it.text for it in document_items(doc) if it.kind == "property"]
    assert all(
        " -> " in t and re.search(r"\((string|integer|float|boolean|N/A)\)", t) for t in texts
    )
    assert len(texts) == 10


def test_item_ids_are_unique_and_well_formed_in_every_sample() -> None:
    for path in sorted(SAMPLES.glob("*.rst")):
        items = document_items(parse_document(path))
        ids = [it.id for it in items]
        assert len(ids) == len(set(ids)), path.name
        assert [i for i in ids if not ID.match(i)] == [], path.name


def test_ids_do_not_depend_on_lines_or_the_generated_stamp(tmp_path: Path) -> None:
    original = (SAMPLES / "hubspot-superoffice.rst").read_text()
    moved = original.replace("Generated: 2024-11-13 00:00:23", "Generated: 2031-01-01 12:00:00")
    moved = moved.replace("Introduction\n------------\n", "Introduction\n------------\n\n\n\n")
    (tmp_path / "hubspot-superoffice.rst").write_text(moved)
    before = document_items(parse_document(SAMPLES / "hubspot-superoffice.rst"))
    after = document_items(parse_document(tmp_path / "hubspot-superoffice.rst"))
    assert [it.id for it in after] == [it.id for it in before]
    assert [it.line for it in after] != [it.line for it in before]


def test_a_statement_that_names_other_types_than_its_heading_is_a_warning(tmp_path: Path) -> None:
    text = (SAMPLES / "zendesk-webcrm.rst").read_text()
    bad = tmp_path / "zendesk-webcrm.rst"
    bad.write_text(
        text.replace(
            "it  will be synchronized with a WebCRM Users.",
            "it will be synchronized with a WebCRM Persons.",
        )
    )
    doc = parse_document(bad)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (
            33,
            "statement names 'Zendesk User' -> 'WebCRM Persons', "
            "but the heading says 'Zendesk Users' -> 'WebCRM Users'",
        )
    ]
    assert len(doc.flows) == 2


def test_header_only_table_after_rows_elsewhere_is_an_empty_table_not_an_error() -> None:
    doc, flow = _flow("hubspot-superoffice.rst", "HubSpot User to SuperOffice Person")
    assert flow.properties == []
    assert flow.properties_line == 156
    assert (156, "'HubSpot User to SuperOffice Person' declares no properties") in [
        (w.line, w.message) for w in doc.warnings
    ]


def test_unknown_sentences_and_non_flow_sections_are_warnings(tmp_path: Path) -> None:
    text = (SAMPLES / "zendesk-webcrm.rst").read_text()
    odd = tmp_path / "zendesk-webcrm.rst"
    odd.write_text(
        text.replace("Every Zendesk Organizations will", "Sometimes a Zendesk Organizations will")
        + "\nAppendix\n--------\n\nNothing here.\n"
    )
    doc = parse_document(odd)
    messages = [(w.line, w.message) for w in doc.warnings]
    assert (
        14,
        "statement not understood, not checked: 'Sometimes a Zendesk Organizations will be "
        "synchronized with a WebCRM Organisa...'",
    ) in messages
    assert (
        12,
        "'Zendesk Organizations to WebCRM Organisations' states no synchronization statement",
    ) in messages
    assert (50, "section 'Appendix' is not a flow; ignored") in messages


def test_docutils_keeps_its_own_list_table_outside_the_parse() -> None:
    from docutils.core import publish_doctree
    from docutils.nodes import system_message

    parse_document(SAMPLES / "customerp-webcrm.rst")
    header_only = ".. list-table::\n   :header-rows: 1\n\n   * - a\n     - b\n"
    tree = publish_doctree(header_only, settings_overrides={"report_level": 5})
    assert any("Insufficient data" in m.astext() for m in tree.findall(system_message))


def test_creation_rules_name_the_types_the_entity_must_be_connected_to() -> None:
    _, items = _flow("businesscentral-tripletex.rst", "Business Central Items to Tripletex Product")
    assert items.connected_to == ["Businesscentral-salesorderlines"]
    corpus = Path(__file__).parent / "corpus" / "businesscentral-exactonline.rst"
    orders = next(f for f in parse_document(corpus).flows if f.slug == "salesorders-salesorders")
    assert (orders.merge_policy, orders.connected_to) == (
        "link-required",
        ["Salesorders", "Salesorderlines"],
    )


def test_decimal_and_a_cell_naming_several_numeric_types_are_read(tmp_path: Path) -> None:
    """Some generated versions declare ``"decimal"`` and even ``"integer", "decimal"]``."""
    text = (SAMPLES / "businesscentral-tripletex.rst").read_text(encoding="utf-8")
    rows = text.split('     - "integer"\n')
    assert len(rows) >= 3, "the sample must have two integer rows to edit"
    edited = rows[0] + '     - "decimal"\n' + rows[1] + '     - "integer", "decimal"]\n'
    path = tmp_path / "businesscentral-tripletex.rst"
    path.write_text(edited + '     - "integer"\n'.join(rows[2:]), encoding="utf-8")
    doc = parse_document(path)
    before = [p.type for f in parse_document(SAMPLES / path.name).flows for p in f.properties]
    after = [p.type for f in doc.flows for p in f.properties]
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [("integer", "decimal"), ("integer", "decimal")]
    assert any("names several types; checked as decimal" in w.message for w in doc.warnings)


def test_a_cell_naming_several_types_that_are_not_all_numbers_is_refused(tmp_path: Path) -> None:
    text = (SAMPLES / "businesscentral-tripletex.rst").read_text(encoding="utf-8")
    path = tmp_path / "businesscentral-tripletex.rst"
    path.write_text(text.replace('"integer"\n', '"integer", "string"]\n', 1), encoding="utf-8")
    with pytest.raises(ChecklistError, match="unknown data type"):
        parse_document(path)
