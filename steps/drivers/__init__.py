"""How the steps reach an engine: one driver abstraction, three ways of running the engine.

* ``python`` (steps/drivers/python.py): the factory ``TALKQA_ENGINE`` names (default the
  reference ``talksync``) is built in this process from an ``engine_api.EngineConfig``;
* ``command`` (steps/drivers/command.py): ``--engine-command CMD`` runs once per cycle, with
  the settings in the protocol's environment variables (docs/engine-protocol.md);
* ``external`` (steps/drivers/external.py): an engine running on its own (``--sync=external``);
  a cycle is a barrier the steps wait for.

Every driver answers with the interface's records (``CycleReport``, ``DeadLetter``); a field it
cannot know is None, and the steps that need it skip, naming the field.
"""

from __future__ import annotations

from typing import Protocol

from talkqa.engine_api import CycleReport, DeadLetter, EngineConfig


class DriverError(AssertionError):
    """The engine broke the interface (e.g. a summary line that is not the protocol's JSON)."""


class EngineDriver(Protocol):
    """One scene's way of running the engine under test."""

    kind: str  # "python", "command" or "external"

    def run_cycle(self) -> CycleReport: ...

    def links(self, flow_id: str) -> list[tuple[int, int]] | None: ...  # None: not shown

    def dead_letters(self) -> list[DeadLetter] | None: ...  # None: not shown

    def restart(self, config: EngineConfig) -> None: ...  # toggles changed, or a new state

    def close(self) -> None: ...
