"""Engine through the in-process fakes: first sync, no echo, edits both ways, merge rules,
no deletes, dependencies between flows."""

from __future__ import annotations

from talksync_world import ORGS, PERSONS, PRODUCTS

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE


def test_first_sync_creates_every_entity_with_its_mapped_properties(world):
    acme = world.customer("Acme", phone="555", address={"city": "Oslo", "country": "NO"})
    world.customerp.ui_create("contacts", {"customer_id": acme["id"], "first_name": "Ada"})
    world.customerp.ui_create("products", {"sku": "W-1", "name": "Widget", "unit_price": 9.5})
    engine = world.engine()
    summary = world.cycle(engine)
    assert {f: s.created for f, s in summary.flows.items()} == {ORGS: 1, PERSONS: 1, PRODUCTS: 1}
    org = world.org_of(engine, acme["id"])
    assert (org["OrganisationName"], org["OrganisationTelephone"]) == ("Acme", "555")
    assert (org["OrganisationCity"], org["OrganisationCountry"]) == ("Oslo", "NO")
    (person,) = world.webcrm.records("Persons")
    assert person["PersonOrganisationId"] == org["OrganisationId"]
    assert person["PersonFirstName"] == "Ada"
    (product,) = world.webcrm.records("Products")
    assert (product["ProductCustom1"], product["ProductPrice"]) == ("W-1", 9.5)
    assert summary.talk_updates == 3
    assert summary.requests["webcrm"] == 1 + 3 + 3  # login, one page per collection, 3 PATCHes


def test_second_cycle_without_edits_reads_only_and_writes_nothing(world):
    for i in range(5):
        c = world.customer(f"C{i}")
        world.customerp.ui_create("contacts", {"customer_id": c["id"], "first_name": f"P{i}"})
    engine = world.engine()
    world.cycle(engine)
    world.webcrm.clear_journal()
    world.customerp.clear_journal()
    summary = world.cycle(engine)
    assert world.writes(world.webcrm) == [] and world.writes(world.customerp) == []
    assert summary.talk_updates == 0
    assert all(s.created == s.updated == 0 for s in summary.flows.values())
    third = world.cycle(engine)
    assert third.talk_updates == 0 and world.writes(world.webcrm) == []


def test_edit_in_customerp_reaches_webcrm(world):
    acme = world.customer("Acme")
    engine = world.engine()
    world.cycle(engine)
    world.customerp.ui_update("customers", acme["id"], {"name": "Acme AS"})
    summary = world.cycle(engine)
    assert world.org_of(engine, acme["id"])["OrganisationName"] == "Acme AS"
    assert summary.flows[ORGS].updated == 1 and summary.talk_updates == 1


def test_edit_in_webcrm_reaches_customerp(world):
    acme = world.customer("Acme", address={"city": "Oslo"})
    engine = world.engine()
    world.cycle(engine)
    org = world.org_of(engine, acme["id"])
    world.webcrm.ui_update("Organisations", org["OrganisationId"], {"OrganisationCity": "Bergen"})
    world.cycle(engine)
    (customer,) = world.customerp.records("customers")
    assert customer["address"]["city"] == "Bergen"
    world.webcrm.clear_journal()
    assert world.cycle(engine).talk_updates == 0  # no echo back into webCRM
    assert world.writes(world.webcrm) == []


def test_both_edited_latest_wins_per_property(world):
    acme = world.customer("Acme", phone="1", address={"city": "Oslo"})
    engine = world.engine()
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.customerp.ui_update("customers", acme["id"], {"name": "ERP name", "phone": "2"})
    world.clock.advance(5)
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationName": "CRM name"})
    world.cycle(engine)
    org = world.org_of(engine, acme["id"])
    (customer,) = world.customerp.records("customers")
    assert org["OrganisationName"] == customer["name"] == "CRM name"  # webCRM edited last
    assert org["OrganisationTelephone"] == customer["phone"] == "2"  # only ERP edited phone


def test_both_edited_old_value_beats_newer_empty_value(world):
    acme = world.customer("Acme", phone="1")
    engine = world.engine()
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.customerp.ui_update("customers", acme["id"], {"phone": "22"})
    world.clock.advance(5)
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationTelephone": ""})
    world.cycle(engine)
    (customer,) = world.customerp.records("customers")
    assert customer["phone"] == "22"
    assert world.org_of(engine, acme["id"])["OrganisationTelephone"] == "22"


def test_delete_on_either_side_is_not_propagated(world):
    kept, gone = world.customer("Kept"), world.customer("Gone")
    engine = world.engine()
    world.cycle(engine)
    world.customerp.ui_delete("customers", gone["id"])
    kept_org = world.org_of(engine, kept["id"])["OrganisationId"]
    world.webcrm.ui_delete("Organisations", kept_org)
    world.cycle(engine)
    names = {o["OrganisationName"] for o in world.webcrm.records("Organisations")}
    assert names == {"Gone"}  # nothing deleted in webCRM, nothing re-created either
    assert [c["name"] for c in world.customerp.records("customers")] == ["Kept"]


