"""``--sync=external``: the steps wait for an engine outside the run instead of running cycles.

* "When the engine runs a sync cycle" becomes a barrier: the run's marker Customer is renamed
  and the step waits until webCRM shows it, so a cycle of the external engine has started
  since the Given steps;
* every Then polls its check until it holds or ``--sync-timeout`` passes, then fails naming
  what did not arrive;
* counterparts are found by the flow's identifying property (the prefixed name or last name)
  instead of the engine's links, and remembered once found.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from checklist.systems import KINDS, SOURCE, TARGET, EntityKind, counterpart
from steps.live import LiveRun
from steps.targets import RunSettings
from talkqa.apis import ApiError


class Propagation:
    """Waiting and counterpart discovery for one scene under ``--sync=external``: it reads the
    systems through ``fake(system)`` and words its failures with the scene's ``error``."""

    def __init__(
        self,
        settings: RunSettings,
        live: LiveRun | None,
        fake: Callable[[str], Any],
        error: Callable[[str], Exception],
    ) -> None:
        self.settings = settings
        self.live = live
        self.fake = fake
        self.error = error
        self.found: dict[tuple[str, str, int], int] = {}

    @property
    def timeout(self) -> float:
        return self.settings.sync_timeout

    def eventually(self, check: Callable[[], None]) -> None:
        """Run ``check`` until it passes or the sync timeout is over (then its last failure)."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                check()
                return
            except AssertionError as exc:
                if time.monotonic() >= deadline:
                    reason = str(exc).split("\n[faker ")[0]
                    raise self.error(
                        f"did not arrive within {self.timeout:g} s (--sync=external): {reason}"
                    ) from None
            time.sleep(self.settings.poll_interval)

    def cycle(self) -> None:
        """The barrier: a cycle of the external engine began after the Given steps."""
        live = self.live
        if live is None:
            raise self.error("--sync=external needs --target=live")
        try:
            live.barrier(self.timeout, self.settings.poll_interval)
        except ApiError as exc:
            raise self.error(str(exc)) from None

    def linked(self, flow_id: str, system: str, entity_id: int) -> int | None:
        """The counterpart holding the same identifying value, remembered once found."""
        key = (flow_id, system, entity_id)
        if key not in self.found:
            mine = _kind(flow_id, system)
            other = counterpart(mine)
            own = self._record(mine, entity_id)
            if own is None:
                return None
            values = [own.get(name) for name in mine.identity]
            matches = sorted(
                int(r[other.id_field])
                for r in self.fake(other.system).records(other.collection)
                if all(values) and [r.get(n) for n in other.identity] == values
            )
            if not matches:
                return None
            self.found[key] = matches[0]
            self.found[(flow_id, other.system, matches[0])] = entity_id
        return self.found[key]

    def _record(self, k: EntityKind, entity_id: int) -> dict[str, object] | None:
        for record in self.fake(k.system).records(k.collection):
            if int(record[k.id_field]) == entity_id:
                return record
        return None


def _kind(flow_id: str, system: str) -> EntityKind:
    for k in KINDS:
        if k.flow_id == flow_id and k.system == system and system in (SOURCE, TARGET):
            return k
    raise ValueError(f"no {system} kind in flow {flow_id}")
