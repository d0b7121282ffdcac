"""The command binding against served fakes: ``pytest features/ --target=served
--engine-command CMD`` in subprocesses, checked by report.

* the reference engine as a command (``talkqa sync --engine-protocol``) passes every scenario
  of the suite, none skipped (slow: marked ``campaign``; CI runs it);
* a command that prints no summary line: only the steps needing the line's fields skip, each
  naming the field; the rest passes (counterparts found by name);
* usage errors: one line, no traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from harness import ROOT, run_suite, scenario_outcomes

REFERENCE_COMMAND = "talkqa sync --engine-protocol"


def collected_scenarios() -> int:
    """How many scenarios ``pytest features/`` collects (the in-process suite's size)."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features/", "--collect-only", "-q",
         "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    found = re.search(r"(\d+) tests? collected", done.stdout)
    assert found, done.stdout[-2000:]
    return int(found[1])


@pytest.mark.campaign
def test_the_reference_engine_as_a_command_passes_every_scenario_none_skipped(tmp_path: Path):
    done, report = run_suite(
        tmp_path, "--target=served", f"--engine-command={REFERENCE_COMMAND}", "--volume",
        "-n", "2",
        timeout=1800,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-5000:]
    assert report is not None
    outcomes = [s["outcome"] for s in scenario_outcomes(report).values()]
    assert outcomes and set(outcomes) == {"passed"}, [o for o in outcomes if o != "passed"]
    assert len(outcomes) == collected_scenarios()
    last = done.stdout.strip().splitlines()[-1]  # pytest's "N passed in S s"
    assert f"{len(outcomes)} passed" in last and "skipped" not in last, last


def test_a_command_without_a_summary_line_skips_only_the_steps_needing_its_fields(
    tmp_path: Path,
):
    quiet_command = f"{REFERENCE_COMMAND} > /dev/null"  # same engine, nothing printed
    done, report = run_suite(
        tmp_path, "--target=served", f"--engine-command={quiet_command}",
        "-k", "dead_letter or waits or exactly_one",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-5000:]
    assert report is not None
    scenarios = scenario_outcomes(report).values()
    skipped = [s for s in scenarios if s["outcome"] == "skipped" and s["reason"] != "deselected"]
    passed = [s for s in scenarios if s["outcome"] == "passed"]
    assert skipped and passed
    for scenario in skipped:
        assert re.search(r'printed no "(dead_letters|flows)" in its summary line',
                         scenario["reason"]), scenario  # fmt: skip
        assert "dead_letter" in scenario["nodeid"] or "waits" in scenario["nodeid"], scenario
    assert any("exactly_one" in s["nodeid"] for s in passed)


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--engine-command=talkqa sync --engine-protocol"], "needs --target=served or"),
        (["--target=served", "--engine-command= "], "--engine-command: CMD is empty"),
    ],
)
def test_engine_command_usage_errors_are_one_line(options: list[str], says: str):
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features/", "-p", "no:cacheprovider", *options],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert says in done.stderr
