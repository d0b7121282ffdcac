"""``--sync=external``: an engine that runs on its own; a "cycle" is a barrier the steps wait
for (a cycle of that engine began after the Given steps), and it shows no state."""

from __future__ import annotations

from collections.abc import Callable

from talkqa.engine_api import CycleReport, DeadLetter, EngineConfig


class ExternalDriver:
    """Waits for the external engine; its links and dead letters are not visible."""

    kind = "external"

    def __init__(self, barrier: Callable[[], None]) -> None:
        self.barrier = barrier

    def run_cycle(self) -> CycleReport:
        self.barrier()
        return CycleReport(completed=True)

    def links(self, flow_id: str) -> list[tuple[int, int]] | None:
        return None

    def dead_letters(self) -> list[DeadLetter] | None:
        return None

    def restart(self, config: EngineConfig) -> None:
        """Its configuration is its own."""

    def close(self) -> None:
        """It keeps running."""
