"""One flow in one cycle as pairs, creates and matching see it: its map, the cycle's context,
its counts, dead letters, reference translation and progress."""

from __future__ import annotations

from typing import Any

from talksync.context import CycleContext, FlowCounts
from talksync.mapping import FlowMap, MappingError, Unlinked


class FlowRun:
    """The state of one flow for one cycle, shared by the steps of ``FlowSync``."""

    def __init__(self, fm: FlowMap, ctx: CycleContext) -> None:
        self.fm = fm
        self.ctx = ctx
        self.counts = ctx.counts.setdefault(fm.flow_id, FlowCounts())
        self.total = 0

    def dead_letter(self, side: str, entity_id: int, reason: str) -> None:
        """Record an entity that cannot be written, with its reason; the run goes on."""
        with self.ctx.store.transaction():
            self.ctx.store.add_dead_letter(
                self.fm.flow_id, side, entity_id, reason, self.ctx.now_text()
            )
        self.counts.dead_lettered += 1

    def resolve(self, ref_flow: str, source_id: Any) -> int:
        """The target id linked to a source id of another flow (Customerp -> webCRM)."""
        target = self.ctx.store.target_of(ref_flow, int(source_id))
        if target is None:
            raise Unlinked(f"{ref_flow}: source {source_id} is not linked yet")
        return target

    def unresolve(self, ref_flow: str, target_id: Any) -> int:
        """The source id linked to a target id of another flow (webCRM -> Customerp)."""
        source = self.ctx.store.source_of(ref_flow, int(target_id))
        if source is None:
            raise MappingError(f"{ref_flow}: target {target_id} is not linked to a source")
        return source

    def progress(self, done: int) -> None:
        """Report progress: records handled so far out of the records read."""
        if self.ctx.progress is not None:
            self.ctx.progress(self.fm.flow_id, min(done, self.total), self.total)
