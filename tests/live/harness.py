"""What the live-mode tests run around the suite: served fakes, their clock, an external engine.

The fakes' clock only moves when told; a real system's moves by itself. ``ClockDriver`` moves
the served fakes' clock ``speed`` times as fast as the wall clock, so their rate limit windows
and tokens age as a real system's would (faster, to keep the test short).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from steps.targets import Endpoints, stop_process
from talkqa.apis import RemoteClock

ROOT = Path(__file__).resolve().parents[2]


class ClockDriver:
    """A thread advancing the served fakes' clock with the wall clock (times ``speed``)."""

    def __init__(self, customerp_url: str, speed: float = 10.0, every: float = 0.1) -> None:
        self.clock = RemoteClock(customerp_url)
        self.speed = speed
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-clock-driver", daemon=True)

    def start(self) -> ClockDriver:
        self._thread.start()
        return self

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stop.wait(self.every):
            now = time.monotonic()
            self.clock.advance((now - last) * self.speed)
            last = now

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def live_environment(endpoints: Endpoints) -> dict[str, str]:
    """The environment of a live run pointed at ``endpoints``."""
    return {
        **os.environ,
        "CUSTOMERP_URL": endpoints.customerp_url,
        "CUSTOMERP_API_KEY": endpoints.customerp_api_key,
        "WEBCRM_URL": endpoints.webcrm_url,
        "WEBCRM_AUTH_CODE": endpoints.webcrm_auth_code,
    }


class ExternalEngine:
    """``talkqa sync --watch SECONDS`` in its own process, stopped with Ctrl-C (SIGINT)."""

    def __init__(self, endpoints: Endpoints, state: Path, watch: float = 1.0) -> None:
        command = [sys.executable, "-m", "talkqa", "sync", "--watch", str(watch)]
        command += ["--customerp", endpoints.customerp_url, "--webcrm", endpoints.webcrm_url]
        command += ["--state", str(state), "--json"]
        self.log = state.with_suffix(".log")
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=live_environment(endpoints)
            )

    def stop(self) -> int:
        return stop_process(self.process, signal.SIGINT, 30)  # Ctrl-C: finish the cycle

    def cycles(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line[:1] == "{"]


def run_suite(
    report_dir: Path, *options: str, env: dict[str, str] | None = None, timeout: float = 900
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any] | None]:
    """``pytest features/`` in a subprocess; its result and checklist.json (None: not written)."""
    command = [sys.executable, "-m", "pytest", "features/", "-p", "no:cacheprovider", "-q"]
    command += ["--checklist-report", str(report_dir / "checklist.html"), *options]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    report = report_dir / "checklist.json"
    return done, json.loads(report.read_text()) if report.exists() else None


def item_statuses(report: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["status"] for item in report["items"]}


def scenario_outcomes(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every scenario of the report by node id (a scenario can trace several items)."""
    return {s["nodeid"]: s for item in report["items"] for s in item["scenarios"]}
