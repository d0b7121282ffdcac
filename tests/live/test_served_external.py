"""``--target=served --sync=external``: the served fakes on fixed ports (``--served-ports``),
shared with an engine that runs on its own (``talkqa sync --watch``), started before the run.

Faults, the clock and the journal go through the fakes' control plane, so only what the
external engine's own timing makes impossible is skipped, each with its reason.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from harness import ExternalEngine, live_environment, run_suite, scenario_outcomes

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE
from steps.targets import Endpoints

# The only reasons a scenario may be skipped here (steps/targets.py words them).
DAEMON_REASONS = (
    "which an external engine does not show",  # the cycle summary, dead letters
    "which configure the engine for whole systems",  # Talk's toggles
    "an external engine keeps its state across scenarios",  # empty systems per example
    "the barrier's marker Customer is written too",  # "no record was written", request counts
    "edits in both systems must land between the same two cycles",  # conflicts
)


def free_ports() -> tuple[int, int]:
    """Two loopback ports nothing listens on (the fakes take them a moment later)."""
    sockets = [socket.socket() for _ in range(2)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = sockets[0].getsockname()[1], sockets[1].getsockname()[1]
    for s in sockets:
        s.close()
    return ports


@pytest.mark.campaign
def test_served_fakes_with_an_external_engine_skip_only_what_its_timing_forbids(tmp_path: Path):
    customerp, webcrm = free_ports()
    endpoints = Endpoints(
        f"http://127.0.0.1:{customerp}/api/v1", DEFAULT_API_KEY,
        f"http://127.0.0.1:{webcrm}", DEFAULT_AUTH_CODE,
    )  # fmt: skip
    engine = ExternalEngine(endpoints, tmp_path / "external.sqlite", watch=0.2)  # started first
    try:
        done, report = run_suite(
            tmp_path, "--target=served", "--sync=external",
            f"--served-ports={customerp},{webcrm}", "--sync-timeout=60", "--volume",
            env=live_environment(endpoints),
        )  # fmt: skip
    finally:
        engine.stop()
    assert done.returncode == 0, done.stdout[-5000:]
    assert report is not None and report["summary"]["failed"] == 0
    scenarios = list(scenario_outcomes(report).values())
    skipped = [s for s in scenarios if s["outcome"] == "skipped"]
    passed = {s["nodeid"].rsplit("::", 1)[-1] for s in scenarios if s["outcome"] == "passed"}
    for scenario in skipped:
        assert any(why in scenario["reason"] for why in DAEMON_REASONS), scenario
    # what live mode skips runs here: faults, the fake clock, the journal, webCRM deletes
    for name in ("429_answers", "access_token_is_renewed", "5xx_answers_from_webcrm",
                 "deleted_in_webcrm"):  # fmt: skip
        assert any(name in n for n in passed), (name, sorted(passed))
    assert len(passed) > len(skipped)  # most of the suite runs
