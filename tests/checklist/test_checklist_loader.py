"""load_checklist merges official and supplement documents; checklists_in_force finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist import ChecklistError, checklists_in_force, load_checklist

SAMPLES = Path(__file__).parent / "samples"
ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT / "checklists" / "customerp-webcrm.rst"
SUPPLEMENT = ROOT / "checklists" / "customerp-webcrm.supplement.rst"


def test_supplement_items_are_marked_and_never_repeat_official_ones() -> None:
    checklist = load_checklist([SUPPLEMENT, OFFICIAL])  # order given does not matter
    assert [d.supplement for d in checklist.documents] == [False, True]
    official = [it for it in checklist.items if not it.supplement]
    added = [it for it in checklist.items if it.supplement]
    assert len(official) == 12
    assert {it.document for it in official} == {str(OFFICIAL)}
    assert added and {it.document for it in added} == {str(SUPPLEMENT)}
    assert {it.kind for it in added} == {"property", "changed-data"}
    ids = [it.id for it in checklist.items]
    assert len(ids) == len(set(ids))
    assert "customerp-webcrm/customer-organisations/property/address.city--organisationcity" in ids


def test_the_supplement_states_only_changed_data_for_every_flow_as_its_own_item() -> None:
    checklist = load_checklist([OFFICIAL, SUPPLEMENT])
    changed = [it for it in checklist.items if it.kind == "changed-data"]
    assert [it.id.rsplit("/", 1)[0] for it in changed] == checklist.flows()
    assert all(it.supplement and it.id.endswith("/changed-data") for it in changed)
    assert changed[0].text == (
        "Only changed data is synchronized between a Customerp Customer and a Webcrm Organisations."
    )


def test_a_changed_data_statement_naming_other_types_is_warned_about(tmp_path: Path) -> None:
    text = SUPPLEMENT.read_text(encoding="utf-8").replace(
        "Only changed data is synchronized between a Customerp Contact and a Webcrm Persons.",
        "Only changed data is synchronized between a Customerp Contact and a Webcrm Products.",
    )
    doc = tmp_path / "customerp-webcrm.supplement.rst"
    doc.write_text(text, encoding="utf-8")
    warnings = load_checklist([OFFICIAL, doc]).documents[1].warnings
    assert any("'Customerp Contact' -> 'Webcrm Products'" in str(w) for w in warnings)


def test_each_flow_of_the_checklist_in_force_has_at_least_six_supplement_rows() -> None:
    checklist = load_checklist([OFFICIAL, SUPPLEMENT])
    for flow_id in checklist.flows():
        assert len(checklist.flow(flow_id).properties) >= 6, flow_id


def test_flow_merges_rows_of_all_documents_by_source_and_target(tmp_path: Path) -> None:
    official = SAMPLES / "zendesk-webcrm.rst"
    text = official.read_text()
    extra = '   * - phone\n     - OrganisationTelephone\n     - "string"\n'
    supplement = tmp_path / "zendesk-webcrm.supplement.rst"
    # the supplement repeats the official row (on other lines) and adds one
    supplement.write_text(
        text.replace("\n\nZendesk Users", "\n\n\n\nZendesk Users").replace(
            '     - OrganisationName\n     - "string"\n',
            '     - OrganisationName\n     - "string"\n' + extra,
        )
    )
    checklist = load_checklist([official, supplement])
    flow = checklist.flow("zendesk-webcrm/organizations-organisations")
    assert [(p.source, p.target) for p in flow.properties] == [
        ("name", "OrganisationName"),
        ("phone", "OrganisationTelephone"),
    ]
    added = [it.id for it in checklist.items if it.supplement]
    assert added == [
        "zendesk-webcrm/organizations-organisations/property/phone--organisationtelephone"
    ]


def test_unknown_flow_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        load_checklist([OFFICIAL]).flow("customerp-webcrm/nothing-here")


def test_each_document_is_parsed_once_even_if_named_twice() -> None:
    checklist = load_checklist([OFFICIAL, str(OFFICIAL)])
    assert len(checklist.documents) == 1
    assert len(checklist.items) == 12


def test_checklists_in_force_come_from_the_nearest_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.talkqa]\nchecklists = ["docs/a.rst", "docs/a.supplement.rst"]\n'
    )
    nested = tmp_path / "features" / "deep"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert checklists_in_force() == [
        tmp_path.resolve() / "docs/a.rst",
        tmp_path.resolve() / "docs/a.supplement.rst",
    ]


def test_the_repository_configures_the_official_document_and_its_supplement() -> None:
    assert checklists_in_force(ROOT / "tests") == [OFFICIAL, SUPPLEMENT]


def test_no_configuration_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    with pytest.raises(ChecklistError, match="no pyproject.toml with \\[tool.talkqa\\]"):
        checklists_in_force(tmp_path)


def test_checklist_error_reads_path_line_message() -> None:
    assert str(ChecklistError("a.rst", 7, "table row has 2 cells, expected 3")) == (
        "a.rst:7: table row has 2 cells, expected 3"
    )
    assert str(ChecklistError("a.rst", 0, "no such file")) == "a.rst: no such file"


def test_load_checklist_reparses_a_document_after_it_changes(tmp_path):
    """Parsed documents are remembered per file state: an edited file is parsed again, and
    the warnings one caller's checklist gains do not leak into the next caller's."""
    import shutil

    from checklist import load_checklist

    doc = tmp_path / "customerp-webcrm.rst"
    shutil.copy(Path(__file__).parent / "samples" / "customerp-webcrm.rst", doc)
    first = load_checklist([doc, doc])
    first.documents[0].warnings.append(first.documents[0].warnings[0])
    again = load_checklist([doc])
    assert len(again.documents[0].warnings) == 3
    text = doc.read_text(encoding="utf-8").replace(
        "Customerp Product to Webcrm Products\n---", "Customerp Item to Webcrm Products\n---"
    )
    doc.write_text(
        text.replace(
            "------------------------------------\nEvery Customerp Product",
            "---------------------------------\nEvery Customerp Item",
        ),
        encoding="utf-8",
    )
    edited = load_checklist([doc])
    assert any(i.id.startswith("customerp-webcrm/item-products/") for i in edited.items)
