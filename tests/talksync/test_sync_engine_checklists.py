"""The engine follows the checklist in force, not only the project's: a merge table links
existing webCRM entities instead of duplicating them, and one source property may feed two
webCRM properties (supplement variants written per test)."""

from __future__ import annotations

import pytest
from talksync_world import ORGS, PERSONS, supplement_variant

from talksync.errors import ConfigError


def test_merge_criteria_link_an_existing_organisation_with_the_same_vat_number(world, tmp_path):
    existing = world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "Acme (CRM)", "OrganisationVatNumber": "NO123"}
    )
    acme = world.customer("Acme", vat_number="NO123")
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    summary = world.cycle(engine)
    assert dict(engine.links(ORGS)) == {acme["id"]: existing["OrganisationId"]}
    assert summary.flows[ORGS].created == 0 and len(world.webcrm.records("Organisations")) == 1
    assert world.webcrm.records("Organisations")[0]["OrganisationName"] == "Acme"  # newest wins


def test_merge_criteria_are_honoured_exactly_a_look_alike_by_other_properties_is_not(
    world, tmp_path
):
    look_alike = world.webcrm.ui_create(
        "Organisations",
        {"OrganisationName": "Acme", "OrganisationTelephone": "1", "OrganisationVatNumber": "NO9"},
    )
    acme = world.customer("Acme", phone="1", vat_number="NO123")  # all alike but the criterion
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    assert world.cycle(engine).flows[ORGS].created == 1
    assert dict(engine.links(ORGS))[acme["id"]] != look_alike["OrganisationId"]
    assert len(world.webcrm.records("Organisations")) == 2


def test_empty_values_never_match_so_the_source_is_created(world, tmp_path):
    world.webcrm.ui_create("Organisations", {"OrganisationName": "No VAT in CRM"})
    no_vat = world.customer("No VAT in ERP", vat_number="")  # webCRM holds "" as well
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    assert world.cycle(engine).flows[ORGS].created == 1
    created = world.org_of(engine, no_vat["id"])
    assert created["OrganisationName"] == "No VAT in ERP"
    assert len(world.webcrm.records("Organisations")) == 2


def test_merge_criteria_find_an_unchanged_organisation_on_an_incremental_cycle(world, tmp_path):
    old = world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "Old", "OrganisationVatNumber": "SE1"}
    )
    world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "Newer", "OrganisationVatNumber": "SE2"}
    )
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    for _ in range(3):  # the change filter now starts after both organisations
        world.cycle(engine)
    late = world.customer("Late customer", vat_number="SE1")
    summary = world.cycle(engine)
    assert summary.flows[ORGS].created == 0
    assert dict(engine.links(ORGS)) == {late["id"]: old["OrganisationId"]}
    assert len(world.webcrm.records("Organisations")) == 2


def test_one_organisation_merges_with_one_customer_only(world, tmp_path):
    crm = world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "CRM", "OrganisationVatNumber": "DK9"}
    )
    first, second = (
        world.customer("First", vat_number="DK9"),
        world.customer("Second", vat_number="DK9"),
    )
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    summary = world.cycle(engine)
    links = dict(engine.links(ORGS))
    assert summary.flows[ORGS].created == 1 and len(set(links.values())) == 2
    assert links[first["id"]] == crm["OrganisationId"] and set(links) == {first["id"], second["id"]}


