"""The minimal engine of docs/engine-protocol.md (docs/examples/minimal_engine.py), written from
the document alone, runs under both bindings: as a command against served fakes and as a
Python factory in-process. It syncs Customer names only, so the suite passes its "exactly one
Organisation per Customer" scenario and fails the property check, in both bindings alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from harness import ROOT, run_suite, scenario_outcomes

ONE_EACH = "every_customerp_customer_is_synchronized_with_exactly_one"
PROPERTIES = "a_new_customerp_customer_is_synchronized_with_a_webcrm_organisation"
SELECTION = ["-k", f"{ONE_EACH} or {PROPERTIES}"]


@pytest.mark.parametrize(
    ("options", "engine"),
    [
        (["--target=served", "--engine-command=python docs/examples/minimal_engine.py"], None),
        ([], "docs.examples.minimal_engine:create_engine"),
    ],
    ids=["command", "python"],
)
def test_the_documented_minimal_engine_runs_in_both_bindings(
    tmp_path: Path, options: list[str], engine: str | None
):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TALKQA_ENGINE", None)
    if engine:
        env["TALKQA_ENGINE"] = engine
    done, report = run_suite(tmp_path, *SELECTION, *options, "--checklist-gate=off", env=env)
    assert report is not None, done.stdout[-3000:]
    outcomes = {
        s["nodeid"].rsplit("::", 1)[-1]: s["outcome"] for s in scenario_outcomes(report).values()
    }
    assert outcomes[next(n for n in outcomes if ONE_EACH in n)] == "passed", outcomes
    assert outcomes[next(n for n in outcomes if PROPERTIES in n)] == "failed", outcomes
    assert done.returncode == 1
