"""Documents as Talk's generator really writes them: no flow at all, empty system names,
headings spelling a system differently from the title; and text with control bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checklist import document_items, parse_document
from talkqa.cli import main

CORPUS = Path(__file__).parent / "corpus"
TITLE = "===============\n{title}\n===============\n\nGenerated: 2024-09-11 00:00:01\n\n"
INTRO = "Introduction\n------------\n\nAn overview.\n\n"
FLOW = """{heading}
{underline}
Every {src} will be synchronized with a {tgt}.

The following properties are synchronized between a {src} and a {tgt}:

.. list-table::
   :header-rows: 1

   * - {src} Property
     - {tgt} Property
     - Data Type
   * - name
     - Name
     - "string"

"""


def _doc(tmp_path: Path, title: str, *flows: tuple[str, str, str]) -> Path:
    text = TITLE.format(title=title) + INTRO
    for heading, src, tgt in flows:
        text += FLOW.format(heading=heading, underline="-" * len(heading), src=src, tgt=tgt)
    path = tmp_path / "doc.rst"
    path.write_text(text)
    return path


def test_a_system_paired_with_itself_is_read_as_promising_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CORPUS / "asana-asana.rst"
    doc = parse_document(path)
    assert (doc.slug, doc.flows, document_items(doc)) == ("asana-asana", [], [])
    assert main(["checklist", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "0 items in 0 flows of 1 documents" in out
    assert err == (
        f"warning: {path}:2: declares no flow: the document promises nothing (0 items)\n"
    )


def test_a_constructed_document_with_only_an_introduction_has_zero_items(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doc.rst"
    path.write_text(TITLE.format(title="A to B Dataflow") + INTRO)
    doc = parse_document(path)
    assert document_items(doc) == []
    assert [w.message for w in doc.warnings] == [
        "declares no flow: the document promises nothing (0 items)"
    ]


def test_an_empty_system_name_is_read_with_its_flows_and_a_warning() -> None:
    doc = parse_document(CORPUS / "asana-empty-target.rst")
    assert (doc.source_system, doc.target_system) == ("Asana", "")
    assert [(f.source, f.target, f.slug) for f in doc.flows] == [
        ("Asana Teams", "Organisations", "teams-organisations"),
        ("Asana Workspaces", "Organisations", "workspaces-organisations"),
    ]
    assert [len(f.properties) for f in doc.flows] == [2, 1]
    assert [w.message for w in doc.warnings] == [
        "the title names no target system (the generator left it empty)"
    ]


def test_an_empty_source_system_in_a_constructed_title(tmp_path: Path) -> None:
    path = _doc(tmp_path, " to WebCRM Dataflow", ("Users to WebCRM Users", "Users", "WebCRM Users"))
    doc = parse_document(path)
    assert [(f.source_type, f.target_system, f.target_type) for f in doc.flows] == [
        ("Users", "WebCRM", "Users")
    ]
    assert "the title names no source system" in doc.warnings[0].message


def test_a_heading_spelling_a_system_differently_is_matched_leniently_and_warned() -> None:
    doc = parse_document(CORPUS / "businesscentral-exactonline.rst")
    items = doc.flows[0]
    assert (items.heading, items.slug) == (
        "Businesscentral Items to Exact Online Items",
        "items-items",
    )
    assert (items.source_system, items.target_system) == ("Businesscentral", "Exact Online")
    assert [f.slug for f in doc.flows] == [
        "items-items",
        "salesorders-salesorders",
        "companies-accounts",
        "customers-company-accounts",
    ]
    respelled = [w for w in doc.warnings if "spells the system" in w.message]
    assert [w.line for w in respelled] == [12, 28]
    assert "'Business Central' as 'Businesscentral'; matched leniently" in respelled[0].message
    statements = [w for w in doc.warnings if "statement" in w.message]
    assert statements == []  # the statements use the heading's spelling too


@pytest.mark.parametrize(
    ("title", "heading", "system"),
    [
        (
            "Business Central to WebCRM Dataflow",
            "BUSINESS central Items to WebCRM Items",
            "BUSINESS central",
        ),
        (
            "PowerOffice GO to WebCRM Dataflow",
            "PowerofficeGO Items to Webcrm Items",
            "PowerofficeGO",
        ),
    ],
)
def test_lenient_matching_ignores_case_and_spaces(
    tmp_path: Path, title: str, heading: str, system: str
) -> None:
    src, _, tgt = heading.partition(" to ")
    doc = parse_document(_doc(tmp_path, title, (heading, src, tgt)))
    assert [(f.source_system, f.source_type, f.target_type) for f in doc.flows] == [
        (system, "Items", "Items")
    ]
    assert any("matched leniently" in w.message for w in doc.warnings)


def test_a_heading_naming_another_system_is_still_not_a_flow(tmp_path: Path) -> None:
    doc = parse_document(
        _doc(
            tmp_path,
            "Business Central to WebCRM Dataflow",
            ("Tripletex Items to WebCRM Items", "Tripletex Items", "WebCRM Items"),
        )
    )
    assert doc.flows == []
    assert any("is not a flow; ignored" in w.message for w in doc.warnings)


def test_control_bytes_are_refused_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "nul.rst"
    bad.write_bytes(
        (CORPUS / "asana-empty-target.rst")
        .read_bytes()
        .replace(b"Every Asana Teams", b"Every \x00Asana Teams")
    )
    proc = subprocess.run(
        [sys.executable, "-m", "talkqa", "checklist", str(bad)], capture_output=True, text=True
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        f"error: {bad}:14: control character U+0000 (NUL) at column 7; not clean text\n"
    )


def test_an_empty_system_is_left_out_of_the_document_slug() -> None:
    doc = parse_document(CORPUS / "hubspot-empty-target.rst")
    assert doc.slug == "hubspot"
    assert [it.id for it in document_items(doc)][:2] == [
        "hubspot/owner-employee/sync",
        "hubspot/owner-employee/link",
    ]
    assert doc.flows[0].merge_policy == "link-required"
    assert [(c.source, c.target) for c in doc.flows[0].merge_criteria] == [
        ("email", "official_email")
    ]


def test_a_when_has_condition_and_a_free_text_one_become_condition_items() -> None:
    deal = parse_document(CORPUS / "hubspot-customwebshop.rst").flows[0]
    assert deal.condition == "has a 100% probability of beeing sold"
    products = parse_document(CORPUS / "tripletex-empty-target.rst").flows[1]
    assert (products.source, products.target) == ("Tripletex Product", "Product")
    assert products.condition is not None
    assert products.condition.startswith("preliminary mapping until we can sort out suppliers")
