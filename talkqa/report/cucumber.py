"""Cucumber JSON built from the controller's results, so it is complete under xdist.

pytest-bdd 9.0.1's own ``--cucumberjson`` keeps its data in a per-process registry and writes
an empty list under xdist; this writer uses the scenario data that travels on test reports.
"""

from __future__ import annotations

import json
from typing import Any

from talkqa.redaction import redact
from talkqa.report.results import ScenarioResult, scenario_order


def _tags(tags: list[str], line: int) -> list[dict[str, Any]]:
    return [{"name": f"@{tag}", "line": max(line - 1, 1)} for tag in tags]


def _element(result: ScenarioResult) -> dict[str, Any]:
    gherkin = result.gherkin or {}
    scenario = gherkin["scenario"]
    steps = []
    for step in gherkin["steps"]:
        outcome: dict[str, Any] = {"status": step["status"], "duration": step["duration_ns"]}
        if step["status"] in ("failed", "undefined"):
            outcome["error_message"] = result.error or step["error"] or ""
        steps.append(
            {
                "keyword": step["keyword"] + " ",
                "name": step["name"],
                "line": step["line"],
                "match": {"location": ""},
                "result": outcome,
            }
        )
    return {
        "keyword": scenario["keyword"],
        "id": result.name,
        "name": result.title,
        "line": scenario["line"],
        "description": scenario["description"],
        "tags": _tags(scenario["tags"], scenario["line"]),
        "type": "scenario",
        "steps": steps,
    }


def cucumber_data(results: list[ScenarioResult]) -> list[dict[str, Any]]:
    """One Cucumber feature per feature file, scenarios in file order."""
    features: dict[str, dict[str, Any]] = {}
    for result in sorted(results, key=scenario_order):
        if result.gherkin is None:
            continue
        feature = result.gherkin["feature"]
        uri = str(feature["uri"])
        if uri not in features:
            features[uri] = {
                "keyword": feature["keyword"],
                "uri": uri,
                "name": feature["name"] or uri,
                "id": uri.lower().replace(" ", "-"),
                "line": feature["line"],
                "description": feature["description"],
                "language": feature["language"],
                "tags": _tags(feature["tags"], feature["line"]),
                "elements": [],
            }
        features[uri]["elements"].append(_element(result))
    return list(features.values())


def cucumber_features(results: list[ScenarioResult]) -> str:
    return json.dumps(redact(cucumber_data(results)), indent=1, ensure_ascii=False) + "\n"
