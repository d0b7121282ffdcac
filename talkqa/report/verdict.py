"""Each checklist item's fate, decided in one place from the scenarios that trace it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from checklist.model import Checklist, ChecklistItem
from talkqa.report.results import ScenarioResult, scenario_order

ItemStatus = Literal["passed", "failed", "uncovered", "skipped"]
STATUSES: tuple[ItemStatus, ...] = ("passed", "failed", "uncovered", "skipped")
STATUS_LABELS = {
    "passed": "passed",
    "failed": "failed",
    "uncovered": "not covered",
    "skipped": "skipped",
}


def item_status(scenarios: list[ScenarioResult]) -> ItemStatus:
    """The one rule: no scenario -> uncovered; any failed -> failed; all skipped -> skipped."""
    if not scenarios:
        return "uncovered"
    outcomes = {s.outcome for s in scenarios}
    if "failed" in outcomes:
        return "failed"
    if outcomes == {"skipped"}:
        return "skipped"
    return "passed"


@dataclass(frozen=True)
class ItemVerdict:
    """A checklist item, its status and the scenarios behind it."""

    item: ChecklistItem
    status: ItemStatus
    scenarios: list[ScenarioResult]


@dataclass
class Verdict:
    """The whole checklist's verdict, plus the checklist tags that name no item."""

    checklist: Checklist
    items: list[ItemVerdict]
    unknown_tags: dict[str, list[str]] = field(default_factory=dict)  # item id -> node ids

    def with_status(self, status: ItemStatus) -> list[ItemVerdict]:
        return [v for v in self.items if v.status == status]

    @property
    def summary(self) -> dict[str, int]:
        return {status: len(self.with_status(status)) for status in STATUSES}

    @property
    def violations(self) -> bool:
        """What the strict gate fails on: uncovered or failed items, unknown tags."""
        return bool(
            self.unknown_tags or self.with_status("uncovered") or self.with_status("failed")
        )


def decide(checklist: Checklist, scenarios: list[ScenarioResult]) -> Verdict:
    """Match scenarios to items by their checklist ids and decide every item's status."""
    by_item: dict[str, list[ScenarioResult]] = {item.id: [] for item in checklist.items}
    unknown: dict[str, list[str]] = {}
    for scenario in sorted(scenarios, key=scenario_order):
        for item_id in scenario.checklist:
            if item_id in by_item:
                by_item[item_id].append(scenario)
            else:
                unknown.setdefault(item_id, []).append(scenario.nodeid)
    items = [
        ItemVerdict(item, item_status(by_item[item.id]), by_item[item.id])
        for item in checklist.items
    ]
    return Verdict(checklist, items, unknown)
