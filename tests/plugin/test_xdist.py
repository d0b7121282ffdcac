"""Under pytest-xdist (-n 2) the reports hold the same results as a serial run."""

from __future__ import annotations

import json
import re
from typing import Any

from conftest import ITEMS, TinyProject, all_items_feature, scenario


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
        "--checklist-gate=warn", "--junitxml=reports/junit.xml", *args, subprocess=True
    )
    result.assert_outcomes(passed=5, failed=1)
    return {name: project.read(name) for name in ("checklist.json", "cucumber.json", "junit.xml")}


def test_reports_hold_the_same_results_serial_and_under_xdist(project: TinyProject) -> None:
    broken = scenario("Broken link", [ITEMS[1]], then="the widget is broken")
    project.write_feature(all_items_feature() + broken)
    serial, parallel = _run(project), _run(project, "-n", "2")

    assert json.loads(parallel["checklist.json"])["summary"]["failed"] == 1
    assert parallel["checklist.json"] == serial["checklist.json"]

    cucumber = _cucumber_results(parallel["cucumber.json"])
    assert len(cucumber[0]["elements"]) == 6  # pytest-bdd's own writer has [] here
    assert cucumber == _cucumber_results(serial["cucumber.json"])

    pattern = r'<property name="checklist" value="([^"]+)" />'
    found = re.findall(pattern, parallel["junit.xml"])
    assert len(found) == 6
    assert sorted(found) == sorted(re.findall(pattern, serial["junit.xml"]))
