"""Dead letters through the in-process fakes: what webCRM refuses item by item in a bulk
PATCH is dead-lettered with webCRM's own message, the rest of the batch goes on, and a dead
letter is dropped once its entity is written."""

from __future__ import annotations

from talksync_world import ORGS, PERSONS


def test_a_create_webcrm_refuses_in_the_patch_answer_is_dead_lettered_with_its_message(world):
    gone, kept = world.customer("Gone"), world.customer("Kept")
    engine = world.engine()
    world.cycle(engine)
    world.webcrm.ui_delete("Organisations", world.org_of(engine, gone["id"])["OrganisationId"])
    orphan = world.customerp.ui_create("contacts", {"customer_id": gone["id"], "first_name": "O"})
    world.customerp.ui_create("contacts", {"customer_id": kept["id"], "first_name": "K"})
    summary = world.cycle(engine)
    assert (summary.flows[PERSONS].created, summary.flows[PERSONS].dead_lettered) == (1, 1)
    ((flow, side, entity, reason),) = engine.dead_letters()
    assert (flow, side, entity) == (PERSONS, "source", orphan["id"])
    assert (
        reason.startswith("webCRM refused the create: Error:") and "PersonOrganisationId" in reason
    )
    assert [p["PersonFirstName"] for p in world.webcrm.records("Persons")] == ["K"]


def test_an_update_webcrm_refuses_is_dead_lettered_and_the_batch_goes_on(world):
    gone, kept = world.customer("Gone"), world.customer("Kept")
    engine = world.engine()
    world.cycle(engine)
    gone_org = world.org_of(engine, gone["id"])["OrganisationId"]
    world.webcrm.ui_delete("Organisations", gone_org)
    world.customerp.ui_update("customers", gone["id"], {"phone": "1"})
    world.customerp.ui_update("customers", kept["id"], {"phone": "2"})
    summary = world.cycle(engine)
    assert (summary.flows[ORGS].updated, summary.flows[ORGS].dead_lettered) == (1, 1)
    ((_, side, entity, reason),) = engine.dead_letters()
    assert (side, entity) == ("target", gone_org) and "was not found" in reason
    assert world.org_of(engine, kept["id"])["OrganisationTelephone"] == "2"
    assert len(world.webcrm.records("Organisations")) == 1  # never re-created


def test_a_dead_letter_is_dropped_once_its_entity_is_written(world):
    acme = world.customer("Acme")
    engine = world.engine()
    world.cycle(engine)
    world.customerp.ui_update("customers", acme["id"], {"website": "w" * 60})
    assert world.cycle(engine).flows[ORGS].dead_lettered == 1
    assert [d[1:3] for d in engine.dead_letters()] == [
        ("target", world.org_of(engine, acme["id"])["OrganisationId"])
    ]
    world.customerp.ui_update("customers", acme["id"], {"website": "acme.no"})
    summary = world.cycle(engine)
    assert summary.flows[ORGS].updated == 1 and engine.dead_letters() == []
    assert world.org_of(engine, acme["id"])["OrganisationWww"] == "acme.no"
