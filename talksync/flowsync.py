"""One flow in one cycle: read its changes, reconcile interrupted creates, sync linked pairs,
create what is not linked yet, then advance its change markers."""

from __future__ import annotations

from datetime import datetime

from talksync.clock import format_customerp
from talksync.creating import create_unlinked, reconcile
from talksync.flowrun import FlowRun
from talksync.pairs import sync_linked
from talksync.reading import Changes, latest_stamp, marker_key, next_marker, read_changes


class FlowSync(FlowRun):
    """Syncs one flow of the checklist for one cycle."""

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
        """The next filter starts ``overlap`` before the newest stamp read, every time: a
        write committed late (a slow transaction) is stamped before the newest stamp already
        read, also after idle cycles. An idle flow re-reads that window each cycle: one page."""
        marker = next_marker(newest, self.ctx.overlap)
        self.ctx.store.set_meta(marker_key(self.fm.flow_id, side), format_customerp(marker))
