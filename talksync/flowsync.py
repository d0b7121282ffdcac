"""One flow in one cycle: read its changes, reconcile interrupted creates, sync linked pairs,
create what is not linked yet, then advance its change markers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from talksync.clock import format_customerp
from talksync.context import CycleContext, FlowCounts
from talksync.creating import create_unlinked, reconcile
from talksync.mapping import FlowMap, MappingError, Unlinked
from talksync.pairs import sync_linked
from talksync.reading import Changes, latest_stamp, marker_key, next_marker, read_changes


class FlowSync:
    """Syncs one flow of the checklist for one cycle."""

    def __init__(self, fm: FlowMap, ctx: CycleContext) -> None:
        self.fm = fm
        self.ctx = ctx
        self.counts = ctx.counts.setdefault(fm.flow_id, FlowCounts())
        self.total = 0

    def run(self) -> None:
        fallback = None if self.ctx.full_sync else self.ctx.onboarded - self.ctx.overlap
        ctx = self.ctx
        changes = read_changes(
            self.fm, ctx.store, ctx.customerp, ctx.webcrm, fallback=fallback, scope=ctx.scope
        )
        self.total = len(changes.sources) + len(changes.targets)
        self.progress(0)
        reconcile(self, changes)
        sync_linked(self, changes)
        create_unlinked(self, changes)
        self.counts.waiting = len(self.ctx.store.waiting(self.fm.flow_id))
        self.progress(self.total)
        self._advance_markers(changes)

    def _advance_markers(self, changes: Changes) -> None:
        """Commit the next change filters, taken from the systems' own updated-at stamps (so
        the engine's clock never has to agree with theirs). A side whose changes could not be
        written (its counterpart's Share Enabled is off) keeps its marker, so nothing is
        skipped later; a side that returned nothing keeps its marker too."""
        pair = self.fm.pair
        source_mark = latest_stamp(changes.sources.values(), "updated_at")
        target_mark = latest_stamp(changes.targets.values(), pair.updated_field)
        with self.ctx.store.transaction():
            if self.ctx.share_target and source_mark is not None:
                self._set_marker("source", source_mark)
            if self.ctx.share_source and target_mark is not None:
                self._set_marker("target", target_mark)
        self.ctx.hook("flow-done")

    def _set_marker(self, side: str, newest: datetime) -> None:
        """The next filter starts ``overlap`` before the newest stamp read, to catch writes
        committed late; once a later cycle has re-read that window and found nothing newer,
        it starts at the newest stamp itself (else an idle flow would re-read the window,
        e.g. the tail of a bulk write, in every cycle)."""
        store, newest_text = self.ctx.store, format_customerp(newest)
        newest_key = f"newest:{self.fm.flow_id}:{side}"
        reread = store.meta(newest_key) == newest_text
        marker = newest if reread else next_marker(newest, self.ctx.overlap)
        store.set_meta(marker_key(self.fm.flow_id, side), format_customerp(marker))
        store.set_meta(newest_key, newest_text)

    # -- helpers shared by pairs and creates -----------------------------------------------
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
