"""Economy of the reference engine for one size (the engine helper's script, now a thin front
for benchmarks/cycles.py, which ``talkqa bench`` runs): webCRM and Customerp requests of the
first sync of N customers, 2N contacts and N products against the minimum, then a cycle with
no edits and a cycle after 10 edits, all through the in-process fakes on one FakeClock.

    .venv/bin/python benchmarks/bench_economy.py               # N = 10,000
    .venv/bin/python benchmarks/bench_economy.py --customers 1000
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cycles import measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    args = parser.parse_args()
    result = measure(args.customers, [10], naive=False)
    least = result["minimum"]
    cycles = [
        ("first sync", result["first_sync"]),
        ("no-edit cycle", result["second_cycle"]),
        ("10-edit cycle", result["incremental"][0]),
    ]
    for label, cycle in cycles:
        req = cycle["requests"]
        ratio = f" = {req['webcrm'] / least['webcrm']:.2f}x minimum {least['webcrm']}"
        print(
            f"{label}: webCRM requests {req['webcrm']}{ratio if label == 'first sync' else ''} "
            f"(writes {cycle['writes']['webcrm']}), Customerp requests {req['customerp']} "
            f"(writes {cycle['writes']['customerp']}), Talk updates {cycle['talk_updates']}, "
            f"{cycle['seconds']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
