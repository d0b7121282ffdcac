"""Worker side: record each scenario's steps and evidence and ship them on its test reports.

Runs in every process (the only process, or each xdist worker). Checklist ids travel as
``("checklist", id)`` user properties (so JUnit XML shows them too); the rest travels as the
JSON-able report attribute ``talkqa`` that xdist serializes with the report.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

import pytest

from talkqa.evidence import recorded_evidence
from talkqa.redaction import redact_text

CHECKLIST_PROPERTY = "checklist"
REPORT_ATTRIBUTE = "talkqa"
DESELECTED_OUTPUT = "talkqa_deselected"  # xdist workeroutput key: {nodeid: [item ids]}
MAX_ERROR = 6000

_SCENARIO_KEY = pytest.StashKey["ScenarioCapture"]()


class ScenarioCapture:
    """The Gherkin side of one running scenario: feature, scenario and step statuses."""

    def __init__(self, feature: Any, scenario: Any) -> None:
        self.feature = {
            "name": feature.name,
            "keyword": feature.keyword,
            "uri": feature.rel_filename,
            "line": feature.line_number,
            "description": feature.description or "",
            "language": feature.language,
            "tags": sorted(feature.tags),
        }
        self.scenario = {
            "name": scenario.name,
            "keyword": scenario.keyword,
            "line": scenario.line_number,
            "description": scenario.description or "",
            "tags": sorted(scenario.tags),
        }
        self._step_objects = list(scenario.steps)
        self.steps: list[dict[str, Any]] = [
            {
                "keyword": step.keyword.strip(),
                "name": step.name,
                "line": step.line_number,
                "status": "skipped",
                "duration_ns": 0,
                "error": None,
            }
            for step in self._step_objects
        ]
        self._started = 0.0

    def step(self, step: Any) -> dict[str, Any] | None:
        for obj, record in zip(self._step_objects, self.steps, strict=True):
            if obj is step:
                return record
        return None

    def start(self, step: Any) -> None:
        self._started = time.perf_counter()

    def finish(self, step: Any, status: str, error: BaseException | None = None) -> None:
        record = self.step(step)
        if record is None:
            return
        record["status"] = status
        record["duration_ns"] = int((time.perf_counter() - self._started) * 1e9)
        if error is not None:
            record["error"] = _limit(redact_text(f"{type(error).__name__}: {error}"))

    def to_json(self) -> dict[str, Any]:
        return {"feature": self.feature, "scenario": self.scenario, "steps": self.steps}


def checklist_ids(item: pytest.Item) -> list[str]:
    """The checklist item ids a test item is marked with, in marker order, without repeats."""
    ids: list[str] = []
    for mark in item.iter_markers(CHECKLIST_PROPERTY):
        for arg in mark.args:
            if str(arg) not in ids:
                ids.append(str(arg))
    return ids


class CapturePlugin:
    """Hooks that fill the ``talkqa`` report attribute; registered in every process."""

    def __init__(self) -> None:
        self.deselected: dict[str, list[str]] = {}  # traced tests that -k/-m left out

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        for item in items:
            ids = checklist_ids(item)
            if ids:
                self.deselected[item.nodeid] = ids

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(session.config, "workeroutput", None)
        if workeroutput is not None:  # an xdist worker: ship them to the controller
            workeroutput[DESELECTED_OUTPUT] = self.deselected

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            for item_id in checklist_ids(item):
                entry = (CHECKLIST_PROPERTY, item_id)
                if entry not in item.user_properties:
                    item.user_properties.append(entry)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_scenario(self, request: Any, feature: Any, scenario: Any) -> None:
        request.node.stash[_SCENARIO_KEY] = ScenarioCapture(feature, scenario)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_step(self, request: Any, step: Any) -> None:
        capture = request.node.stash.get(_SCENARIO_KEY, None)
        if capture is not None:
            capture.start(step)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_after_step(self, request: Any, step: Any) -> None:
        capture = request.node.stash.get(_SCENARIO_KEY, None)
        if capture is not None:
            capture.finish(step, "passed")

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_error(self, request: Any, step: Any, exception: Exception) -> None:
        capture = request.node.stash.get(_SCENARIO_KEY, None)
        if capture is not None:
            capture.finish(step, "failed", exception)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_func_lookup_error(
        self, request: Any, step: Any, exception: Exception
    ) -> None:
        capture = request.node.stash.get(_SCENARIO_KEY, None)
        if capture is not None:
            capture.finish(step, "undefined", exception)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        _redact_report(report)
        if call.when == "call" or not report.passed:
            setattr(report, REPORT_ATTRIBUTE, _payload(item, report))
        return report


def _redact_report(report: pytest.TestReport) -> None:
    """Mask secrets in the failure text and captured output that every reporter prints.

    Only a text that contains a secret is replaced (by its redacted plain-text form), so
    ordinary failures keep pytest's own formatting.
    """
    if report.longrepr is not None:
        text = str(report.longrepr)
        cleaned = redact_text(text)
        if cleaned != text:
            report.longrepr = cleaned
    report.sections = [(title, redact_text(content)) for title, content in report.sections]


def _payload(item: pytest.Item, report: pytest.TestReport) -> dict[str, Any]:
    capture = item.stash.get(_SCENARIO_KEY, None)
    evidence = recorded_evidence(item)
    payload: dict[str, Any] = {
        "name": item.name,
        "gherkin": capture.to_json() if capture is not None else None,
        "evidence": evidence.to_json() if evidence is not None else None,
        "error": None,
        "message": None,
    }
    if report.failed:
        payload["error"] = _limit(redact_text(str(report.longrepr)))
        crash = getattr(report.longrepr, "reprcrash", None)
        message = getattr(crash, "message", None) or str(report.longrepr).splitlines()[-1:]
        payload["message"] = _limit(redact_text(str(message)))
    elif report.skipped:
        payload["error"] = _skip_reason(report)
    return payload


def _skip_reason(report: pytest.TestReport) -> str:
    reason = getattr(report, "wasxfail", None)
    if reason is not None:
        return redact_text(f"xfail: {reason}" if reason else "xfail")
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return redact_text(str(longrepr[2]))
    return redact_text(str(longrepr))


def _limit(text: str) -> str:
    return text if len(text) <= MAX_ERROR else "..." + text[-MAX_ERROR:]


def configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CapturePlugin(), "talkqa-capture")


def unconfigure(config: pytest.Config) -> None:
    plugin = config.pluginmanager.get_plugin("talkqa-capture")
    if plugin is not None:
        config.pluginmanager.unregister(plugin)
