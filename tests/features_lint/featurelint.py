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

from checklist import Checklist, ChecklistItem
from checklist.systems import KINDS
from steps.systems import field_type, max_length
from steps.vocabulary import VOCABULARY, StepPattern

TITLE = re.compile(r"\[(?P<number>\d+)\] \S.*")
FEATURE_TITLE = re.compile(r"(?P<id>[A-Z][A-Za-z]+(?P<number>\d+)) - \S.*")
PRIMARY = {"Context": "given", "Action": "when", "Outcome": "then"}
PROPERTIES_SENTENCE = "The following properties are synchronized between a {source} and a {target}"
STATED_MAX_LENGTH = re.compile(r"(?P<property>\w+)'s maxLength of (?P<length>\d+)")
OUTLINE_COLUMNS = ("edited in", "property", "arrives in", "as", "type")
UNSERVED = "unserved:"  # @unserved:<flow or item id>: scaffolded, collected and skipped


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
    examples: list[dict[str, str]] = field(default_factory=list)  # Scenario Outline rows

    def items(self, checklist: Checklist) -> list[ChecklistItem]:
        """The checklist items its tags name (unknown ones left out)."""
        ids = {t.partition(":")[2] for t in self.tags if t.startswith("checklist:")}
        return [item for item in checklist.items if item.id in ids]

    def where(self, line: int | None = None) -> str:
        return f"{self.path}:{line or self.line}"

    @property
    def unserved(self) -> list[str]:
        """The flow or item ids of its ``@unserved:<id>`` tags (scaffolded, skipped)."""
        return [t.partition(":")[2] for t in self.tags if t.startswith(UNSERVED)]

    @property
    def of_unserved_flow(self) -> bool:
        """A scenario of a flow the fakes do not serve: written in that document's words."""
        return any(i.count("/") == 1 for i in self.unserved)


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
    scenario.examples = [row for row in rows if row]
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
    problems: list[str] = []
    if scenario.of_unserved_flow:
        return problems  # another system's words: the vocabulary cannot speak them
    for run in scenario.runs:
        for step in run:
            matches = [p for p in vocabulary if p.keyword == step.keyword and p.matches(step.text)]
            if len(matches) != 1:
                what = "matches no known step" if not matches else "matches several steps"
                problems.append(f"{scenario.where(step.line)}: {step.keyword} {step.text!r} {what}")
    return sorted(set(problems))


EXTRA_TAGS = frozenset({"volume"})  # @volume: large-volume scenarios, run with --volume


def tag_problems(scenario: Scenario, item_ids: set[str]) -> list[str]:
    problems = []
    flows = {"/".join(i.split("/")[:2]) for i in item_ids}
    for tag in scenario.tags:
        name, _, value = tag.partition(":")
        if tag in EXTRA_TAGS:
            continue
        if name == "unserved":
            if value not in item_ids and value not in flows:
                problems.append(f"{scenario.where()}: @{tag} names no item or flow in force")
        elif name != "checklist":
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


# --- the document's words and numbers --------------------------------------------------------
def wording_problems(feature: FeatureFile, checklist: Checklist) -> list[str]:
    """A flow feature's title is its item's text, or the document's properties sentence."""
    title = FEATURE_TITLE.fullmatch(feature.name)
    if title is None:
        return []
    said = feature.name.split(" - ", 1)[1]
    own = [i for i in checklist.items if f"checklist:{i.id}" in feature.tags]
    if len(own) == 1:
        wanted = own[0].text.rstrip(".")
    else:
        kinds = {i.kind for s in feature.scenarios for i in s.items(checklist)}
        flows = {i.flow for s in feature.scenarios for i in s.items(checklist)}
        outlines = all(s.examples for s in feature.scenarios)
        if own or not outlines or kinds != {"property"} or len(flows) != 1:
            return []  # cross-cutting behaviour: its own words
        flow = checklist.flow(flows.pop())
        wanted = PROPERTIES_SENTENCE.format(source=flow.source, target=flow.target)
    if said != wanted:
        return [f"{feature.path}:{feature.line}: title says {said!r}, the document {wanted!r}"]
    return []


def property_outline_problems(scenario: Scenario, checklist: Checklist) -> list[str]:
    """A property Outline names its row, and its Examples carry the row in both directions."""
    rows = [i for i in scenario.items(checklist) if i.kind == "property"]
    if not scenario.examples or len(rows) != 1:
        return []
    row = rows[0].property
    assert row is not None
    article = "an" if row.type[:1] in "aeiou" else "a"
    title = f'{row.source} is synchronized with {row.target} as {article} "{row.type}"'
    problems = []
    if not scenario.name.endswith("] " + title):
        problems.append(f"{scenario.where()}: an Outline of the row is titled '[n] {title}'")
    seen = set()
    for example in scenario.examples:
        missing = [c for c in OUTLINE_COLUMNS if c not in example]
        if missing:
            return problems + [f"{scenario.where()}: Examples lack the columns {missing}"]
        pair = {example["property"], example["as"]}
        if pair != {row.source, row.target} or example["type"] != row.type:
            problems.append(
                f"{scenario.where()}: Examples row {example['property']} -> {example['as']} "
                f"({example['type']}) is not the checklist's {row.source} -> {row.target} "
                f"({row.type})"
            )
        seen.add((example["edited in"], example["arrives in"]))
    if seen != {("Customerp", "Webcrm"), ("Webcrm", "Customerp")} and not scenario.of_unserved_flow:
        problems.append(f"{scenario.where()}: Examples go {sorted(seen)}, not both ways")
    return problems


def stated_number_problems(scenario: Scenario) -> list[str]:
    """ "OrganisationCity's maxLength of 50" in a title must be what the schema says."""
    problems = []
    for match in STATED_MAX_LENGTH.finditer(scenario.name):
        name, stated = match["property"], int(match["length"])
        limits = {max_length(k.system, k.collection, name) for k in KINDS if _has(k, name)}
        if limits != {stated}:
            problems.append(
                f"{scenario.where()}: says {name}'s maxLength is {stated}, the schema "
                f"{sorted(limits, key=str) or 'has no such property'}"
            )
    return problems


def _has(k: Any, name: str) -> bool:
    try:
        field_type(k.system, k.collection, name)
    except ValueError:
        return False
    return True
