"""End to end over the real suite: a run with the reference engine, then one with a catalogue
mutant, give a report that says "not ready" first, names the newly failing items and draws
both runs; a served run merged with the in-process one shows both statuses per item."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MUTANT = "tests.mutants.catalogue:dropped_property"
BROKEN = "customerp-webcrm/customer-organisations/property/phone--organisationtelephone"


def _suite(reports: Path, *args: str, engine: str | None = None) -> dict[str, Any]:
    """``pytest features/`` in a subprocess writing its reports (and history) to ``reports``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("TALKQA_ENGINE", "PYTEST_ADDOPTS"):
        env.pop(name, None)
    if engine:
        env["TALKQA_ENGINE"] = engine
    command = [sys.executable, "-m", "pytest", "features/", "-q", "-p", "no:cacheprovider",
               "--tb=no", "--no-header", f"--checklist-report={reports / 'checklist.html'}",
               *args]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    return dict(json.loads((reports / "checklist.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def reference_then_mutant(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    reports = tmp_path_factory.mktemp("reports")
    first = _suite(reports)
    (reports / "inprocess.json").write_text(json.dumps(first))
    second = _suite(reports, engine=MUTANT)
    return reports, first, second


def test_the_second_run_with_a_mutant_is_not_ready_and_names_the_newly_failing_item(
    reference_then_mutant: tuple[Path, dict, dict],
) -> None:
    reports, first, second = reference_then_mutant
    assert first["readiness"]["ready"] is True
    assert second["readiness"]["ready"] is False
    assert second["readiness"]["sentence"].startswith("Not ready:")
    assert BROKEN in second["readiness"]["sentence"]
    assert second["changes"]["baseline"]["started"] == first["run"]["started"]
    assert BROKEN in second["changes"]["newly_failing"]
    assert [run["summary"]["failed"] for run in second["trend"]] == [
        0,
        second["summary"]["failed"],
    ]

    html = (reports / "checklist.html").read_text(encoding="utf-8")
    top = html[: html.index('<section id="documents">')]  # the verdict, changes and trend
    assert '<span class="verdict-word">Not ready</span>' in top
    assert f'<a href="#item-{BROKEN}">{BROKEN}</a>' in top
    assert top.count('<g class="trend-run">') == 2


def test_merging_the_in_process_and_a_served_run_shows_both_statuses_per_item(
    reference_then_mutant: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    reports, first, _ = reference_then_mutant
    served = _suite(tmp_path / "served", "--target=served")
    assert served["run"]["target"] == "served"
    out = tmp_path / "merged"
    done = subprocess.run(
        [sys.executable, "-m", "talkqa", "report", "merge", str(reports / "inprocess.json"),
         str(tmp_path / "served" / "checklist.json"), "-o", str(out)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Ready: the checklist in force holds")
    merged = json.loads((out / "checklist.json").read_text(encoding="utf-8"))
    assert [run["label"] for run in merged["runs"]] == ["inprocess", "served"]
    total = len(first["items"])
    assert total >= 34  # the official items and this project's supplement
    assert len(merged["items"]) == total
    # Without --volume, the items only @volume scenarios cover (changed-data) are skipped in
    # both runs; every other item passed in both.
    volume_only = {i["id"] for i in merged["items"] if i["id"].endswith("/changed-data")}
    for item in merged["items"]:
        assert set(item["runs"]) == {"inprocess", "served"}
        expected = "skipped" if item["id"] in volume_only else "passed"
        assert item["runs"] == {"inprocess": expected, "served": expected}, item["id"]
    html = (out / "checklist.html").read_text(encoding="utf-8")
    passed = total - len(volume_only)
    assert html.count('data-run="served"><span class="badge status-passed">') == passed
