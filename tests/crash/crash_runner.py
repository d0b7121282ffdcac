"""Runs one engine cycle in its own process against served fakes, and kills itself with SIGKILL
at the Nth write boundary when asked (``--crash-at N``): a crash the engine cannot clean up.

The engine shares the fakes' clock through their control plane (``/_fake/clock``): ``now`` reads
it and ``sleep`` advances it. Without a crash it prints one JSON line: the write boundaries
passed, in order. Credentials come from CUSTOMERP_API_KEY and WEBCRM_AUTH_CODE."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from datetime import datetime
from pathlib import Path

import requests

from talksync import EngineConfig, create_engine
from talksync.clock import parse_timestamp

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]


class FakesClock:
    """The fakes' shared clock, read and advanced over their control plane."""

    def __init__(self, webcrm_url: str) -> None:
        self.url = webcrm_url.rstrip("/") + "/_fake/clock"
        self.session = requests.Session()
        self.session.trust_env = False

    def now(self) -> datetime:
        stamp = parse_timestamp(self.session.get(self.url, timeout=10).json()["now"])
        assert stamp is not None
        return stamp

    def sleep(self, seconds: float) -> None:
        self.session.post(self.url, json={"advance_seconds": max(seconds, 0.0)}, timeout=10)


class Boundaries:
    """The engine's hook: records each write boundary, kills the process at the Nth."""

    def __init__(self, crash_at: int | None) -> None:
        self.crash_at = crash_at
        self.passed: list[str] = []

    def __call__(self, point: str) -> None:
        self.passed.append(point)
        if len(self.passed) == self.crash_at:
            os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customerp", required=True)
    parser.add_argument("--webcrm", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--crash-at", type=int, default=None)
    args = parser.parse_args(argv)
    clock = FakesClock(args.webcrm)
    hook = Boundaries(args.crash_at)
    engine = create_engine(
        EngineConfig(
            customerp_url=args.customerp,
            customerp_api_key=os.environ["CUSTOMERP_API_KEY"],
            webcrm_url=args.webcrm,
            webcrm_auth_code=os.environ["WEBCRM_AUTH_CODE"],
            state_path=Path(args.state),
            checklist=CHECKLIST,
            clock=clock.now,
            sleep=clock.sleep,
            hook=hook,
        )
    )
    try:
        engine.run_cycle()
    finally:
        engine.close()
    print(json.dumps({"boundaries": hook.passed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
