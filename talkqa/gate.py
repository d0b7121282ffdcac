"""The checklist coverage gate: strict fails the run on a gap, warn lists it, off stays quiet.

It applies to a run that collected at least one test marked ``checklist`` (a scenario tagged
``@checklist:<id>``), or when ``--checklist``, ``--checklist-gate`` or ``--checklist-report`` is
given on the command line; plain unit-test runs are never failed by it. It lives on the
controller only (``not hasattr(config, "workerinput")``), so it is right under xdist.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checklist.model import Checklist
from talkqa import report
from talkqa.report.capture import DESELECTED_OUTPUT
from talkqa.report.changes import RunHistory
from talkqa.report.results import RunResults
from talkqa.report.verdict import STATUS_LABELS, Verdict, decide

GATE_MODES = ("strict", "warn", "off")
_PLUGIN_NAME = "talkqa-gate"


def add_options(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--checklist",
        action="append",
        dest="checklist_paths",
        metavar="PATH",
        default=None,
        help="dataflow document in force (repeatable; default: [tool.talkqa] checklists "
        "in pyproject.toml)",
    )
    group.addoption(
        "--checklist-gate",
        dest="checklist_gate",
        choices=GATE_MODES,
        default=None,
        help="strict (default): uncovered or failed items and unknown @checklist tags fail "
        "the run; warn: list them only; off: neither",
    )


def configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    gate = ChecklistGate(config)
    gate.history = RunHistory(config, report.report_paths(config)[0])  # bad options: usage error
    if gate.explicit:
        gate.checklist()  # fail early (usage error) on a bad document asked for by name
    config.pluginmanager.register(gate, _PLUGIN_NAME)


def unconfigure(config: pytest.Config) -> None:
    gate = config.pluginmanager.get_plugin(_PLUGIN_NAME)
    if gate is not None:
        config.pluginmanager.unregister(gate)


class ChecklistGate:
    """Collects results on the controller, decides every item once, reports and gates."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.mode: str = config.getoption("checklist_gate") or "strict"
        self.explicit = bool(
            config.getoption("checklist_gate")
            or config.getoption("checklist_paths")
            or config.getoption("checklist_report")
        )
        self.results = RunResults()
        self.verdict: Verdict | None = None
        self.error: str | None = None
        self.written: list[Path] = []
        self._checklist: Checklist | None = None
        self.history: RunHistory | None = None

    def checklist(self) -> Checklist:
        """The checklist in force for this run (loaded once; bad input is a usage error)."""
        from checklist import ChecklistError, checklists_in_force, load_checklist

        if self._checklist is None:
            given = self.config.getoption("checklist_paths")  # relative to the cwd
            try:
                paths = [Path(p) for p in given] if given else checklists_in_force()
                self._checklist = load_checklist(_below_cwd(p) for p in paths)
            except ChecklistError as exc:
                raise pytest.UsageError(str(exc)) from None
        return self._checklist

    def pytest_sessionstart(self) -> None:
        self.results.started = time.time()
        report.prepare_bdd_cucumber(self.config)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.results.add_report(report)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any) -> None:
        """xdist: take the traced tests a worker deselected."""
        for nodeid, ids in getattr(node, "workeroutput", {}).get(DESELECTED_OUTPUT, {}).items():
            self.results.add_deselected(nodeid, ids)

    @pytest.hookimpl(trylast=True)  # after pytest-bdd's own --cucumberjson writer
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.results.finished = time.time()
        capture = self.config.pluginmanager.get_plugin("talkqa-capture")
        for nodeid, ids in getattr(capture, "deselected", {}).items():
            self.results.add_deselected(nodeid, ids)
        self._write(session, lambda: report.write_cucumber(self.config, self.results))
        if not (self.explicit or self.results.traced):
            return
        try:
            checklist = self.checklist()
        except pytest.UsageError as exc:
            self.error = f"error: {exc}"
            if self.mode == "strict":
                session.exitstatus = pytest.ExitCode.USAGE_ERROR
            return
        verdict = self.verdict = decide(checklist, list(self.results.scenarios.values()))
        history = self.history or RunHistory(self.config, report.report_paths(self.config)[0])
        self._write(
            session, lambda: report.write_reports(self.config, verdict, self.results, history)
        )
        if history.error:  # the reports are written; the unreadable history is left alone
            self.error = history.error
            session.exitstatus = pytest.ExitCode.USAGE_ERROR
        if self.mode == "strict" and verdict.violations and session.exitstatus in (0, 5):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _write(self, session: pytest.Session, write: Callable[[], list[Path]]) -> None:
        """Run one report writer; a file that cannot be written is an internal error."""
        try:
            self.written += [p for p in write() if p not in self.written]
        except OSError as exc:
            self.error = f"error: cannot write the checklist report: {exc}"
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.error:
            terminalreporter.write_line(self.error, red=True)
        for path in self.written:
            terminalreporter.write_line(f"talkqa wrote {path}")
        if self.verdict is None or self.mode == "off":
            return
        summary_lines(terminalreporter, self.verdict, self.mode)
        changes = self.history.changes if self.history else None
        if changes and changes["baseline"] and changes["newly_failing"]:
            since = changes["baseline"].get("label") or "the previous run"
            for item_id in changes["newly_failing"]:
                terminalreporter.write_line(f"NEWLY FAILING since {since}: {item_id}")


def _below_cwd(path: Path) -> Path:
    """``path`` relative to the current directory when it lies below it (for reports)."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def summary_lines(terminal: pytest.TerminalReporter, verdict: Verdict, mode: str) -> None:
    """The terminal section: counts, then every uncovered/failed item and unknown tag."""
    counts = ", ".join(f"{n} {STATUS_LABELS[s]}" for s, n in verdict.summary.items())
    failing = verdict.violations and mode == "strict"
    terminal.write_sep("=", f"checklist gate ({mode})", red=failing, green=not verdict.violations)
    terminal.write_line(f"{len(verdict.items)} items: {counts}")
    for status in ("uncovered", "failed"):
        for v in verdict.with_status(status):  # type: ignore[arg-type]
            terminal.write_line(f"{STATUS_LABELS[status].upper()}: {v.item.id}")
    for item_id, nodeids in sorted(verdict.unknown_tags.items()):
        terminal.write_line(f"UNKNOWN TAG: @checklist:{item_id} on {', '.join(nodeids)}")
    if failing:
        terminal.write_line(
            "the checklist gate fails this run (--checklist-gate=warn to list only)"
        )
