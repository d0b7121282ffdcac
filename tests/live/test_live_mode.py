"""The feature suite served and live: ``pytest features/`` in subprocesses, checked by report.

* served: the whole suite against ``talkqa fakes serve`` must end as it does in-process, and
  so must a run on two pytest-xdist workers;
* live + external: the suite in live mode pointed at served fakes while ``talkqa sync
  --watch`` runs in its own process as the external engine; skipped scenarios carry reasons;
* live + engine: the steps' own reference engine against the same kind of endpoints;
* usage errors: one line, no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import (
    ROOT,
    ClockDriver,
    ExternalEngine,
    item_statuses,
    live_environment,
    run_suite,
    scenario_outcomes,
)

from checklist import systems
from steps.live import SCOPE_FIELDS
from steps.targets import LIVE_ENV, Endpoints, FakesProcess
from talkqa.apis import RemoteFake

FOREIGN = {"sku": "NOT-TEST-DATA-1", "name": "Somebody's real product"}


@pytest.fixture
def served_fakes() -> Iterator[Endpoints]:
    """A ``talkqa fakes serve`` process whose clock runs ten times the wall clock."""
    process = FakesProcess()
    endpoints = process.start()
    driver = ClockDriver(endpoints.customerp_url).start()
    try:
        yield endpoints
    finally:
        driver.stop()
        process.stop()


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The checklist.json of one serial in-process run of the suite (it must pass)."""
    done, report = run_suite(tmp_path_factory.mktemp("inprocess"))
    assert done.returncode == 0, done.stdout[-3000:]
    assert report is not None
    return report


def _same_results(report: dict[str, Any] | None, baseline: dict[str, Any]) -> None:
    assert report is not None
    assert item_statuses(report) == item_statuses(baseline)
    outcomes = {n: s["outcome"] for n, s in scenario_outcomes(report).items()}
    assert outcomes == {n: s["outcome"] for n, s in scenario_outcomes(baseline).items()}
    assert set(outcomes.values()) <= {"passed", "skipped"} and "passed" in outcomes.values()
    not_passed = [s for s in scenario_outcomes(report).values() if s["outcome"] != "passed"]
    assert all("@volume" in s["reason"] for s in not_passed), not_passed  # without --volume


def test_served_mode_ends_every_scenario_and_item_as_in_process(
    tmp_path: Path, in_process: dict[str, Any]
) -> None:
    served, served_report = run_suite(tmp_path, "--target=served")
    assert served.returncode == 0, served.stdout[-3000:]
    _same_results(served_report, in_process)


def test_two_xdist_workers_end_every_scenario_and_item_as_a_serial_run(
    tmp_path: Path, in_process: dict[str, Any]
) -> None:
    parallel, parallel_report = run_suite(tmp_path, "-n", "2")
    assert parallel.returncode == 0, parallel.stdout[-3000:]
    _same_results(parallel_report, in_process)


def test_live_mode_with_an_external_engine_passes_and_reports_why_it_skips(
    tmp_path: Path, served_fakes: Endpoints
) -> None:
    customerp = RemoteFake(served_fakes.customerp_url)
    foreign = customerp.ui_create("products", FOREIGN)
    engine = ExternalEngine(served_fakes, tmp_path / "external.sqlite", watch=0.2)
    try:
        done, report = run_suite(
            tmp_path,
            "--target=live",
            "--sync=external",
            "--sync-timeout=30",
            env=live_environment(served_fakes),
        )
    finally:
        engine.stop()
    assert done.returncode == 0, done.stdout[-5000:]
    assert report is not None
    assert report["summary"]["failed"] == 0 and report["summary"]["uncovered"] == 0
    scenarios = scenario_outcomes(report).values()
    skipped = [s for s in scenarios if s["outcome"] == "skipped"]
    passed = [s for s in scenarios if s["outcome"] == "passed"]
    assert passed and skipped
    assert all("--target=live" in s["reason"] or "@volume" in s["reason"] for s in skipped)
    reasons = " | ".join(s["reason"] for s in skipped)
    for why in (
        "fault injection",
        "the fake clock",
        "request journal",
        "empty systems for every generated example",
        "dead letters",
        "Share Enabled toggle",
        "edits in both systems must land between the same two cycles",
        "cannot delete Organisations",
    ):
        assert why in reasons
    assert any(flow["created"] for cycle in engine.cycles() for flow in cycle["flows"].values())
    _assert_cleaned_up_and_foreign_data_untouched(served_fakes, foreign)


