"""The cost of one request in-process (``responses``) against served over loopback HTTP, and
of a whole first sync both ways. The in-process figures come from the fakes' own benchmark
(benchmarks/bench_fakes.py); the served ones are measured here the same way."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_fakes import bare_callback, customerp_get, per_op, session
from benchmarks.world import CYCLE_SECONDS, World, in_process, new_world
from fakes import DEFAULT_API_KEY, CustomerpFake, FakeClock, serve_fakes


def served_get(n: int, records: int) -> float:
    """Median seconds per GET of one Customerp record served on loopback."""
    fake = CustomerpFake(clock=FakeClock())
    for i in range(records):
        fake.store.create("customers", {"name": f"Customer {i}", "address": {"city": "Oslo"}})
    with serve_fakes(fake, host="127.0.0.1") as urls:
        s = session()
        s.headers["Authorization"] = f"Bearer {DEFAULT_API_KEY}"
        url = f"{urls['customerp']}/customers/{100001 + records // 2}"
        assert s.get(url).status_code == 200
        return per_op(lambda: s.get(url).content, n)


def first_sync_seconds(customers: int, served: bool) -> float:
    """Wall time of the engine's first sync of ``customers`` in-process or served."""
    world = new_world(customers)
    if not served:
        with in_process(world) as tmp:
            return _timed_first_sync(world, tmp, {})
    with (
        serve_fakes(world.webcrm, world.customerp, host="127.0.0.1") as urls,
        tempfile.TemporaryDirectory(prefix="talkqa-bench-") as tmp,
    ):
        served_urls = {"customerp_url": urls["customerp"], "webcrm_url": urls["webcrm"]}
        return _timed_first_sync(world, Path(tmp), served_urls)


def _timed_first_sync(world: World, tmp: Path, urls: dict[str, str]) -> float:
    engine = world.engine(tmp / "state.db", **urls)
    try:
        world.clock.advance(CYCLE_SECONDS)
        started = time.perf_counter()
        engine.run_cycle()
        return time.perf_counter() - started
    finally:
        engine.close()


def measure(requests_n: int, customers: int) -> dict[str, Any]:
    bare = bare_callback(requests_n)
    in_process_get = customerp_get(requests_n, records=10)
    loopback_get = served_get(requests_n, records=10)
    sync_in_process = first_sync_seconds(customers, served=False)
    sync_served = first_sync_seconds(customers, served=True)
    return {
        "requests_timed": requests_n,
        "bare_responses_us": round(bare * 1e6, 1),
        "in_process_get_us": round(in_process_get * 1e6, 1),
        "served_get_us": round(loopback_get * 1e6, 1),
        "served_over_in_process": round(loopback_get / in_process_get, 2),
        "first_sync_customers": customers,
        "first_sync_in_process_seconds": round(sync_in_process, 3),
        "first_sync_served_seconds": round(sync_served, 3),
        "first_sync_served_over_in_process": round(sync_served / sync_in_process, 2),
    }
