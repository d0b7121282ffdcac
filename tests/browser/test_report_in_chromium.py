"""The HTML report in headless Chromium: renders, expands, fetches nothing, runs no script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checklist import load_checklist
from talkqa.report.html import render_html
from talkqa.report.results import ScenarioResult
from talkqa.report.verdict import decide

ROOT = Path(__file__).resolve().parents[2]
INJECTED = (
    "<script>window.injected = 1; alert(1)</script>"
    '<img src=x onerror="window.injected = 2; alert(2)">'
)
FLOW = "customerp-webcrm/customer-organisations"


def _gherkin(name: str, failing: bool) -> dict[str, Any]:
    steps = [
        ("Given", f'a Customerp customer named "{INJECTED}"', "passed"),
        ("When", "the sync runs", "passed"),
        ("Then", "the Webcrm organisation has that name", "failed" if failing else "passed"),
    ]
    return {
        "feature": {
            "name": "CustomerOrganisations1",
            "keyword": "Feature",
            "uri": "features/co/CustomerOrganisations1.feature",
            "line": 2,
            "description": "",
            "language": "en",
            "tags": [],
        },
        "scenario": {
            "name": name,
            "keyword": "Scenario",
            "line": 7,
            "description": "",
            "tags": [f"checklist:{FLOW}/sync"],
        },
        "steps": [
            {"keyword": k, "name": n, "line": 8 + i, "status": s, "duration_ns": 1, "error": None}
            for i, (k, n, s) in enumerate(steps)
        ],
    }


def _results() -> list[ScenarioResult]:
    failing = ScenarioResult(
        nodeid="features/co/test_co.py::test_names_arrive",
        name="test_names_arrive",
        checklist=[f"{FLOW}/sync"],
        outcome="failed",
        gherkin=_gherkin(f"[1] Names arrive {INJECTED}", failing=True),
        evidence={
            "exchanges": [
                {
                    "method": "POST",
                    "url": "https://api.webcrm.com/Organisations",
                    "status": 201,
                    "request_headers": {},
                    "request_body": {"OrganisationName": INJECTED},
                    "response_headers": {},
                    "response_body": 42,
                    "error": None,
                }
            ],
            "attachments": [{"name": "journal", "data": [{"path": INJECTED}]}],
            "notes": ["seed 7"],
        },
        error=f"AssertionError: expected {INJECTED}",
        message=f"AssertionError: expected {INJECTED}",
    )
    passing = ScenarioResult(
        nodeid="features/co/test_co.py::test_links",
        name="test_links",
        checklist=[f"{FLOW}/link"],
        outcome="passed",
        gherkin=_gherkin("[2] Links stay", failing=False),
    )
    return [failing, passing]


CHART_IS_SVG = """() => {
  const chart = document.querySelector('#summary svg');
  return chart instanceof SVGSVGElement ? chart.querySelectorAll('rect').length : -1;
}"""


def _check_scenarios(page: Any) -> None:
    """The failed scenario is open with its failing step in red; a passed one opens on click."""
    failed_item = page.locator(f'[id="item-{FLOW}/sync"]')
    assert failed_item.get_attribute("data-status") == "failed"
    failing = failed_item.locator("details.scenario").first
    assert failing.get_attribute("open") is not None
    failing_step = failing.locator("li.step-failed")
    assert failing_step.is_visible()
    assert "the Webcrm organisation has that name" in failing_step.inner_text()
    assert INJECTED in failing.locator("pre.error").inner_text()  # shown as text, not run

    passed_item = page.locator(f'[id="item-{FLOW}/link"]')
    passed_item.locator("summary").first.click()
    passing = passed_item.locator("details.scenario").first
    passing_step = passing.locator("li.step-passed").first
    assert not passing_step.is_visible()
    passing.locator("summary").first.click()
    assert passing.get_attribute("open") is not None
    assert passing_step.is_visible()
    assert page.evaluate("() => window.injected === undefined")


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    checklist = load_checklist(
        [
            ROOT / "checklists/customerp-webcrm.rst",
            ROOT / "checklists/customerp-webcrm.supplement.rst",
        ]
    )
    meta = {
        "started": "2024-09-11 00:00:00 UTC",
        "duration": "1.00 s",
        "commit": "abc",
        "seed": "7",
        "hypothesis_profile": "ci",
        "workers": "2",
        "tests": 2,
    }
    path = tmp_path / "checklist.html"
    path.write_text(render_html(decide(checklist, _results()), meta), encoding="utf-8")
    return path


def test_the_report_renders_expands_and_stays_offline_and_inert(
    report_file: Path, browser: Any
) -> None:
    requested: list[str] = []
    dialogs: list[str] = []
    url = report_file.as_uri()
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")

    assert page.locator(".flow h3").first.inner_text() == (
        "Customerp Customer to Webcrm Organisations"
    )
    in_force = load_checklist(
        [
            ROOT / "checklists/customerp-webcrm.rst",
            ROOT / "checklists/customerp-webcrm.supplement.rst",
        ]
    )
    assert page.locator(".item").count() == len(in_force.items)
    assert page.evaluate(CHART_IS_SVG) == 3  # passed, failed and not covered
    _check_scenarios(page)
    page.evaluate("window.scrollTo(0, 0)")
    (ROOT / "reports").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "reports" / "report-screenshot.png"), full_page=False)
    assert requested == [url]
    assert dialogs == []