def test_one_source_property_feeds_two_webcrm_properties_both_ways(world, tmp_path):
    acme = world.customer("Acme", phone="1")
    engine = world.engine(checklist=supplement_variant(tmp_path, phone_to_fax=True))
    world.cycle(engine)
    org = world.org_of(engine, acme["id"])
    assert (org["OrganisationTelephone"], org["OrganisationFax"]) == ("1", "1")
    world.customerp.ui_update("customers", acme["id"], {"phone": "2"})
    world.cycle(engine)
    org = world.org_of(engine, acme["id"])
    assert (org["OrganisationTelephone"], org["OrganisationFax"]) == ("2", "2")
    world.webcrm.ui_update("Organisations", org["OrganisationId"], {"OrganisationFax": "3"})
    world.cycle(engine)  # the fax edit reaches the phone, and the phone the telephone, at once
    org = world.org_of(engine, acme["id"])
    assert (org["OrganisationTelephone"], org["OrganisationFax"]) == ("3", "3")
    assert world.customerp.records("customers")[0]["phone"] == "3"
    world.webcrm.clear_journal()
    world.customerp.clear_journal()
    assert world.cycle(engine).talk_updates == 0
    assert world.writes(world.webcrm) == [] and world.writes(world.customerp) == []


def test_two_targets_of_one_source_edited_at_once_settle_on_one_value(world, tmp_path):
    acme = world.customer("Acme", phone="1")
    engine = world.engine(checklist=supplement_variant(tmp_path, phone_to_fax=True))
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.webcrm.ui_update(
        "Organisations", org_id, {"OrganisationTelephone": "5", "OrganisationFax": "4"}
    )
    world.cycle(engine)
    org = world.org_of(engine, acme["id"])
    phone = world.customerp.records("customers")[0]["phone"]
    assert phone == org["OrganisationTelephone"] == org["OrganisationFax"] == "5"  # first row
    assert world.cycle(engine).talk_updates == 0


def test_link_required_links_by_the_merge_criteria_and_creates_nothing(world, tmp_path):
    existing = world.webcrm.ui_create(
        "Organisations", {"OrganisationName": "Acme (CRM)", "OrganisationVatNumber": "NO123"}
    )
    acme = world.customer("Acme", vat_number="NO123")
    stranger = world.customer("Nobody in CRM", vat_number="NO999")
    variant = supplement_variant(tmp_path, merge_on_vat=True, link_required=True)
    engine = world.engine(checklist=variant)
    summary = world.cycle(engine)
    assert dict(engine.links(ORGS)) == {acme["id"]: existing["OrganisationId"]}
    assert stranger["id"] not in dict(engine.links(ORGS))
    assert summary.flows[ORGS].created == 0
    assert len(world.webcrm.records("Organisations")) == 1
    assert world.cycle(engine).flows[ORGS].created == 0  # not on a later cycle either


def test_without_link_required_the_same_stranger_is_created(world, tmp_path):
    world.customer("Nobody in CRM", vat_number="NO999")
    engine = world.engine(checklist=supplement_variant(tmp_path, merge_on_vat=True))
    assert world.cycle(engine).flows[ORGS].created == 1


def test_created_if_connected_creates_only_customers_a_contact_refers_to(world, tmp_path):
    variant = supplement_variant(tmp_path, link_required=True, created_if_connected_to="Contact")
    acme = world.customer("Acme")
    lonely = world.customer("Lonely")
    world.customerp.ui_create("contacts", {"customer_id": acme["id"], "first_name": "Ada"})
    engine = world.engine(checklist=variant)
    summary = world.cycle(engine)
    assert list(dict(engine.links(ORGS))) == [acme["id"]]
    assert summary.flows[ORGS].created == 1
    assert len(engine.links(PERSONS)) == 1  # the contact follows its customer in the same cycle
    # Lonely did not change; a new contact connects it, and the next cycle creates it.
    world.customerp.ui_create("contacts", {"customer_id": lonely["id"], "first_name": "Bo"})
    assert world.cycle(engine).flows[ORGS].created == 1
    assert sorted(dict(engine.links(ORGS))) == sorted([acme["id"], lonely["id"]])
    assert world.org_of(engine, lonely["id"])["OrganisationName"] == "Lonely"


def test_a_creation_rule_naming_no_known_reference_is_a_configuration_error(world, tmp_path):
    variant = supplement_variant(tmp_path, link_required=True, created_if_connected_to="Product")
    with pytest.raises(ConfigError, match="created if connected to a Product, but no Product"):
        world.engine(checklist=variant)
