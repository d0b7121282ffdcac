"""Engine under faults through the in-process fakes: 429 storms, expired tokens,
commit-then-fail on create, and a crash at each write boundary (never a duplicate)."""

from __future__ import annotations

import pytest
from talksync_world import ORGS, PERSONS, PRODUCTS

from talksync import WRITE_BOUNDARIES


def seed(world, customers=3, start=0):
    for i in range(start, start + customers):
        c = world.customer(f"C{i}", phone=str(i))
        world.customerp.ui_create("contacts", {"customer_id": c["id"], "first_name": f"P{i}"})
        world.customerp.ui_create("products", {"sku": f"S{i}", "name": f"Prod {i}"})


def assert_one_to_one(world, engine):
    """Every source has exactly one target, each target exactly one source."""
    pairs = [
        (ORGS, "customers", "Organisations"),
        (PERSONS, "contacts", "Persons"),
        (PRODUCTS, "products", "Products"),
    ]
    for flow, source, target in pairs:
        sources = world.customerp.records(source)
        targets = world.webcrm.records(target)
        assert len(targets) == len(sources), f"{target}: duplicates or losses"
        assert len(engine.links(flow)) == len(sources)


def test_429_storm_is_ridden_out_by_honouring_retry_after(world):
    seed(world)
    world.webcrm.faults.add({"action": "throttle", "retry_after": 14, "times": 12})
    engine = world.engine()
    summary = world.cycle(engine)
    assert sum(s.created for s in summary.flows.values()) == 9
    assert world.slept.count(14.0) == 12  # waited exactly what webCRM asked, no more
    assert_one_to_one(world, engine)


def test_5xx_on_reads_is_retried_with_backoff(world):
    seed(world, 1)
    world.customerp.faults.add(
        {"method": "GET", "path": "/customers", "action": "status", "status": 503, "times": 3}
    )
    engine = world.engine()
    world.cycle(engine)
    assert len(world.slept) == 3 and all(0 < s <= 30 for s in world.slept)
    assert_one_to_one(world, engine)


def test_expired_token_is_refreshed_between_cycles(world):
    seed(world, 1)
    engine = world.engine()
    world.cycle(engine)
    world.clock.advance(2 * 3600)  # well past the token's 3600 s
    world.customerp.ui_update(
        "customers", world.customerp.records("customers")[0]["id"], {"name": "Renamed"}
    )
    world.webcrm.clear_journal()
    world.cycle(engine)
    assert any(j["path"].startswith("/Auth/") for j in world.webcrm.journal)
    assert all(j["status"] != 401 for j in world.webcrm.journal)
    assert world.webcrm.records("Organisations")[0]["OrganisationName"] == "Renamed"


def test_token_rejected_mid_cycle_is_renewed_and_the_request_sent_again(world):
    seed(world, 1)
    engine = world.engine()
    world.cycle(engine)
    world.webcrm.faults.add(
        {"method": "GET", "path": "/Queries", "action": "status", "status": 401, "times": 1}
    )
    world.customerp.ui_update(
        "customers", world.customerp.records("customers")[0]["id"], {"name": "Renamed"}
    )
    world.cycle(engine)
    assert world.webcrm.records("Organisations")[0]["OrganisationName"] == "Renamed"


@pytest.mark.parametrize("status", [500, None], ids=["answer-500", "dropped-connection"])
def test_commit_then_fail_on_create_never_duplicates(world, status):
    seed(world)
    world.webcrm.faults.add(
        {
            "method": "PATCH",
            "path": "/Organisations",
            "action": "commit_then_fail",
            "status": status,
        }
    )
    engine = world.engine()
    summary = world.cycle(engine)
    assert summary.flows[ORGS].created == 3
    assert_one_to_one(world, engine)
    assert world.cycle(engine).talk_updates == 0


class Crash(Exception):
    """Raised from the engine's hook to simulate a killed process."""


def crash_at(point):
    fired: list[str] = []

    def hook(name):
        if name == point and not fired:
            fired.append(name)
            raise Crash(name)

    return hook, fired


@pytest.mark.parametrize("point", WRITE_BOUNDARIES)
def test_crash_at_each_write_boundary_loses_nothing_and_duplicates_nothing(world, point):
    seed(world, 2)
    first = world.engine()
    world.cycle(first)
    # work for the crashing cycle: creates, an edit on each side
    seed(world, 2, start=2)
    cust = world.customerp.records("customers")[0]
    world.customerp.ui_update("customers", cust["id"], {"phone": "999"})
    org_id = dict(first.links(ORGS))[world.customerp.records("customers")[1]["id"]]
    world.webcrm.ui_update("Organisations", org_id, {"OrganisationCity": "Tromsø"})
    hook, fired = crash_at(point)
    with pytest.raises(Crash):
        world.cycle(world.engine(hook=hook))
    assert fired == [point]
    survivor = world.engine()  # a fresh process on the same state file
    world.cycle(survivor)
    assert_one_to_one(world, survivor)
    assert world.org_of(survivor, cust["id"])["OrganisationTelephone"] == "999"
    city = {c["id"]: (c["address"] or {}).get("city") for c in world.customerp.records("customers")}
    assert city[world.customerp.records("customers")[1]["id"]] == "Tromsø"
    world.webcrm.clear_journal()
    world.customerp.clear_journal()
    assert world.cycle(survivor).talk_updates == 0
    assert world.writes(world.webcrm) == [] and world.writes(world.customerp) == []
    assert survivor.talk_updates() == 12 + 2  # 12 creates, one save on each side: none lost
