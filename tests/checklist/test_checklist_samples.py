"""Every sample dataflow document parses with the right flows, rows, merge rows and types."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checklist import document_items, parse_document

SAMPLES = Path(__file__).parent / "samples"

# Counted by hand from the files (duplicated sections counted once, repeated rows once):
# name: (flows, property rows, merge rows, property rows per declared type)
EXPECTED = {
    "businesscentral-freshteam.rst": (1, 7, 0, {"string": 7}),
    "businesscentral-tripletex.rst": (
        9,
        86,
        1,
        {"string": 57, "integer": 17, "float": 4, "boolean": 2, "N/A": 6},
    ),
    "businesscentral-webcrm.rst": (5, 9, 0, {"string": 9}),
    "customerp-webcrm.crlf-2024-09-11.rst": (3, 0, 0, {}),
    "customerp-webcrm.rst": (3, 0, 0, {}),
    "hubspot-superoffice.rst": (10, 42, 1, {"string": 28, "integer": 7, "float": 2, "N/A": 5}),
    "hubspot-webcrm.rst": (7, 8, 0, {"string": 8}),
    "powerofficego-webcrm.rst": (6, 18, 0, {"string": 18}),
    "superoffice-webcrm.rst": (5, 20, 0, {"string": 20}),
    "tripletex-webcrm.rst": (5, 32, 0, {"string": 32}),
    "webcrm-customerp.rst": (6, 0, 0, {}),
    "webcrm-tripletex.rst": (3, 10, 0, {"string": 4, "integer": 3, "float": 2, "N/A": 1}),
    "zendesk-webcrm.rst": (2, 2, 0, {"string": 2}),
}


def test_every_sample_has_an_expectation() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.rst")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_parses_with_expected_counts(name: str) -> None:
    flows, properties, merges, types = EXPECTED[name]
    doc = parse_document(SAMPLES / name)
    assert len(doc.flows) == flows
    assert sum(len(f.properties) for f in doc.flows) == properties
    assert sum(len(f.merge_criteria) for f in doc.flows) == merges
    assert Counter(p.type for f in doc.flows for p in f.properties) == Counter(types)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_items_are_one_per_statement_and_row(name: str) -> None:
    doc = parse_document(SAMPLES / name)
    items = document_items(doc)
    conditional = sum(f.condition is not None for f in doc.flows)
    policies = sum(bool(f.merge_statement) + bool(f.creation_rule) for f in doc.flows)
    rows = sum(len(f.properties) + len(f.merge_criteria) for f in doc.flows)
    assert len(items) == 4 * len(doc.flows) + conditional + policies + rows
    assert len({it.id for it in items}) == len(items)


def test_seed_document_has_three_flows_of_four_items_and_three_empty_tables() -> None:
    doc = parse_document(SAMPLES / "customerp-webcrm.rst")
    assert doc.title == "Customerp to Webcrm Dataflow"
    assert (doc.source_system, doc.target_system, doc.generated) == (
        "Customerp",
        "Webcrm",
        "2024-09-11 00:00:01",
    )
    assert [f.heading for f in doc.flows] == [
        "Customerp Customer to Webcrm Organisations",
        "Customerp Contact to Webcrm Persons",
        "Customerp Product to Webcrm Products",
    ]
    assert [it.id for it in document_items(doc)] == [
        f"customerp-webcrm/{flow}/{kind}"
        for flow in ("customer-organisations", "contact-persons", "product-products")
        for kind in ("sync", "link", "edit-source", "edit-target")
    ]
    assert [(w.line, w.message) for w in doc.warnings] == [
        (20, "'Customerp Customer to Webcrm Organisations' declares no properties"),
        (36, "'Customerp Contact to Webcrm Persons' declares no properties"),
        (52, "'Customerp Product to Webcrm Products' declares no properties"),
    ]


def test_crlf_and_lf_variants_of_the_seed_give_identical_items() -> None:
    lf = parse_document(SAMPLES / "customerp-webcrm.rst")
    crlf = parse_document(SAMPLES / "customerp-webcrm.crlf-2024-09-11.rst")
    assert b"\r\n" in (SAMPLES / "customerp-webcrm.crlf-2024-09-11.rst").read_bytes()

    def comparable(doc: object) -> list[tuple[str, str, str, int]]:
        return [(it.id, it.kind, it.text, it.line) for it in document_items(doc)]  # type: ignore[arg-type]

    assert comparable(crlf) == comparable(lf)
    assert [(w.line, w.message) for w in crlf.warnings] == [
        (w.line, w.message) for w in lf.warnings
    ]


def test_duplicated_sections_are_kept_once_with_a_warning_at_the_repeat() -> None:
    doc = parse_document(SAMPLES / "webcrm-customerp.rst")
    headings = [f.heading for f in doc.flows]
    assert headings.count("WebCRM Persons to Custom ERP Contact") == 1
    duplicates = [(w.line, w.message) for w in doc.warnings if "duplicate section" in w.message]
    assert duplicates == [
        (
            108,
            "duplicate section 'WebCRM Persons to Custom ERP Contact' (first at line 44); ignored",
        ),
        (
            124,
            "duplicate section 'WebCRM Products to Custom ERP Product' (first at line 60); ignored",
        ),
    ]


def test_a_repeated_section_with_new_rows_adds_them_to_the_first() -> None:
    doc = parse_document(SAMPLES / "businesscentral-tripletex.rst")
    items = next(f for f in doc.flows if f.heading == "Business Central Items to Tripletex Product")
    assert items.line == 12
    assert items.merge_policy == "link-required"
    assert [(p.source, p.target, p.type) for p in items.properties][:3] == [
        ("displayName", "name", "string"),
        ("gtin", "ean", "string"),
        ("inventory", "stockOfGoods", "integer"),
    ]
    assert [(c.source, c.target, c.line) for c in items.merge_criteria] == [("gtin", "ean", 25)]
    warning = next(w for w in doc.warnings if w.line == 423)
    assert "duplicate section 'Business Central Items to Tripletex Product'" in warning.message
    assert "5 new property rows" in warning.message
