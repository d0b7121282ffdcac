"""The Python binding: an engine built in this process by the factory of the interface."""

from __future__ import annotations

import traceback

from talkqa.engine_api import (
    CycleReport,
    DeadLetter,
    EngineConfig,
    EngineFactory,
    SyncEngine,
    dead_letters_of,
)

TRACEBACK_LINES = 25


class PythonDriver:
    """Builds the engine on first use; a toggle or a new state builds a new one."""

    kind = "python"

    def __init__(self, factory: EngineFactory, config: EngineConfig) -> None:
        self.factory = factory
        self.config = config
        self._engine: SyncEngine | None = None

    @property
    def engine(self) -> SyncEngine:
        if self._engine is None:
            self._engine = self.factory(self.config)
        return self._engine

    def run_cycle(self) -> CycleReport:
        """One cycle; an exception is a failed cycle (its traceback is the report's error)."""
        try:
            summary = self.engine.run_cycle()
        except Exception as exc:  # any failure of the engine under test is its cycle's
            lines = traceback.format_exc().strip().splitlines()[-TRACEBACK_LINES:]
            return CycleReport(completed=False, error=f"{exc!r}\n" + "\n".join(lines))
        return CycleReport.of_summary(summary)

    def links(self, flow_id: str) -> list[tuple[int, int]] | None:
        return [(int(s), int(t)) for s, t in self.engine.links(flow_id)]

    def dead_letters(self) -> list[DeadLetter] | None:
        return dead_letters_of(self.engine.dead_letters())

    def restart(self, config: EngineConfig) -> None:
        self.close()
        self.config = config

    def close(self) -> None:
        if self._engine is not None:
            close = getattr(self._engine, "close", None)
            if close is not None:
                close()
            self._engine = None
