"""Controller side: the results of a run, one ScenarioResult per test, from its reports."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from talkqa.report.capture import CHECKLIST_PROPERTY, REPORT_ATTRIBUTE

# Order of precedence when phases disagree: a failure anywhere fails the scenario.
_RANK = {"passed": 0, "skipped": 1, "failed": 2}


@dataclass
class ScenarioResult:
    """One test (usually a Gherkin scenario) as the controller saw it."""

    nodeid: str
    name: str
    checklist: list[str] = field(default_factory=list)
    outcome: str = "passed"  # passed | failed | skipped
    gherkin: dict[str, Any] | None = None
    evidence: dict[str, Any] | None = None
    error: str | None = None  # the full failure text (or the skip reason)
    message: str | None = None  # the failure in one line or a few
    duration: float = 0.0
    ran: bool = True  # False for a test that -k/-m deselected

    @property
    def title(self) -> str:
        """The scenario's name from the feature file (with its example id), else the test name."""
        if self.gherkin is None:
            return self.name
        scenario_name = str(self.gherkin["scenario"]["name"])
        _, bracket, params = self.name.partition("[")
        return f"{scenario_name} [{params}" if bracket else scenario_name

    @property
    def failing_step(self) -> dict[str, Any] | None:
        for step in (self.gherkin or {}).get("steps", []):
            if step["status"] in ("failed", "undefined"):
                return dict(step)
        return None


@dataclass
class RunResults:
    """Everything the report and the gate need from a run: results and timing."""

    started: float = field(default_factory=time.time)
    finished: float | None = None
    scenarios: dict[str, ScenarioResult] = field(default_factory=dict)

    def add_report(self, report: pytest.TestReport) -> None:
        """Fold one phase report (setup, call, teardown) into its scenario's result."""
        result = self.scenarios.get(report.nodeid)
        if result is None:
            result = self.scenarios[report.nodeid] = ScenarioResult(
                nodeid=report.nodeid, name=report.nodeid.rpartition("::")[2]
            )
        for key, value in report.user_properties:
            if key == CHECKLIST_PROPERTY and str(value) not in result.checklist:
                result.checklist.append(str(value))
        result.duration += float(getattr(report, "duration", 0.0) or 0.0)
        outcome = report.outcome if report.outcome in _RANK else "failed"
        if report.when == "teardown" and outcome == "skipped":
            outcome = "passed"
        payload = getattr(report, REPORT_ATTRIBUTE, None)
        if _RANK[outcome] >= _RANK[result.outcome] and payload is not None:
            _apply_payload(result, payload)
        if _RANK[outcome] > _RANK[result.outcome]:
            result.outcome = outcome

    def add_deselected(self, nodeid: str, item_ids: list[str]) -> None:
        """A traced test that -k/-m deselected: its items count as skipped, not uncovered."""
        if nodeid not in self.scenarios:
            self.scenarios[nodeid] = ScenarioResult(
                nodeid=nodeid,
                name=nodeid.rpartition("::")[2],
                checklist=list(item_ids),
                outcome="skipped",
                error="deselected",
                ran=False,
            )

    @property
    def traced(self) -> list[ScenarioResult]:
        """Results of tests that carry at least one checklist marker."""
        return [r for r in self.scenarios.values() if r.checklist]

    @property
    def duration(self) -> float:
        return (self.finished or time.time()) - self.started


def _apply_payload(result: ScenarioResult, payload: dict[str, Any]) -> None:
    result.name = str(payload.get("name") or result.name)
    if payload.get("gherkin") is not None:
        result.gherkin = payload["gherkin"]
    if payload.get("evidence") is not None:
        result.evidence = payload["evidence"]
    if payload.get("error"):
        result.error = str(payload["error"])
    if payload.get("message"):
        result.message = str(payload["message"])


def scenario_order(result: ScenarioResult) -> tuple[str, int, str]:
    """Feature file, then line, then node id: the same order serial and under xdist."""
    if result.gherkin is None:
        return (result.nodeid, 0, result.nodeid)
    return (
        str(result.gherkin["feature"]["uri"]),
        int(result.gherkin["scenario"]["line"]),
        result.nodeid,
    )