def _assert_cleaned_up_and_foreign_data_untouched(
    endpoints: Endpoints, foreign: dict[str, object]
) -> None:
    customerp, webcrm = RemoteFake(endpoints.customerp_url), RemoteFake(endpoints.webcrm_url)
    for fake, collections in (
        (customerp, systems.COLLECTIONS[systems.SOURCE]),
        (webcrm, ("Products",)),
    ):
        for collection in collections:
            left = [
                r
                for r in fake.records(collection)
                if str(r.get(SCOPE_FIELDS[collection]) or "").startswith("talkqa-")
            ]
            assert not left, f"{collection}: test data left behind: {left}"
    kept = [r for r in customerp.records("products") if r["id"] == foreign["id"]]
    assert [(r["sku"], r["name"]) for r in kept] == [(FOREIGN["sku"], FOREIGN["name"])]
    organisations = webcrm.records("Organisations")
    assert organisations, "webCRM cannot delete Organisations: the run's ones remain"
    assert all(o["OrganisationName"].startswith("talkqa-") for o in organisations)
    products = [p["ProductCombined"] for p in webcrm.records("Products")]
    assert products == [FOREIGN["name"]], "only the external engine's copy of foreign data"


def test_live_mode_with_the_reference_engine_passes_and_leaves_foreign_data_alone(
    tmp_path: Path, served_fakes: Endpoints
) -> None:
    customerp = RemoteFake(served_fakes.customerp_url)
    webcrm = RemoteFake(served_fakes.webcrm_url)
    customer = customerp.ui_create("customers", {"name": "Somebody's real customer"})
    organisation = webcrm.ui_create("Organisations", {"OrganisationName": "Somebody's real org"})
    done, report = run_suite(tmp_path, "--target=live", env=live_environment(served_fakes))
    assert done.returncode == 0, done.stdout[-5000:]
    assert report is not None
    outcomes = {s["outcome"] for s in scenario_outcomes(report).values()}
    assert outcomes == {"passed", "skipped"}
    assert report["summary"]["failed"] == 0
    # the steps' engine is scoped to the run prefix: foreign records are unchanged, unsynced
    assert [c for c in customerp.records("customers") if c["id"] == customer["id"]] == [customer]
    kept = [o for o in webcrm.records("Organisations") if not _test_data("Organisations", o)]
    assert kept == [organisation]
    assert [c for c in customerp.records("customers") if not _test_data("customers", c)] == [
        customer
    ]


def _test_data(collection: str, record: dict[str, Any]) -> bool:
    return str(record.get(SCOPE_FIELDS[collection]) or "").startswith("talkqa-")


def _pytest_features(*options: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "features/", "-p", "no:cacheprovider", *options]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_live_mode_without_its_environment_is_a_one_line_usage_error() -> None:
    env = live_environment(_unused())
    del env["WEBCRM_AUTH_CODE"], env["CUSTOMERP_URL"]
    done = _pytest_features("--target=live", env=env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert errors == [
        "ERROR: --target=live needs CUSTOMERP_URL, WEBCRM_AUTH_CODE in the environment "
        f"(all of {', '.join(LIVE_ENV)})"
    ]


def test_external_sync_needs_the_live_target() -> None:
    done = _pytest_features("--sync=external", env=live_environment(_unused()))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "--sync=external needs --target=live" in done.stderr


def _unused() -> Endpoints:
    return Endpoints("http://127.0.0.1:9/api/v1", "k", "http://127.0.0.1:9", "c")
