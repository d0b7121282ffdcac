"""``EngineConfig.scope``: records out of scope, in either system, are never read as changes,
linked, created, written or matched by merge criteria; records in scope sync as usual."""

from __future__ import annotations

from typing import Any

from talksync_world import ORGS, PERSONS, PRODUCTS, supplement_variant

PREFIX = "run-"
NAME_FIELDS = {
    "customers": "name",
    "contacts": "last_name",
    "products": "name",
    "Organisations": "OrganisationName",
    "Persons": "PersonLastName",
    "Products": "ProductCombined",
}


def run_data(collection: str, record: dict[str, Any]) -> bool:
    """The scope of these tests: records whose name field starts with ``run-``."""
    return str(record.get(NAME_FIELDS[collection]) or "").startswith(PREFIX)


def _written_paths(world: Any, fake: Any) -> list[str]:
    return [j["path"] for j in world.writes(fake)]


def test_records_out_of_scope_in_both_systems_are_neither_written_nor_linked(world):
    outside_customer = world.customer("Outside customer")
    world.customerp.ui_create(
        "contacts", {"customer_id": outside_customer["id"], "last_name": "Outsider"}
    )
    world.customerp.ui_create("products", {"sku": "OUT-1", "name": "Outside product"})
    outside_org = world.webcrm.ui_create("Organisations", {"OrganisationName": "Outside org"})
    inside = world.customer("run-Acme")
    customerp_before = {c: world.customerp.records(c) for c in ("customers", "contacts")}
    webcrm_before = world.webcrm.records("Organisations")
    engine = world.engine(scope=run_data)
    summary = world.cycle(engine)
    assert summary.flows[ORGS].created == 1
    assert dict(engine.links(ORGS)).keys() == {inside["id"]}
    assert engine.links(PERSONS) == [] and engine.links(PRODUCTS) == []
    assert world.org_of(engine, inside["id"])["OrganisationName"] == "run-Acme"
    created = dict(engine.links(ORGS))[inside["id"]]
    organisations = world.webcrm.records("Organisations")
    assert [o for o in organisations if o["OrganisationId"] != created] == webcrm_before
    assert world.webcrm.records("Persons") == [] and world.webcrm.records("Products") == []
    assert {c: world.customerp.records(c) for c in ("customers", "contacts")} == customerp_before
    assert _written_paths(world, world.customerp) == []  # nothing came back from webCRM
    assert f"/Organisations/{outside_org['OrganisationId']}" not in " ".join(
        _written_paths(world, world.webcrm)
    )


def test_edits_to_records_out_of_scope_are_not_propagated(world):
    inside = world.customer("run-Acme")
    engine = world.engine(scope=run_data)
    world.cycle(engine)
    org_id = dict(engine.links(ORGS))[inside["id"]]
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationName": "Taken out of the run"})
    writes = len(world.writes(world.customerp))
    summary = world.cycle(engine)
    assert summary.flows[ORGS].updated == 0
    assert len(world.writes(world.customerp)) == writes
    assert world.customerp.records("customers")[0]["name"] == "run-Acme"


def test_merge_criteria_never_match_a_target_out_of_scope(world, tmp_path):
    outside = world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "Outside", "OrganisationVatNumber": "NO1"}
    )
    checklist = supplement_variant(tmp_path, merge_on_vat=True)
    engine = world.engine(scope=run_data, checklist=checklist)
    first = world.customer("run-First", vat_number="NO1")
    world.cycle(engine)
    for _ in range(2):  # the change filter now starts after the outside organisation
        world.cycle(engine)
    late = world.customer("run-Late", vat_number="NO1")
    world.cycle(engine)
    links = dict(engine.links(ORGS))
    assert links.keys() == {first["id"], late["id"]}
    assert outside["OrganisationId"] not in links.values()
    kept = [o for o in world.webcrm.records("Organisations") if o["OrganisationName"] == "Outside"]
    assert kept == [outside]


def test_without_a_scope_the_engine_syncs_every_record(world):
    world.customer("Outside customer")
    engine = world.engine()
    assert world.cycle(engine).flows[ORGS].created == 1
