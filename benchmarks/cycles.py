"""One size of the benchmark, run in its own process so its peak memory is its own:
fill the fakes, time the first sync, then (optionally) the cycle without edits, an idle
cycle, cycles after k edits, and the naive strategy on fresh fakes. Prints one JSON object.

    .venv/bin/python -m benchmarks.cycles --customers 1000 --edits 1,10,100 --naive
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.naive import NaiveSync
from benchmarks.world import (
    CYCLE_SECONDS,
    World,
    apply_edits,
    in_process,
    minimum_first_sync,
    minimum_incremental,
    new_world,
)
from talksync import Engine


def proc_status_mib(key: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rss_mib() -> float:
    """The resident set size of this process now."""
    return proc_status_mib("VmRSS")


def peak_rss_mib() -> float:
    """The peak resident set size of this process so far: VmHWM, which starts afresh at
    exec (getrusage's ru_maxrss would carry the parent's peak over fork and exec)."""
    return proc_status_mib("VmHWM")


def timed_cycle(world: World, engine: Engine) -> dict[str, Any]:
    """Run one cycle after the usual pause; its requests, writes and wall and CPU time."""
    world.clock.advance(CYCLE_SECONDS)
    world.clear_journals()
    wall, cpu = time.perf_counter(), time.process_time()
    summary = engine.run_cycle()
    return {
        "seconds": round(time.perf_counter() - wall, 4),
        "cpu_seconds": round(time.process_time() - cpu, 4),
        "requests": dict(summary.requests),
        "writes": world.writes(),
        "created": sum(c.created for c in summary.flows.values()),
        "updated": sum(c.updated for c in summary.flows.values()),
        "talk_updates": summary.talk_updates,
    }


def measure(customers: int, edits: list[int], naive: bool, repeat: int = 1) -> dict[str, Any]:
    """One size: the first sync (its peak memory taken before anything else runs), the
    cycles after it, the naive strategy, then ``repeat - 1`` more first syncs on fresh fakes
    whose best wall and CPU times are kept (the runs are listed too)."""
    started = time.perf_counter()
    world = new_world(customers)
    result: dict[str, Any] = {
        "customers": customers,
        "entities": 4 * customers,
        "fill_seconds": round(time.perf_counter() - started, 3),
        "rss_after_fill_mib": round(rss_mib(), 1),
        "minimum": minimum_first_sync(customers),
    }
    with in_process(world) as tmp:
        engine = world.engine(tmp / "state.db")
        try:
            result["first_sync"] = timed_cycle(world, engine)
            result["peak_rss_mib"] = round(peak_rss_mib(), 1)
            if edits:
                result["second_cycle"] = timed_cycle(world, engine)
                result["idle_cycle"] = timed_cycle(world, engine)
                result["incremental"] = [
                    incremental(world, engine, k, n) for n, k in enumerate(edits)
                ]
        finally:
            engine.close()
    del world, engine  # the repeats below and the naive strategy build their own
    if naive:
        result["naive"] = naive_sync(customers)
    runs = [result["first_sync"]] + [first_sync_only(customers) for _ in range(repeat - 1)]
    result["first_sync"]["runs"] = [[r["seconds"], r["cpu_seconds"]] for r in runs]
    result["first_sync"]["seconds"] = min(r["seconds"] for r in runs)
    result["first_sync"]["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    return result


def first_sync_only(customers: int) -> dict[str, Any]:
    world = new_world(customers)
    with in_process(world) as tmp:
        engine = world.engine(tmp / "state.db")
        try:
            return timed_cycle(world, engine)
        finally:
            engine.close()


def incremental(world: World, engine: Engine, k: int, round_no: int) -> dict[str, Any]:
    edited = apply_edits(world, k, round_no)
    cycle = timed_cycle(world, engine)
    cycle["k"] = k
    cycle["edited"] = edited
    cycle["minimum"] = minimum_incremental(edited)
    return cycle


def naive_sync(customers: int) -> dict[str, Any]:
    world = new_world(customers)
    with in_process(world):
        naive = NaiveSync(world)
        fake_start = world.clock.now()
        wall, cpu = time.perf_counter(), time.process_time()
        naive.run()
        return {
            "seconds": round(time.perf_counter() - wall, 4),
            "cpu_seconds": round(time.process_time() - cpu, 4),
            "requests": dict(naive.requests),
            "throttled": naive.throttled,
            "writes": world.writes(),
            "waited_minutes": round((world.clock.now() - fake_start).total_seconds() / 60, 1),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--edits", default="", help="comma-separated k, e.g. 1,10,100")
    parser.add_argument("--naive", action="store_true", help="also time the naive strategy")
    parser.add_argument("--repeat", type=int, default=1, help="first syncs timed (best kept)")
    args = parser.parse_args(argv)
    edits = [int(k) for k in args.edits.split(",") if k]
    json.dump(measure(args.customers, edits, args.naive, args.repeat), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
