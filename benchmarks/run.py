"""The whole benchmark in one run: API economy (engine against the minimum and the naive
strategy), incremental cost after k edits, throughput and scaling (one subprocess per size,
for an honest peak RSS), transport, and the suite; results as JSON, a plot and a table."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import suite, transport
from benchmarks.goals import evaluate
from benchmarks.world import ROOT


@dataclass(frozen=True)
class Sizes:
    """What one run measures: customers per size (each also has 2N contacts, N products)."""

    economy: tuple[int, ...]  # first sync against the minimum, naive strategy, k edits
    scaling: tuple[int, ...]  # wall time and peak memory of the first sync
    edits: tuple[int, ...]
    transport_requests: int
    transport_customers: int
    suite: bool
    repeat_up_to: int = 10_000  # sizes up to this many customers time the first sync 3 times


FULL = Sizes(
    (1_000, 10_000), (1_000, 10_000, 40_000), (1, 10, 100), 2000, 1_000, True, repeat_up_to=40_000
)
QUICK = Sizes((50, 200), (50, 200, 800), (1, 10), 200, 50, False, repeat_up_to=200)
REPEAT = 3


def machine() -> dict[str, Any]:
    """Where the figures were taken (and how loaded the machine was when they started)."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def one_size(customers: int, edits: tuple[int, ...], naive: bool, repeat: int) -> dict[str, Any]:
    """Measure one size in a fresh interpreter (benchmarks/cycles.py)."""
    command = [sys.executable, "-m", "benchmarks.cycles", "--customers", str(customers)]
    command += ["--repeat", str(repeat)]
    if edits:
        command += ["--edits", ",".join(str(k) for k in edits)]
    if naive:
        command.append("--naive")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.cycles --customers {customers} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout))


def ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Growth between consecutive sizes: entities, wall time, CPU time, peak memory."""
    out = []
    for small, large in zip(rows, rows[1:], strict=False):
        a, b = small["first_sync"], large["first_sync"]
        out.append(
            {
                "from": small["customers"],
                "to": large["customers"],
                "entities": round(large["entities"] / small["entities"], 2),
                "wall_time": round(b["seconds"] / a["seconds"], 2),
                "cpu_time": round(b["cpu_seconds"] / a["cpu_seconds"], 2),
                "peak_rss": round(large["peak_rss_mib"] / small["peak_rss_mib"], 2),
            }
        )
    return out


def run(sizes: Sizes, log: Any = sys.stderr) -> dict[str, Any]:
    """Every measurement of one run, with the goals judged (never asserted)."""
    started = time.perf_counter()
    results: dict[str, Any] = {
        "taken": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "quick": sizes is QUICK,
        "machine": machine(),
    }
    per_size = []
    for n in sorted(set(sizes.scaling) | set(sizes.economy)):
        log.write(f"bench: first sync of {n} customers ({4 * n} entities)...\n")
        in_economy = n in sizes.economy
        repeat = REPEAT if n <= sizes.repeat_up_to else 1
        per_size.append(one_size(n, sizes.edits if in_economy else (), in_economy, repeat))
    results["sizes"] = per_size
    results["scaling"] = list(sizes.scaling)
    scaling = [r for r in per_size if r["customers"] in sizes.scaling]
    results["ratios"] = ratios(scaling)
    log.write("bench: transport...\n")
    results["transport"] = transport.measure(sizes.transport_requests, sizes.transport_customers)
    if sizes.suite:
        log.write("bench: pytest features/ serial and -n 2...\n")
        results["suite"] = suite.measure()
    else:
        results["suite"] = {"skipped": "--quick: the suite is not timed", "collected": None}
    results["goals"] = evaluate(results)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results
