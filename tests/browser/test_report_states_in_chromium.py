"""The report's key states in headless Chromium: the verdict and what changed on the first
screen, a merged report, and a clean print to PDF (screenshots under reports/browser/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checklist import load_checklist
from talkqa.report import history
from talkqa.report.html import render_html, render_merged_html
from talkqa.report.machine import report_data, report_json
from talkqa.report.merge import load_runs, merge_runs
from talkqa.report.results import ScenarioResult
from talkqa.report.verdict import decide

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "reports" / "browser"
FIRST_SCREEN = {"width": 1200, "height": 800}
FLOW = "customerp-webcrm/customer-organisations"
SYNC, LINK = f"{FLOW}/sync", f"{FLOW}/link"
META = {
    "started": "2026-11-29 10:00:00 UTC",
    "duration": "5.00 s",
    "commit": "abc123",
    "target": "inprocess",
    "seed": "7",
    "hypothesis_profile": "dev",
    "workers": "none (serial)",
    "tests": 3,
}


def _scenario(item: str, outcome: str, line: int) -> ScenarioResult:
    steps = [
        ("Given", "a Customerp customer", "passed"),
        ("When", "the engine runs a sync cycle", "passed"),
        ("Then", "Webcrm has its Organisation", outcome),
    ]
    return ScenarioResult(
        nodeid=f"features/co/test_co.py::test_{line}",
        name=f"test_{line}",
        checklist=[item],
        outcome=outcome,
        gherkin={
            "feature": {"name": "CustomerOrganisations1", "uri": "features/co/co.feature"},
            "scenario": {"name": f"Scenario {line}", "line": line},
            "steps": [{"keyword": k, "name": n, "status": s} for k, n, s in steps],
        },
        error="AssertionError: no Organisation" if outcome == "failed" else None,
        message="AssertionError: no Organisation" if outcome == "failed" else None,
    )


def _every_item_passes() -> list[ScenarioResult]:
    checklist = _checklist()
    return [_scenario(item.id, "passed", n) for n, item in enumerate(checklist.items, 10)]


def _checklist() -> Any:
    return load_checklist(
        [
            ROOT / "checklists/customerp-webcrm.rst",
            ROOT / "checklists/customerp-webcrm.supplement.rst",
        ]
    )


def _report(results: list[ScenarioResult], previous: dict[str, Any] | None) -> dict[str, Any]:
    """checklist.json of a run, compared with ``previous`` (a run record) as the plugin does."""
    data = report_data(decide(_checklist(), results), META)
    now = history.run_record(data["items"], META)
    data["changes"] = history.compare(previous, now)
    data["trend"] = history.trend([previous, now] if previous else [now])
    return data


@pytest.fixture
def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    """A passing in-process run, then a run where the sync item fails (both checklist.json),
    and the second run's HTML report compared with the first."""
    good = _report(_every_item_passes(), None)
    broken_results = [
        _scenario(r.checklist[0], "failed", 10) if r.checklist[0] == SYNC else r
        for r in _every_item_passes()
    ]
    previous = history.run_record(good["items"], {**META, "started": "2026-11-28 09:00:00 UTC"})
    broken = _report(broken_results, previous)
    (tmp_path / "good.json").write_text(report_json(good))
    (tmp_path / "broken.json").write_text(report_json(broken))
    html = tmp_path / "checklist.html"
    html.write_text(render_html(decide(_checklist(), broken_results), META, broken))
    return html, tmp_path


@pytest.fixture
def page(browser: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return browser.new_page(viewport=FIRST_SCREEN)


def _on_first_screen(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= FIRST_SCREEN["height"]


def test_the_first_screen_says_not_ready_and_names_the_failing_item(
    page: Any, two_runs: tuple[Path, Path]
) -> None:
    page.goto(two_runs[0].as_uri())
    verdict = page.locator("#verdict")
    assert verdict.inner_text().startswith("NOT READY: 1 of 12 official items")
    assert SYNC in verdict.inner_text()
    assert _on_first_screen(page, "#verdict")
    page.screenshot(path=str(SHOTS / "verdict.png"))


def test_the_first_screen_shows_the_newly_failing_item_and_the_trend_of_both_runs(
    page: Any, two_runs: tuple[Path, Path]
) -> None:
    page.goto(two_runs[0].as_uri())
    newly = page.locator(".change-newly_failing")
    assert newly.inner_text() == f"Newly failing (1): {SYNC}"
    assert _on_first_screen(page, ".change-newly_failing")
    assert _on_first_screen(page, "#trend svg")
    bars = page.locator("#trend g.trend-run")
    assert bars.count() == 2
    total = len(_checklist().items)
    assert [bars.nth(i).locator("text").first.inner_html() for i in range(2)] == [
        f"{total}/{total}",
        f"{total - 1}/{total}",
    ]
    assert page.evaluate("() => document.querySelector('#trend svg') instanceof SVGSVGElement")
    newly.locator("a").click()  # the link leads to the item, open with its failure
    assert page.locator(f'[id="item-{SYNC}"] li.step-failed').is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "changes.png"))


def test_a_merged_report_shows_each_runs_status_and_the_worst_as_verdict(
    page: Any, two_runs: tuple[Path, Path]
) -> None:
    folder = two_runs[1]
    runs = load_runs([f"in-process={folder / 'good.json'}", f"served={folder / 'broken.json'}"])
    merged = folder / "merged.html"
    merged.write_text(render_merged_html(merge_runs(runs)))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(merged.as_uri())
    assert page.locator("#verdict").inner_text().startswith("NOT READY")
    row = page.locator(f'[id="item-{SYNC}"]')
    assert row.locator(".verdict-status").inner_text() == "failed"
    assert row.locator('[data-run="in-process"]').inner_text() == "passed"
    assert row.locator('[data-run="served"]').inner_text() == "failed"
    assert page.locator(f'[id="item-{LINK}"] .verdict-status').inner_text() == "passed"
    assert page.locator("tr.item").count() == len(_checklist().items)
    assert requested == [merged.as_uri()]
    page.screenshot(path=str(SHOTS / "merge.png"), full_page=True)


def test_printing_hides_the_buttons_opens_failed_items_and_breaks_pages_between_flows(
    page: Any, two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    page.goto(two_runs[0].as_uri())
    page.locator('[data-expand="none"]').click()  # a reader collapsed everything
    page.locator('[data-filter="passed"]').click()  # and shows passed items only
    failing_step = page.locator(f'[id="item-{SYNC}"] li.step-failed')
    assert not failing_step.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".controls button").first.is_visible()
    assert failing_step.is_visible()  # failed items print open, whatever the screen showed
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('section.flow')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    page.screenshot(path=str(SHOTS / "print.png"))

    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = pypdf.PdfReader(str(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "NOT READY" in text.upper().replace("\n", " ")
    assert "Expand all" not in text and "Collapse all" not in text
    assert "Webcrm has its Organisation" in text  # the failing step, printed open
    assert len(reader.pages) >= 4  # the top, then each of the three flows on its own page
    persons = "Customerp Contact to Webcrm Persons"
    flow_pages = [n for n, p in enumerate(reader.pages) if persons in p.extract_text()]
    assert flow_pages and flow_pages[0] > 0
