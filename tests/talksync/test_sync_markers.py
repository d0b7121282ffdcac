"""Change markers: the overlap window before the newest stamp read catches writes committed
late, and an idle flow stops re-reading that window once it has re-read it."""

from __future__ import annotations

from datetime import timedelta

from talksync_world import ORGS

from talksync.clock import format_customerp, parse_timestamp


def source_marker(engine) -> str | None:
    return engine.store.meta(f"marker:{ORGS}:source")


def test_a_write_committed_late_inside_the_overlap_window_is_still_synced(world):
    early, late = world.customer("Early"), world.customer("Late")
    engine = world.engine()
    world.cycle(engine)
    world.cycle(engine)
    edited = world.customerp.ui_update("customers", late["id"], {"phone": "111"})
    world.cycle(engine)
    resume, newest = world.clock.now(), parse_timestamp(edited["updated_at"])
    assert newest is not None
    # A write stamped half a second before the newest one read, committed only now.
    world.clock.set(newest - timedelta(seconds=0.5))
    world.customerp.ui_update("customers", early["id"], {"phone": "222"})
    world.clock.set(resume)
    world.cycle(engine)
    assert world.org_of(engine, early["id"])["OrganisationTelephone"] == "222"
    assert world.org_of(engine, late["id"])["OrganisationTelephone"] == "111"


def test_an_idle_flow_keeps_the_overlap_so_a_late_commit_is_never_skipped(world):
    for i in range(3):
        world.customer(f"C{i}")
    newest = parse_timestamp(max(c["updated_at"] for c in world.customerp.records("customers")))
    assert newest is not None
    engine = world.engine()
    for _ in range(3):  # idle cycles: the window stays (a slow transaction may still commit)
        world.cycle(engine)
        assert source_marker(engine) == format_customerp(newest - timedelta(seconds=1))
