"""Share Enabled per system and Full Sync, through the in-process fakes."""

from __future__ import annotations

from talksync_world import ORGS


def test_share_disabled_for_webcrm_writes_nothing_into_webcrm(world):
    world.customer("Acme")
    engine = world.engine(share_enabled={"customerp": True, "webcrm": False})
    summary = world.cycle(engine)
    assert world.webcrm.records("Organisations") == []
    assert world.writes(world.webcrm) == [] and summary.talk_updates == 0


def test_share_turned_on_later_catches_up_on_what_was_held_back(world):
    acme = world.customer("Acme")
    world.cycle(world.engine(share_enabled={"customerp": True, "webcrm": False}))
    world.customerp.ui_update("customers", acme["id"], {"phone": "1"})
    world.cycle(world.engine())
    (org,) = world.webcrm.records("Organisations")
    assert (org["OrganisationName"], org["OrganisationTelephone"]) == ("Acme", "1")


def test_share_disabled_for_customerp_keeps_webcrm_edits_out_of_customerp(world):
    acme = world.customer("Acme", phone="1")
    engine = world.engine(share_enabled={"customerp": False, "webcrm": True})
    world.cycle(engine)
    org_id = world.org_of(engine, acme["id"])["OrganisationId"]
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationTelephone": "2"})
    world.customerp.clear_journal()
    world.cycle(engine)
    assert world.writes(world.customerp) == []
    assert world.customerp.records("customers")[0]["phone"] == "1"
    world.customerp.ui_update("customers", acme["id"], {"name": "Acme AS"})
    world.cycle(engine)  # Customerp edits still flow into webCRM
    assert world.org_of(engine, acme["id"])["OrganisationName"] == "Acme AS"


def test_full_sync_off_propagates_only_what_is_created_after_onboarding(world):
    old = world.customer("Before onboarding")
    engine = world.engine(full_sync=False)
    first = world.cycle(engine)
    assert first.flows[ORGS].created == 0 and world.webcrm.records("Organisations") == []
    new = world.customer("After onboarding")
    world.customerp.ui_update("customers", old["id"], {"phone": "1"})
    world.cycle(engine)
    assert [o["OrganisationName"] for o in world.webcrm.records("Organisations")] == [
        "After onboarding"
    ]
    assert dict(engine.links(ORGS)).keys() == {new["id"]}
