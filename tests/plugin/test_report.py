"""The checklist report: JSON shape, HTML content, escaping, redaction, Cucumber JSON, JUnit."""

from __future__ import annotations

import json
import re

import pytest
from plugin_project import (
    ITEMS,
    PROPERTY_ITEM,
    SECRET_CODE,
    SECRET_KEY,
    TinyProject,
    all_items_feature,
    feature,
    scenario,
)


@pytest.fixture
def failing_run(project: TinyProject) -> TinyProject:
    """Every item covered, and one scenario of the link item fails with evidence."""
    broken = scenario("Broken link", [ITEMS[1]], then="the widget is broken")
    project.write_feature(all_items_feature() + broken)
    result = project.run("--checklist-gate=warn", "--junitxml=reports/junit.xml")
    result.assert_outcomes(passed=5, failed=1)
    return project


def test_the_json_report_has_the_issues_shape_and_statuses(failing_run: TinyProject) -> None:
    data = failing_run.report_json()
    assert set(data) == {
        "readiness",
        "changes",
        "trend",
        "run",
        "documents",
        "flows",
        "items",
        "summary",
    }
    assert data["summary"] == {"passed": 4, "failed": 1, "uncovered": 0, "skipped": 0}
    assert [i["id"] for i in data["items"]] == [*ITEMS, PROPERTY_ITEM]
    item_keys = {"id", "status", "supplement", "flow", "kind", "text", "source", "scenarios"}
    assert all(set(i) == item_keys for i in data["items"])
    assert data["flows"] == {"alpha-beta/thing-widgets": "Alpha Thing to Beta Widgets"}
    assert data["items"][0]["text"] == "Every Alpha Thing will be synchronized with a Beta Widgets."
    link = data["items"][1]
    assert link["status"] == "failed"
    assert [(s["name"], s["outcome"]) for s in link["scenarios"]] == [
        ("Covers " + ITEMS[1], "passed"),
        ("Broken link", "failed"),
    ]
    assert link["scenarios"][1]["nodeid"] == "test_things.py::test_broken_link"
    assert [i["supplement"] for i in data["items"]] == [False] * 4 + [True]
    assert [d["supplement"] for d in data["documents"]] == [False, True]
    assert data["documents"][0]["warnings"] == [
        "alpha_beta.rst:20: 'Alpha Thing to Beta Widgets' declares no properties"
    ]


def test_the_html_report_shows_the_checklist_in_document_order(failing_run: TinyProject) -> None:
    html = failing_run.read("checklist.html")
    assert "<title>Checklist report: Alpha to Beta Dataflow</title>" in html
    assert "Generated: 2024-01-02 03:04:05" in html
    positions = [html.index(f'id="item-{item_id}"') for item_id in [*ITEMS, PROPERTY_ITEM]]
    assert positions == sorted(positions)
    assert "<h3>Alpha Thing to Beta Widgets</h3>" in html
    assert html.count('<span class="supplement">supplement</span>') == 2  # doc title + item
    assert "declares no properties" in html
    assert "<svg" in html and "<rect" in html


def test_a_failure_shows_its_steps_error_and_evidence(failing_run: TinyProject) -> None:
    html = failing_run.read("checklist.html")
    assert '<li class="step-failed">Then the widget is broken <em>(failed)</em></li>' in html
    assert '<li class="step-passed">When the sync runs</li>' in html
    assert "AssertionError: widget &lt;b&gt;broken&lt;/b&gt;" in html
    assert "POST https://beta.example/widgets &rarr; 500" in html
    assert "seed 4242" in html


def test_a_failed_scenario_is_open_and_its_exchange_shows_redacted_headers(
    failing_run: TinyProject,
) -> None:
    html = failing_run.read("checklist.html")
    assert html.count('<details class="scenario" data-outcome="failed" open>') == 1
    assert html.count('<details class="scenario" data-outcome="passed">') == 5
    assert "<p>Request headers</p><pre>Authorization: [REDACTED]</pre>" in html
    assert "&#34;authCode&#34;: &#34;[REDACTED]&#34;" in html
    assert "&#34;AccessToken&#34;: &#34;[REDACTED]&#34;" in html


def test_a_skipped_scenario_carries_its_reason_in_both_reports(project: TinyProject) -> None:
    others = [scenario(f"Covers {i}", [i]) for i in ITEMS[1:] + [PROPERTY_ITEM]]
    later = scenario("Later", [ITEMS[0]], then="the widget cannot be checked here")
    project.write_feature(feature(later, *others))
    project.run().assert_outcomes(passed=4, skipped=1)
    sync = project.report_json()["items"][0]
    assert sync["status"] == "skipped"
    assert sync["scenarios"] == [
        {
            "name": "Later",
            "nodeid": "test_things.py::test_later",
            "outcome": "skipped",
            "reason": "Skipped: needs <Beta's> control plane",
        }
    ]
    passed = project.report_json()["items"][1]["scenarios"]
    assert all(set(s) == {"name", "nodeid", "outcome"} for s in passed)
    html = project.read("checklist.html")
    assert 'Later <span class="reason">(Skipped: needs &lt;Beta&#39;s&gt; control plane)' in html


def test_reports_escape_entity_data_and_load_nothing_external(failing_run: TinyProject) -> None:
    html = failing_run.read("checklist.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>broken" not in html
    assert html.count("<script") == 1  # the page's own script only
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html


@pytest.mark.parametrize("name", ["checklist.html", "checklist.json", "cucumber.json", "junit.xml"])
def test_no_secret_appears_in_any_report(failing_run: TinyProject, name: str) -> None:
    text = failing_run.read(name)
    assert SECRET_KEY not in text
    assert SECRET_CODE not in text
    assert "eyJhbGciOi" not in text


def test_cucumber_json_lists_every_scenario_with_step_results(failing_run: TinyProject) -> None:
    features = json.loads(failing_run.read("cucumber.json"))
    assert [f["uri"] for f in features] == ["features/things.feature"]
    elements = features[0]["elements"]
    assert len(elements) == 6
    broken = next(e for e in elements if e["name"] == "Broken link")
    statuses = [s["result"]["status"] for s in broken["steps"]]
    assert statuses == ["passed", "passed", "failed"]
    assert broken["tags"] == [{"name": f"@checklist:{ITEMS[1]}", "line": broken["line"] - 1}]
    assert "widget <b>broken</b>" in broken["steps"][2]["result"]["error_message"]


def test_junit_xml_carries_the_checklist_ids_as_properties(failing_run: TinyProject) -> None:
    xml = failing_run.read("junit.xml")
    assert f'<property name="checklist" value="{ITEMS[1]}" />' in xml
    assert xml.count('<property name="checklist"') == 6


def test_the_html_report_lists_tags_that_name_no_item(project: TinyProject) -> None:
    stray = scenario("Stray <i>one</i>", ["alpha-beta/thing-widgets/teleport"])
    project.write_feature(all_items_feature() + stray)
    project.run("--checklist-gate=off").assert_outcomes(passed=6)
    html = project.read("checklist.html")
    assert "<code>@checklist:alpha-beta/thing-widgets/teleport</code> on " in html
    assert "test_things.py::test_stray_ione" in html


def test_the_report_names_the_hypothesis_profile_the_suite_declares(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    project.pytester.makeconftest(
        "from talkqa.report.metadata import HYPOTHESIS_PROFILE\n\n"
        "def pytest_configure(config):\n"
        "    config.stash[HYPOTHESIS_PROFILE] = 'suite-profile-x'\n"
    )
    project.run().assert_outcomes(passed=5)
    assert "<td>suite-profile-x</td>" in project.read("checklist.html")
