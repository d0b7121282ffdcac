"""The engine of one scene, through its driver: the last cycle, and cycles until it is quiet.

Correct engines differ in how many cycles they need (one settles a new Contact a cycle after
its Customer, another retries a failed write on the next cycle), so no check assumes that one
cycle settles everything: before a check, cycles run until one completes and writes nothing,
at most ``SETTLE_CYCLES`` (features/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from steps.drivers import EngineDriver
from talkqa.engine_api import CycleReport

SETTLE_CYCLES = 5


@dataclass
class EngineCycles:
    """Runs the driver's cycles; ``count_writes`` reads both journals (None: no journal)."""

    driver: EngineDriver
    count_writes: Callable[[], int | None]
    summary: CycleReport | None = None  # the last cycle's
    quiet: bool = True  # the last cycle completed and wrote nothing (or none ran)

    def run(self) -> CycleReport:
        before = self.count_writes()
        report = self.driver.run_cycle()
        self.summary = report
        self.quiet = report.completed and self._wrote_nothing(report, before)
        return report

    def settle(self, run: Callable[[], object]) -> str | None:
        """Cycles (through ``run``) until quiet: None, or why it is not after SETTLE_CYCLES."""
        for _ in range(SETTLE_CYCLES):
            if self.quiet:
                return None
            run()
        if self.quiet:
            return None
        last = self.summary
        if last is not None and not last.completed:
            return f"its last cycle failed: {last.error}"
        return "it still writes"

    def forget(self) -> None:
        """A new world: no cycle ran in it yet."""
        self.summary, self.quiet = None, True

    def _wrote_nothing(self, report: CycleReport, before: int | None) -> bool:
        if before is not None:
            return self.count_writes() == before
        if report.flows is not None:
            return not any(c.created or c.updated for c in report.flows.values())
        return True  # nothing shows writes: a completed cycle counts as quiet
