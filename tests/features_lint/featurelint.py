"""Feature lint: reads .feature files with the Gherkin reference parser and lists problems.

Each check returns ``path:line: what is wrong`` strings, so a failing lint test names the
spot to fix. Scenario Outlines are checked once per Examples row, with the row filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from steps.vocabulary import VOCABULARY, StepPattern

TITLE = re.compile(r"\[(?P<number>\d+)\] \S.*")
FEATURE_TITLE = re.compile(r"(?P<id>[A-Z][A-Za-z]+(?P<number>\d+)) - \S.*")
PRIMARY = {"Context": "given", "Action": "when", "Outcome": "then"}


@dataclass
class Step:
    keyword: str  # given | when | then (And/But resolved to the keyword before them)
    text: str
    line: int


@dataclass
class Scenario:
    path: str
    feature: str
    name: str
    line: int
    tags: list[str]
    runs: list[list[Step]] = field(default_factory=list)  # one per Examples row (or one)

    def where(self, line: int | None = None) -> str:
        return f"{self.path}:{line or self.line}"


@dataclass
class FeatureFile:
    path: str
    name: str
    line: int
    tags: list[str]
    scenarios: list[Scenario]


def parse_feature(path: Path, text: str | None = None) -> FeatureFile:
    source = text if text is not None else path.read_text("utf-8")
    document = cast(dict[str, Any], Parser().parse(TokenScanner(source)))
    feature = document["feature"]
    tags = [t["name"].lstrip("@") for t in feature["tags"]]
    scenarios = []
    for child in feature["children"]:
        for node in _scenario_nodes(child):
            scenarios.append(_scenario(str(path), feature["name"], node, tags))
    return FeatureFile(str(path), feature["name"], feature["location"]["line"], tags, scenarios)


def _scenario_nodes(child: dict[str, Any]) -> Iterable[dict[str, Any]]:
    if "scenario" in child:
        yield child["scenario"]
    for grandchild in child.get("rule", {}).get("children", []):
        yield from _scenario_nodes(grandchild)


def _scenario(path: str, feature: str, node: dict[str, Any], feature_tags: list[str]) -> Scenario:
    tags = feature_tags + [t["name"].lstrip("@") for t in node["tags"]]
    scenario = Scenario(path, feature, node["name"], node["location"]["line"], tags)
    rows = (
        [{}]
        if not node["examples"]
        else [
            dict(
                zip(
                    [c["value"] for c in ex["tableHeader"]["cells"]],
                    [c["value"] for c in row["cells"]],
                    strict=True,
                )
            )
            for ex in node["examples"]
            for row in ex["tableBody"]
        ]
    )
    for row in rows:
        scenario.runs.append(_steps(node["steps"], row))
    return scenario


def _steps(nodes: list[dict[str, Any]], row: dict[str, str]) -> list[Step]:
    steps, current = [], "given"
    for node in nodes:
        current = PRIMARY.get(node["keywordType"], current)
        text = node["text"]
        for name, value in row.items():
            text = text.replace(f"<{name}>", value)
        steps.append(Step(current, text, node["location"]["line"]))
    return steps


def load_features(folder: Path) -> list[FeatureFile]:
    return [parse_feature(p) for p in sorted(folder.rglob("*.feature"))]


# --- checks ---------------------------------------------------------------------------------
def when_problems(scenario: Scenario) -> list[str]:
    problems = []
    for run in scenario.runs[:1]:
        whens = [s for s in run if s.keyword == "when"]
        if len(whens) != 1:
            problems.append(f"{scenario.where()}: {len(whens)} When steps, expected exactly 1")
    return problems


def unknown_step_problems(
    scenario: Scenario, vocabulary: list[StepPattern] = VOCABULARY
) -> list[str]:
    problems = []
    for run in scenario.runs:
        for step in run:
            matches = [p for p in vocabulary if p.keyword == step.keyword and p.matches(step.text)]
            if len(matches) != 1:
                what = "matches no known step" if not matches else "matches several steps"
                problems.append(f"{scenario.where(step.line)}: {step.keyword} {step.text!r} {what}")
    return sorted(set(problems))


def tag_problems(scenario: Scenario, item_ids: set[str]) -> list[str]:
    problems = []
    for tag in scenario.tags:
        name, _, value = tag.partition(":")
        if name != "checklist":
            problems.append(f"{scenario.where()}: tag @{tag} is not a @checklist:<item id> tag")
        elif value not in item_ids:
            problems.append(f"{scenario.where()}: @{tag} names no item of the checklist in force")
    if not any(t.startswith("checklist:") for t in scenario.tags):
        problems.append(f"{scenario.where()}: no @checklist tag: which item does it protect?")
    return problems


def numbering_problems(feature: FeatureFile) -> list[str]:
    problems = []
    title = FEATURE_TITLE.fullmatch(feature.name)
    if title is None:
        problems.append(f"{feature.path}:{feature.line}: feature title is not '<Name><n> - ...'")
    elif Path(feature.path).stem != title["id"]:
        problems.append(
            f"{feature.path}:{feature.line}: feature {title['id']} lives in a file "
            f"named {Path(feature.path).name}, expected {title['id']}.feature"
        )
    numbers = []
    for scenario in feature.scenarios:
        match = TITLE.fullmatch(scenario.name)
        if match is None:
            problems.append(f"{scenario.where()}: scenario title is not '[<n>] ...'")
        else:
            numbers.append(int(match["number"]))
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(
            f"{feature.path}:{feature.line}: scenarios numbered {numbers}, "
            f"expected 1..{len(numbers)} in order"
        )
    return problems


def duplicate_problems(features: list[FeatureFile]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for feature in features:
        title = FEATURE_TITLE.fullmatch(feature.name)
        key = title["id"] if title else feature.name
        if key in seen:
            problems.append(f"{feature.path}:{feature.line}: feature id {key} also in {seen[key]}")
        seen[key] = feature.path
        names: dict[str, int] = {}
        for scenario in feature.scenarios:
            if scenario.name in names:
                problems.append(
                    f"{scenario.where()}: scenario {scenario.name!r} repeats line "
                    f"{names[scenario.name]}"
                )
            names[scenario.name] = scenario.line
    return problems
