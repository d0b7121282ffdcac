"""Collecting one flow's changes from both systems: full reads on the first cycle,
change filters after it (Customerp ``updated_since``, webCRM ``/Queries`` on UpdatedAt),
plus the sources still waiting from earlier cycles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from talksync.clients import CustomerpClient, WebcrmClient
from talksync.clock import parse_timestamp
from talksync.errors import ApiError
from talksync.mapping import FlowMap
from talksync.state import LinkStore

Record = dict[str, Any]
# Which records the engine may see: (collection name, record) -> True when in scope; None
# means every record. Out-of-scope records are dropped as they are read, on both sides, so
# they are never changes, never linked, created, written or matched by merge criteria.
Scope = Callable[[str, Record], bool] | None


def in_scope(scope: Scope, collection: str, records: Iterable[Record]) -> list[Record]:
    """The records of ``collection`` that ``scope`` keeps (all of them when it is None)."""
    return [r for r in records if scope is None or scope(collection, r)]


@dataclass
class Changes:
    """What changed in one flow since its markers: records by id on each side."""

    sources: dict[int, Record]
    targets: dict[int, Record]
    incremental_target: bool


def marker_key(flow_id: str, side: str) -> str:
    return f"marker:{flow_id}:{side}"


def since(store: LinkStore, flow_id: str, side: str, fallback: datetime | None) -> datetime | None:
    """Where the change filter of one side starts; None means a full read."""
    stored = store.meta(marker_key(flow_id, side))
    return parse_timestamp(stored) if stored else fallback


def read_changes(
    fm: FlowMap,
    store: LinkStore,
    customerp: CustomerpClient,
    webcrm: WebcrmClient,
    *,
    fallback: datetime | None,
    scope: Scope = None,
) -> Changes:
    """Read the changed records of a flow on both sides (``fallback``: the start of a
    first read when Full Sync is off; None reads everything), keeping those in ``scope``."""
    pair = fm.pair
    source_since = since(store, fm.flow_id, "source", fallback)
    rows = customerp.records(pair.source_collection, updated_since=source_since)
    sources = {int(r["id"]): r for r in in_scope(scope, pair.source_collection, rows)}
    target_since = since(store, fm.flow_id, "target", fallback)
    dtos = (
        webcrm.records(pair.target_collection)
        if target_since is None
        else webcrm.changed_since(pair.target_collection, target_since)
    )
    targets = {int(d[pair.id_field]): d for d in in_scope(scope, pair.target_collection, dtos)}
    for source_id in store.waiting(fm.flow_id):
        if source_id not in sources:
            fetched = fetch_source(customerp, fm, source_id, scope)
            if fetched is None:
                store.clear_waiting(fm.flow_id, source_id)
            else:
                sources[source_id] = fetched
    return Changes(sources, targets, target_since is not None)


def fetch_source(
    customerp: CustomerpClient, fm: FlowMap, source_id: int, scope: Scope = None
) -> Record | None:
    """One source record, or None when it no longer exists (or is out of ``scope``)."""
    collection = fm.pair.source_collection
    try:
        record = customerp.get(collection, source_id)
    except ApiError as exc:
        if exc.status == 404:
            return None
        raise
    return record if in_scope(scope, collection, [record]) else None


def latest_stamp(records: Iterable[Record], field: str) -> datetime | None:
    """The newest updated-at among records read (None when there were none)."""
    stamps = [parse_timestamp(r.get(field)) for r in records]
    return max((s for s in stamps if s is not None), default=None)


def next_marker(latest: datetime, overlap: timedelta) -> datetime:
    """The start of the next change filter: the newest stamp seen, minus a safety overlap."""
    return latest - overlap