def test_contact_whose_customer_is_not_linked_waits_and_is_not_lost(world):
    # a website longer than webCRM's 50 is dead-lettered: its contact must wait for it
    blocked = world.customer("Blocked", website="w" * 60)
    contact = world.customerp.ui_create(
        "contacts", {"customer_id": blocked["id"], "first_name": "Wait"}
    )
    engine = world.engine()
    summary = world.cycle(engine)
    assert summary.flows[PERSONS].waiting == 1 and world.webcrm.records("Persons") == []
    world.customerp.ui_update("customers", blocked["id"], {"website": "acme.no"})
    summary = world.cycle(engine)
    assert summary.flows[PERSONS].created == 1 and summary.flows[PERSONS].waiting == 0
    (person,) = world.webcrm.records("Persons")
    assert person["PersonOrganisationId"] == world.org_of(engine, blocked["id"])["OrganisationId"]
    assert dict(engine.links(PERSONS)) == {contact["id"]: person["PersonId"]}


def test_contact_created_before_its_customer_in_the_same_cycle(world):
    # persons come after organisations within a cycle, whatever the ids
    engine = world.engine()
    world.cycle(engine)
    acme = world.customer("Late customer")
    world.customerp.ui_create("contacts", {"customer_id": acme["id"], "first_name": "Ada"})
    summary = world.cycle(engine)
    assert summary.flows[PERSONS].created == 1 and summary.flows[PERSONS].waiting == 0


def test_value_over_webcrm_max_length_is_dead_lettered_and_the_rest_goes_on(world):
    bad = world.customer("Too long", phone="1" * 51)  # Customerp allows 200, webCRM 50
    world.customer("Fine")
    engine = world.engine()
    summary = world.cycle(engine)
    assert summary.flows[ORGS].created == 1 and summary.flows[ORGS].dead_lettered == 1
    ((flow, side, entity, reason),) = engine.dead_letters()
    assert (flow, side, entity) == (ORGS, "source", bad["id"])
    assert "OrganisationTelephone" in reason and "51" in reason and "50" in reason
    assert [o["OrganisationName"] for o in world.webcrm.records("Organisations")] == ["Fine"]


def test_talk_updates_count_one_per_create_and_one_per_later_save(world):
    acme = world.customer("Acme")
    engine = world.engine()
    assert world.cycle(engine).talk_updates == 1
    world.customerp.ui_update("customers", acme["id"], {"phone": "1"})
    world.cycle(engine)
    world.customerp.ui_update("customers", acme["id"], {"phone": "2"})
    assert world.cycle(engine).talk_updates == 1
    assert engine.talk_updates() == 3


def test_concurrent_customerp_edit_412_is_re_read_and_re_merged(world):
    acme = world.customer("Acme", phone="1")
    engine = world.engine()
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationCity": "Bergen"})
    original = engine.customerp.replace
    statuses: list[int] = []

    def replace_after_a_concurrent_edit(collection, record_id, body, version):
        if not statuses:  # someone saves in the ERP between our read and our PUT
            world.customerp.ui_update("customers", record_id, {"name": "Edited meanwhile"})
        statuses.append(version)
        return original(collection, record_id, body, version)

    engine.customerp.replace = replace_after_a_concurrent_edit
    world.cycle(engine)
    (customer,) = world.customerp.records("customers")
    assert len(statuses) == 2 and statuses[1] > statuses[0]  # stale version, then re-read
    assert customer["name"] == "Edited meanwhile" and customer["address"]["city"] == "Bergen"
    assert world.org_of(engine, acme["id"])["OrganisationName"] == "Edited meanwhile"


def test_engine_and_config_reprs_hold_no_secret(world):
    engine = world.engine()
    text = repr(engine) + repr(engine.config) + repr(engine.customerp) + repr(engine.webcrm)
    assert DEFAULT_API_KEY not in text and DEFAULT_AUTH_CODE not in text


def test_change_markers_follow_the_systems_clocks_not_the_engines(world):
    """An engine whose clock is years ahead of the systems still sees later edits: the change
    filters start from the updated-at stamps the systems returned, not from the engine's now."""
    from datetime import UTC, datetime

    acme = world.customer("Acme")
    engine = world.engine(clock=lambda: datetime(2031, 1, 1, tzinfo=UTC))
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.clock.advance(60)
    world.customerp.ui_update("customers", acme["id"], {"phone": "+47 22 00 00 00"})
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationCity": "Bergen"})
    world.cycle(engine)
    assert world.org_of(engine, acme["id"])["OrganisationTelephone"] == "+47 22 00 00 00"
    (customer,) = world.customerp.records("customers")
    assert customer["address"]["city"] == "Bergen"
