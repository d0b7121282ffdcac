"""webCRM has no If-Match: just before a bulk update the engine asks webCRM which of the
records it is about to write changed since its read (one change query), so that it merges
those again instead of overwriting a person's edit with the values it read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from talksync.clock import parse_timestamp
from talksync.reading import Changes, in_scope, latest_stamp, marker_key

if TYPE_CHECKING:
    from talksync.flowrun import FlowRun

Record = dict[str, Any]


def changed_under_us(flow: FlowRun, changes: Changes, targets: list[Record]) -> dict[int, Record]:
    """The newer versions webCRM now holds of ``targets`` (the records as read), by id."""
    since = _read_until(flow, changes)
    if since is None or not targets:
        return {}
    pair = flow.fm.pair
    held = {int(t[pair.id_field]): parse_timestamp(t.get(pair.updated_field)) for t in targets}
    rows = flow.ctx.webcrm.changed_since(pair.target_collection, since)
    newer = {}
    for row in in_scope(flow.ctx.scope, pair.target_collection, rows):
        target_id, stamp = int(row[pair.id_field]), parse_timestamp(row.get(pair.updated_field))
        if target_id in held and stamp is not None and (held[target_id] or stamp) < stamp:
            newer[target_id] = row
    return newer


def _read_until(flow: FlowRun, changes: Changes) -> datetime | None:
    """Where this cycle's read of webCRM ended: its newest stamp, else the change marker."""
    newest = latest_stamp(changes.targets.values(), flow.fm.pair.updated_field)
    if newest is not None:
        return newest
    return parse_timestamp(flow.ctx.store.meta(marker_key(flow.fm.flow_id, "target")))
