"""What one sync cycle shares between its flows: clients, state, toggles, hooks, counters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from talksync.clients import CustomerpClient, WebcrmClient
from talksync.clock import Clock, format_customerp
from talksync.reading import Scope
from talksync.state import LinkStore

Hook = Callable[[str], None]
Progress = Callable[[str, int, int], None]

# The write boundaries at which the engine calls its hook (tests raise there to simulate a
# crash; a fresh engine on the same state file must then finish without duplicates).
WRITE_BOUNDARIES = (
    "intent-recorded",  # create intents committed, webCRM PATCH not sent yet
    "target-created",  # webCRM answered the create PATCH, links not recorded yet
    "link-recorded",  # links of created entities committed
    "source-updated",  # Customerp PUT answered, snapshot not recorded yet
    "target-updated",  # webCRM update PATCH answered, snapshots not recorded yet
    "snapshot-recorded",  # snapshots of updated pairs committed
    "flow-done",  # change markers of a flow committed
)


def no_hook(point: str) -> None:
    """The default hook: nothing happens at write boundaries."""


@dataclass
class FlowCounts:
    """What happened to one flow in one cycle."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    waiting: int = 0
    dead_lettered: int = 0


@dataclass
class CycleContext:
    """Shared by every flow of one cycle."""

    store: LinkStore
    customerp: CustomerpClient
    webcrm: WebcrmClient
    clock: Clock
    share_source: bool
    share_target: bool
    full_sync: bool
    onboarded: datetime
    overlap: timedelta
    hook: Hook = no_hook
    progress: Progress | None = None
    scope: Scope = None  # which records the engine sees (reading.Scope); None: all
    talk_updates: int = 0
    counts: dict[str, FlowCounts] = field(default_factory=dict)

    def count_updates(self, saves: int) -> None:
        """Talk bills a create with all its properties as one update, and each later save
        as one; the count is stored with the bookkeeping of the writes it counts."""
        if saves:
            self.talk_updates += saves
            self.store.add_talk_updates(saves)

    def now_text(self) -> str:
        return format_customerp(self.clock())
