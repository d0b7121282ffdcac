"""``talkqa coverage``: which scenarios trace which checklist item, without running anything."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from checklist import Checklist
from talkqa.commands import UsageError, add_checklist_options
from talkqa.commands.checklist import load_documents
from talkqa.feature_index import FeatureFileError, FeatureScenario, index_features

DESCRIPTION = """\
Read the .feature files (with the official Gherkin parser) and print the item-by-scenario
matrix of the checklist in force: for every item, the scenarios whose tags (on the Feature,
Rule or Scenario) include @checklist:<item id>, then the checklist tags that name no item.

Exit status: 0 when every item has a scenario and every tag names an item; 1 when an item
is not covered or a tag is unknown; 2 on bad input (one line 'error: ...' on stderr)."""

EPILOG = """\
examples:
  talkqa coverage                          # checklist in force, features/
  talkqa coverage --json > coverage.json
  talkqa coverage --checklist checklists/customerp-webcrm.rst --features features/"""


def register(subparsers: Any) -> None:
    """Add the ``coverage`` subcommand."""
    parser = subparsers.add_parser(
        "coverage",
        help="print the item-by-scenario coverage matrix of the features",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_checklist_options(parser)
    parser.add_argument("--json", action="store_true", help="print the matrix as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checklist = load_documents(args.checklist)
    scenarios = feature_scenarios(Path(args.features))
    matrix = coverage_matrix(checklist, scenarios)
    if args.json:
        json.dump(matrix, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_matrix(matrix, sys.stdout)
    summary = matrix["summary"]
    return 1 if summary["uncovered"] or summary["unknown_tags"] else 0


def feature_scenarios(folder: Path) -> list[FeatureScenario]:
    """Every scenario below ``folder``; a missing folder or bad Gherkin is a UsageError."""
    try:
        if not folder.is_dir():
            raise FeatureFileError(str(folder), 0, "no such folder")
        return index_features(folder)
    except FeatureFileError as exc:
        raise UsageError(str(exc)) from None


def coverage_matrix(checklist: Checklist, scenarios: list[FeatureScenario]) -> dict[str, Any]:
    """``{"items": [{id, supplement, covered, scenarios}], "unknown_tags": [...], "summary"}``."""
    known = {item.id for item in checklist.items}
    items = []
    for item in checklist.items:
        tracing = [_scenario_json(s) for s in scenarios if item.id in s.checklist]
        items.append(
            {
                "id": item.id,
                "supplement": item.supplement,
                "covered": bool(tracing),
                "scenarios": tracing,
            }
        )
    unknown = [
        {"tag": f"@checklist:{item_id}", **_scenario_json(s)}
        for s in scenarios
        for item_id in s.checklist
        if item_id not in known
    ]
    covered = sum(1 for item in items if item["covered"])
    return {
        "items": items,
        "unknown_tags": unknown,
        "summary": {
            "items": len(items),
            "covered": covered,
            "uncovered": len(items) - covered,
            "scenarios": len(scenarios),
            "unknown_tags": len(unknown),
        },
    }


def print_matrix(matrix: dict[str, Any], out: TextIO) -> None:
    """Each item with its scenarios (``+`` marks supplement items), then unknown tags."""
    for item in matrix["items"]:
        mark = "+" if item["supplement"] else " "
        state = f"{len(item['scenarios'])} scenario(s)" if item["covered"] else "NOT COVERED"
        out.write(f"{mark} {item['id']}  {state}\n")
        for sc in item["scenarios"]:
            out.write(f"      {sc['path']}:{sc['line']}  {sc['name']}\n")
    for tag in matrix["unknown_tags"]:
        out.write(f"UNKNOWN TAG {tag['tag']}  {tag['path']}:{tag['line']}  {tag['name']}\n")
    s = matrix["summary"]
    out.write(
        f"{s['items']} items: {s['covered']} covered, {s['uncovered']} not covered; "
        f"{s['scenarios']} scenarios; {s['unknown_tags']} unknown tags\n"
    )


def _scenario_json(scenario: FeatureScenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "feature": scenario.feature,
        "path": scenario.path,
        "line": scenario.line,
    }
