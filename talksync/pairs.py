"""Linked pairs: merge each changed pair against its snapshots, write Customerp one record at
a time (PUT with If-Match; on 412 re-read and re-merge), write webCRM in bulk PATCHes, then
record what was written as the new snapshots so the next cycle sees no change (no echo)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from talksync.clock import parse_timestamp
from talksync.concurrent import changed_under_us
from talksync.errors import ApiError, StaleVersion
from talksync.flowrun import FlowRun
from talksync.limits import violations
from talksync.mapping import (
    FlowMap,
    MappingError,
    Unlinked,
    View,
    apply_to_source,
    apply_to_target,
    convert,
    source_view,
    stored_in_target,
    target_view,
)
from talksync.merge import Merge, merge, source_is_newer
from talksync.reading import Changes
from talksync.state import Link, compact
from talksync.writing import upsert_isolated

Record = dict[str, Any]
BATCH = 1000
MAX_STALE = 3
READ_ONLY = ("id", "version", "created_at", "updated_at")


@dataclass
class Pair:
    """A linked pair being synced: current records, views and their merge."""

    link: Link
    source: Record
    target: Record
    s_view: View
    t_view: View
    merge: Merge
    source_written: bool = False


def sync_linked(flow: FlowRun, changes: Changes) -> None:
    """Sync every linked pair with a change on either side."""
    store, flow_id = flow.ctx.store, flow.fm.flow_id
    touched: dict[int, Link] = {}
    for source_id in changes.sources:
        link = store.link_for_source(flow_id, source_id)
        if link is not None:
            touched[source_id] = link
    for target_id in changes.targets:
        link = store.link_for_target(flow_id, target_id)
        if link is not None and link.source_id not in touched:
            touched[link.source_id] = link
    sync_links(flow, touched.values(), changes)


def sync_links(flow: FlowRun, links: Iterable[Link], changes: Changes) -> None:
    """Merge and write the given links, batching webCRM updates and quiet refreshes."""
    updates: list[tuple[Pair, Record]] = []
    quiet: list[tuple[Pair, Record | None]] = []
    for link in links:
        pair = _prepare(flow, link, changes)
        if pair is None:
            continue
        if not pair.merge.to_source and not pair.merge.to_target:
            flow.counts.unchanged += 1
            if _stale(pair):
                quiet.append((pair, None))
            if len(quiet) >= BATCH:
                _finish(flow, quiet, hook=False)
                quiet = []
            continue
        _write_source(flow, pair)
        dto = _target_update(flow, pair)
        if dto is None:
            _finish(flow, [(pair, None)])
        else:
            updates.append((pair, dto))
        if len(updates) == BATCH:
            _flush(flow, updates, changes)
            updates = []
    _flush(flow, updates, changes)
    _finish(flow, quiet, hook=False)


def _prepare(flow: FlowRun, link: Link, changes: Changes) -> Pair | None:
    source = changes.sources.get(link.source_id)
    target = changes.targets.get(link.target_id)
    try:
        s_view = (
            source_view(flow.fm, source, flow.resolve)
            if source is not None
            else dict(link.source_snapshot)
        )
    except Unlinked as exc:
        flow.ctx.store.set_waiting(flow.fm.flow_id, link.source_id, str(exc))
        return None
    except MappingError as exc:
        flow.dead_letter("source", link.source_id, str(exc))
        return None
    try:
        t_view = target_view(flow.fm, target) if target is not None else dict(link.target_snapshot)
    except MappingError as exc:
        flow.dead_letter("target", link.target_id, str(exc))
        return None
    src = source if source is not None else link.source_record
    tgt = target if target is not None else link.target_record
    return Pair(link, src, tgt, s_view, t_view, _merge(flow, link, src, tgt, s_view, t_view))


def _merge(
    flow: FlowRun, link: Link, src: Record, tgt: Record, s_view: View, t_view: View
) -> Merge:
    newer = source_is_newer(
        parse_timestamp(src.get("updated_at")),
        parse_timestamp(tgt.get(flow.fm.pair.updated_field)),
    )
    m = merge(link.source_snapshot, link.target_snapshot, s_view, t_view, source_newer=newer)
    return _align_shared_sources(flow.fm, m, t_view)


def _align_shared_sources(fm: FlowMap, m: Merge, t_view: View) -> Merge:
    """A source path mapped to several targets holds one value. When the merge writes one of
    its targets' values back to the source, every target of that path gets that value in the
    same cycle (the first such row in document order wins when several were edited at once);
    otherwise the next cycle would see the source change and write again."""
    for group in fm.shared_sources:
        written = [p for p in group if p.key in m.to_source]
        if not written:
            continue
        raw = m.to_source[written[0].key]
        try:
            values = {p.key: convert(raw, p.type, p.source) for p in group}
        except MappingError:
            continue  # the targets' types cannot hold one value: leave the merge as it is
        for key, value in values.items():
            m.source[key] = m.target[key] = value
            m.to_source.pop(key, None)
            m.to_target.pop(key, None)
            if t_view.get(key) != value:
                m.to_target[key] = value
        m.to_source[written[0].key] = raw
    return m


def _stale(pair: Pair) -> bool:
    """Whether the stored snapshots or last-known records lag behind what was just read."""
    link = pair.link
    return (
        pair.s_view != link.source_snapshot
        or pair.t_view != link.target_snapshot
        or compact(pair.source) != link.source_record
        or compact(pair.target) != link.target_record
    )


def _write_source(flow: FlowRun, pair: Pair) -> None:
    """PUT the merged values into Customerp; on 412 re-read, re-merge and try again."""
    if not pair.merge.to_source or not flow.ctx.share_source:
        return
    customerp, collection = flow.ctx.customerp, flow.fm.pair.source_collection
    source_id = pair.link.source_id
    for _ in range(MAX_STALE):
        try:
            if "version" not in pair.source:
                _remerge(flow, pair, customerp.get(collection, source_id))
                if not pair.merge.to_source:
                    return
            body = apply_to_source(flow.fm, pair.source, pair.merge.to_source, flow.unresolve)
            written = customerp.replace(
                collection,
                source_id,
                {k: v for k, v in body.items() if k not in READ_ONLY},
                int(pair.source["version"]),
            )
        except StaleVersion:
            pair.source = {}  # re-read on the next attempt
            continue
        except (MappingError, ApiError) as exc:
            if isinstance(exc, ApiError) and exc.status not in (400, 404, 409, 422):
                raise
            flow.dead_letter("source", source_id, f"Customerp refused the update: {exc}")
            return
        pair.source, pair.source_written = written, True
        flow.ctx.count_updates(1)
        flow.ctx.hook("source-updated")
        return
    flow.dead_letter("source", source_id, f"record changed during {MAX_STALE} attempts (412)")


def _remerge(flow: FlowRun, pair: Pair, record: Record) -> None:
    pair.source = record
    pair.s_view = source_view(flow.fm, record, flow.resolve)
    pair.merge = _merge(flow, pair.link, record, pair.target, pair.s_view, pair.t_view)


def _target_update(flow: FlowRun, pair: Pair) -> Record | None:
    """The full DTO to PATCH into webCRM, or None (nothing to write, share off, or invalid)."""
    if not pair.merge.to_target or not flow.ctx.share_target:
        return None
    fm = flow.fm
    dto = apply_to_target(fm, pair.target, pair.merge.to_target)
    dto[fm.pair.id_field] = pair.link.target_id
    problems = violations({p.target: dto.get(p.target) for p in fm.properties})
    if problems:
        flow.dead_letter("target", pair.link.target_id, "; ".join(problems))
        return None
    return dto


def _flush(flow: FlowRun, updates: list[tuple[Pair, Record]], changes: Changes) -> None:
    """One bulk PATCH for up to 1000 updates; items webCRM refuses are dead-lettered; a record
    changed in webCRM since it was read is left for the next cycle (webCRM has no If-Match)."""
    if not updates:
        return
    newer = changed_under_us(flow, changes, [pair.target for pair, _ in updates])
    if newer:
        updates = _merge_again(flow, updates, newer)
        if not updates:
            return
    collection = flow.fm.pair.target_collection
    answers = upsert_isolated(flow.ctx.webcrm, collection, [dto for _, dto in updates])
    done: list[tuple[Pair, Record | None]] = []
    for (pair, dto), answer in zip(updates, answers, strict=True):
        if answer in ("", str(pair.link.target_id)):
            done.append((pair, dto))
        else:
            flow.dead_letter("target", pair.link.target_id, f"webCRM refused the update: {answer}")
            done.append((pair, None))
    flow.ctx.count_updates(sum(1 for _, written in done if written is not None))
    flow.ctx.hook("target-updated")
    _finish(flow, done)


def _merge_again(
    flow: FlowRun, updates: list[tuple[Pair, Record]], newer: dict[int, Record]
) -> list[tuple[Pair, Record]]:
    """Merge the pairs whose webCRM record changed since it was read with that newer record."""
    kept: list[tuple[Pair, Record]] = []
    for pair, dto in updates:
        fresh = newer.get(pair.link.target_id)
        if fresh is None:
            kept.append((pair, dto))
            continue
        if pair.source_written:
            pair.s_view = source_view(flow.fm, pair.source, flow.resolve)
        pair.target, pair.t_view = fresh, target_view(flow.fm, fresh)
        pair.merge = _merge(flow, pair.link, pair.source, fresh, pair.s_view, pair.t_view)
        _write_source(flow, pair)
        again = _target_update(flow, pair)
        if again is None:
            _finish(flow, [(pair, None)])
        else:
            kept.append((pair, again))
    return kept


def _finish(flow: FlowRun, done: list[tuple[Pair, Record | None]], *, hook: bool = True) -> None:
    """Record the new snapshots: the merged values on each side that now holds them."""
    if not done:
        return
    store = flow.ctx.store
    with store.transaction():
        for pair, written_dto in done:
            link, m = pair.link, pair.merge
            source_holds = pair.source_written or not m.to_source
            target_holds = written_dto is not None or not m.to_target
            source_snapshot = m.source if source_holds else pair.s_view
            target_snapshot = stored_in_target(flow.fm, m.target) if target_holds else pair.t_view
            # What Share Enabled held back must still look changed
            # on the side it came from, or the next cycle would see two quiet sides and the
            # two systems would stay different for good.
            if not target_holds and not flow.ctx.share_target:
                source_snapshot = _held_back(source_snapshot, link.source_snapshot, m.to_target)
            if not source_holds and not flow.ctx.share_source:
                target_snapshot = _held_back(
                    target_snapshot, link.target_snapshot, stored_in_target(flow.fm, m.to_source)
                )
            link.source_snapshot, link.target_snapshot = source_snapshot, target_snapshot
            link.source_record = pair.source
            link.target_record = written_dto if written_dto is not None else pair.target
            store.save_link(link)
            store.clear_waiting(flow.fm.flow_id, link.source_id)
            if source_holds and target_holds:  # an earlier dead letter is resolved
                store.clear_dead_letters(flow.fm.flow_id, "source", link.source_id)
                store.clear_dead_letters(flow.fm.flow_id, "target", link.target_id)
            if pair.source_written or written_dto is not None:
                flow.counts.updated += 1
    if hook:
        flow.ctx.hook("snapshot-recorded")


def _held_back(snapshot: View, before: View, held: View) -> dict[str, Any]:
    """The snapshot with each held-back property as it was before (absent if it was)."""
    kept = {k: v for k, v in snapshot.items() if k not in held}
    kept.update({k: before[k] for k in held if k in before})
    return kept
