"""The table of system facts (checklist/systems.py) describes exactly the flows of the
checklist in force, with the ids the parser gives them, and agrees with the fakes' APIs."""

from __future__ import annotations

from pathlib import Path

from checklist import checklists_in_force, load_checklist, systems
from fakes import CUSTOMERP_FIELDS, webcrm_schemas

ROOT = Path(__file__).resolve().parents[2]


def test_every_flow_in_force_has_its_kinds_and_the_same_id() -> None:
    checklist = load_checklist([ROOT / p for p in checklists_in_force(ROOT)])
    in_force = {
        (fl.source_type, fl.target_type): f"{doc.slug}/{fl.slug}"
        for doc in checklist.documents
        for fl in doc.flows
    }
    table = {(f.source.type, f.target.type): f.id for f in systems.FLOWS}
    assert table == in_force
    assert list(checklist.flows()) == [f.id for f in systems.FLOWS]


def test_each_kind_is_found_by_its_flow_and_its_counterpart() -> None:
    for flow in systems.FLOWS:
        assert systems.flow_between(flow.source.type, flow.target.type) == flow
        assert systems.counterpart(flow.source) == flow.target
        assert systems.counterpart(flow.target) == flow.source
        assert flow.source.flow_id == flow.target.flow_id == flow.id
    assert systems.flow_between("Customer", "Persons") is None


def test_the_fields_the_table_names_exist_in_the_fakes() -> None:
    schemas = webcrm_schemas()
    for kind in systems.KINDS:
        if kind.system == systems.SOURCE:
            names = {f.name for f in CUSTOMERP_FIELDS[kind.collection]}
            assert {kind.scope_field, *kind.identity} <= names, kind.label
        else:
            schema = schemas[kind.collection]
            assert schema.id_field == kind.id_field, kind.label
            named = {kind.updated_field, kind.scope_field, *kind.identity, kind.marker_field}
            assert named <= set(schema.fields), kind.label
