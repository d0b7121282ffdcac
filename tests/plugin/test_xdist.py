"""Under pytest-xdist (-n 2) the reports hold the same results as a serial run."""

from __future__ import annotations

import json
import re
from typing import Any

from plugin_project import ITEMS, TinyProject, all_items_feature, scenario

REPORTS = ("checklist.json", "checklist.html", "cucumber.json", "bdd.json", "junit.xml")


def _cucumber_results(text: str) -> list[Any]:
    """Cucumber JSON without what legitimately differs between runs (durations)."""
    features = json.loads(text)
    for feature in features:
        for element in feature["elements"]:
            for step in element["steps"]:
                step["result"].pop("duration")
                if "error_message" in step["result"]:
                    message = step["result"]["error_message"]
                    step["result"]["error_message"] = re.sub(r"0x[0-9a-f]+", "0x?", message)
    return list(features)


def _run(project: TinyProject, *args: str) -> dict[str, str]:
    result = project.run(
        "--checklist-gate=warn",
        "--junitxml=reports/junit.xml",
        "--cucumberjson=reports/bdd.json",  # pytest-bdd's own option
        *args,
        subprocess=True,
    )
    result.assert_outcomes(passed=5, failed=3)
    return {name: project.read(name) for name in REPORTS}


def _scenario_block(html: str, nodeid: str) -> str:
    """The HTML of the one scenario with this node id (up to the next scenario)."""
    blocks = [b for b in html.split('<details class="scenario"') if f"<code>{nodeid}</code>" in b]
    assert len(blocks) == 1
    return blocks[0]


def test_reports_hold_the_same_results_serial_and_under_xdist(project: TinyProject) -> None:
    broken = scenario("Broken link", [ITEMS[1]], then="the widget is broken")
    alpha = scenario("Broken alpha", [ITEMS[2]], then="the widget alpha breaks")
    omega = scenario("Broken omega", [ITEMS[3]], then="the widget omega breaks")
    project.write_feature(all_items_feature() + broken + alpha + omega)
    serial, parallel = _run(project), _run(project, "-n", "2")

    serial_data, parallel_data = (json.loads(r["checklist.json"]) for r in (serial, parallel))
    assert parallel_data["summary"]["failed"] == 3
    per_run = ("run", "changes", "trend")  # facts of each run and its place in the history
    assert {k: v for k, v in parallel_data.items() if k not in per_run} == {
        k: v for k, v in serial_data.items() if k not in per_run
    }
    # the controller alone keeps the history: one record per run, the second compared with it
    assert [t["summary"]["failed"] for t in parallel_data["trend"]] == [3, 3]
    assert parallel_data["changes"]["baseline"]["started"] == serial_data["run"]["started"]
    assert parallel_data["changes"]["newly_failing"] == []

    cucumber = _cucumber_results(parallel["cucumber.json"])
    assert len(cucumber[0]["elements"]) == 8
    assert cucumber == _cucumber_results(serial["cucumber.json"])
    # pytest-bdd's own --cucumberjson writes [] under xdist; the plugin completes it
    assert _cucumber_results(parallel["bdd.json"]) == cucumber

    pattern = r'<property name="checklist" value="([^"]+)" />'
    found = re.findall(pattern, parallel["junit.xml"])
    assert len(found) == 8
    assert sorted(found) == sorted(re.findall(pattern, serial["junit.xml"]))


def test_each_failure_shows_only_its_own_exchanges_under_xdist(project: TinyProject) -> None:
    alpha = scenario("Broken alpha", [ITEMS[2]], then="the widget alpha breaks")
    omega = scenario("Broken omega", [ITEMS[3]], then="the widget omega breaks")
    project.write_feature(all_items_feature() + alpha + omega)
    result = project.run("--checklist-gate=warn", "-n", "2", subprocess=True)
    result.assert_outcomes(passed=5, failed=2)
    html = project.read("checklist.html")
    for own, other in (("alpha", "omega"), ("omega", "alpha")):
        block = _scenario_block(html, f"test_things.py::test_broken_{own}")
        assert f"GET https://beta.example/widgets/{own} &rarr; 404" in block
        assert f"widgets/{other}" not in block
        assert f"widget {own} missing" in block
