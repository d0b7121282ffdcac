"""Creates, crash-safe: an intent row is committed before each create, every created webCRM
entity carries an origin marker (``talksync:<collection>:<source id>`` in a free Custom15
field), and interrupted or uncertain creates are reconciled by finding that marker before
anything is created again - so commit-then-fail or a killed process never duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from talksync.clock import parse_timestamp
from talksync.errors import TransientFailure, WriteUncertain
from talksync.flowrun import FlowRun
from talksync.limits import violations
from talksync.mapping import (
    FlowMap,
    MappingError,
    Unlinked,
    View,
    apply_to_target,
    get_path,
    source_view,
    stored_in_target,
    target_view,
)
from talksync.matching import TargetMatcher
from talksync.pairs import BATCH, sync_links
from talksync.reading import Changes, fetch_source, in_scope
from talksync.state import Link
from talksync.writing import upsert_isolated

Record = dict[str, Any]
Create = tuple[int, Record, View, Record]  # source id, source record, its view, the new DTO
MAX_RECONCILE_DEPTH = 3


def marked(fm: FlowMap, dtos: Iterable[Record]) -> dict[int, Record]:
    """Targets carrying this flow's origin marker, by the source id the marker names."""
    prefix = fm.marker("")
    found: dict[int, Record] = {}
    for dto in dtos:
        value = dto.get(fm.pair.marker_field)
        if isinstance(value, str) and value.startswith(prefix) and value[len(prefix) :].isdigit():
            found[int(value[len(prefix) :])] = dto
    return found


def reconcile(flow: FlowRun, changes: Changes) -> None:
    """Link targets created by an earlier, interrupted cycle (found by their origin marker)
    and clear pending intents; a create that never reached webCRM is simply made again."""
    fm, ctx = flow.fm, flow.ctx
    store = ctx.store
    found = marked(fm, changes.targets.values())
    pending = store.intents(fm.flow_id)
    missing = [sid for sid in pending if sid not in found]
    if missing and changes.incremental_target:
        start = min(parse_timestamp(pending[sid]) or ctx.onboarded for sid in missing)
        rows = ctx.webcrm.changed_since(fm.pair.target_collection, start - ctx.overlap)
        found.update(marked(fm, in_scope(ctx.scope, fm.pair.target_collection, rows)))
    with store.transaction():
        for source_id, dto in found.items():
            target_id = int(dto[fm.pair.id_field])
            known = store.target_of(fm.flow_id, source_id) is not None
            if known or store.source_of(fm.flow_id, target_id) is not None:
                continue
            view = target_view(fm, dto)
            record = changes.sources.get(source_id, {})
            snapshot = _source_snapshot(flow, record, view)
            store.save_link(Link(fm.flow_id, source_id, target_id, snapshot, view, record, dto))
            store.clear_waiting(fm.flow_id, source_id)
            flow.counts.created += 1
            ctx.count_updates(1)
        for source_id in pending:
            store.drop_intent(fm.flow_id, source_id)
    for source_id in pending:
        if source_id not in found and source_id not in changes.sources:
            fetched = fetch_source(ctx.customerp, fm, source_id, ctx.scope)
            if fetched is not None:
                changes.sources[source_id] = fetched


def _source_snapshot(flow: FlowRun, record: Record, t_view: View) -> View:
    """The source snapshot of a link found by its marker: per property, the source's current
    value where the target holds it as webCRM stores it (an empty number reads back as 0),
    else the target's value - so a recovered create is not written a second time."""
    if not record:
        return dict(t_view)
    try:
        s_view = source_view(flow.fm, record, flow.resolve)
    except MappingError:
        return dict(t_view)
    stored = stored_in_target(flow.fm, s_view)
    return {k: s_view[k] if stored.get(k) == t_view[k] else t_view[k] for k in t_view}


def create_unlinked(flow: FlowRun, changes: Changes) -> None:
    """Create a webCRM entity for every unlinked source (or link it by the merge criteria);
    a flow whose document requires a link first only links."""
    fm, ctx = flow.fm, flow.ctx
    if not ctx.share_target:
        return
    matcher = TargetMatcher(flow, changes) if fm.merge_criteria else None
    connected = _connected(flow, changes) if fm.created_if_connected else None
    queue: list[Create] = []
    matched: list[Link] = []
    for source_id, record in sorted(changes.sources.items()):
        if ctx.store.target_of(fm.flow_id, source_id) is not None or not _eligible(flow, record):
            continue
        create = _planned_create(flow, source_id, record)
        if create is None:
            continue
        target_id = matcher.match(record) if matcher is not None else None
        if target_id is not None:
            matched.append(Link(fm.flow_id, source_id, target_id, {}, {}, record, {}))
            continue
        if connected is not None and source_id not in connected:
            continue  # a creation rule: only a connected source is created
        if fm.link_required and connected is None:
            continue  # the document requires a link first: nothing is created
        queue.append(create)
        if len(queue) == BATCH:
            _create_batch(flow, queue)
            queue = []
    _create_batch(flow, queue)
    if matched:
        with ctx.store.transaction():
            for link in matched:
                ctx.store.save_link(link)
        sync_links(flow, matched, changes)


def _connected(flow: FlowRun, changes: Changes) -> set[int]:
    """Source ids a record of the creation rule's kind refers to (all of them, each cycle);
    unlinked ones that did not change are fetched, so that a new connection creates them."""
    fm, ctx = flow.fm, flow.ctx
    ids: set[int] = set()
    for conn in fm.created_if_connected:
        for record in in_scope(ctx.scope, conn.collection, ctx.customerp.records(conn.collection)):
            value = get_path(record, conn.path)
            if isinstance(value, int) and not isinstance(value, bool):
                ids.add(value)
    for source_id in sorted(ids):
        if source_id not in changes.sources and ctx.store.target_of(fm.flow_id, source_id) is None:
            fetched = fetch_source(ctx.customerp, fm, source_id, ctx.scope)
            if fetched is not None:
                changes.sources[source_id] = fetched
    return ids


def _eligible(flow: FlowRun, record: Record) -> bool:
    """Full Sync off: only entities created after onboarding propagate."""
    if flow.ctx.full_sync:
        return True
    created = parse_timestamp(record.get("created_at"))
    return created is not None and created >= flow.ctx.onboarded


def _planned_create(flow: FlowRun, source_id: int, record: Record) -> Create | None:
    """The DTO to create, or None when the source waits or is dead-lettered."""
    fm, store = flow.fm, flow.ctx.store
    try:
        view = source_view(fm, record, flow.resolve)
    except Unlinked as exc:
        store.set_waiting(fm.flow_id, source_id, str(exc))
        return None
    except MappingError as exc:
        flow.dead_letter("source", source_id, str(exc))
        return None
    dto = apply_to_target(
        fm, {fm.pair.id_field: 0, fm.pair.marker_field: fm.marker(source_id)}, view
    )
    problems = violations(dto)
    if problems:
        store.clear_waiting(fm.flow_id, source_id)
        flow.dead_letter("source", source_id, "; ".join(problems))
        return None
    return source_id, record, view, dto


def _create_batch(flow: FlowRun, queue: list[Create]) -> None:
    """Intents, one PATCH, links: each step committed before the next."""
    if not queue:
        return
    fm, ctx = flow.fm, flow.ctx
    store = ctx.store
    at = ctx.now_text()
    with store.transaction():
        for source_id, *_ in queue:
            store.add_intent(fm.flow_id, source_id, fm.marker(source_id), at)
    ctx.hook("intent-recorded")
    answers = _send_creates(flow, [dto for *_, dto in queue], at, depth=0)
    ctx.hook("target-created")
    with store.transaction():
        created_before = flow.counts.created
        for (source_id, record, view, dto), answer in zip(queue, answers, strict=True):
            store.drop_intent(fm.flow_id, source_id)
            if not answer.isdigit():
                flow.dead_letter("source", source_id, f"webCRM refused the create: {answer}")
                continue
            target_id = int(answer)
            created = {**dto, fm.pair.id_field: target_id}
            link = Link(
                fm.flow_id, source_id, target_id, view, stored_in_target(fm, view), record, created
            )
            store.save_link(link)
            store.clear_waiting(fm.flow_id, source_id)
            store.clear_dead_letters(fm.flow_id, "source", source_id)
            flow.counts.created += 1
        ctx.count_updates(flow.counts.created - created_before)
    ctx.hook("link-recorded")
    flow.progress(flow.counts.created + flow.counts.updated + flow.counts.unchanged)


def _send_creates(flow: FlowRun, dtos: list[Record], at: str, *, depth: int) -> list[str]:
    """PATCH the inserts. When the outcome is uncertain (5xx, dropped connection), find the
    entities that were created anyway by their markers and send only the others again."""
    fm, ctx = flow.fm, flow.ctx
    try:
        return upsert_isolated(ctx.webcrm, fm.pair.target_collection, dtos)
    except WriteUncertain:
        if depth >= MAX_RECONCILE_DEPTH:
            raise TransientFailure(f"{fm.flow_id}: creates kept failing") from None
    start = (parse_timestamp(at) or ctx.clock()) - ctx.overlap
    found = marked(fm, ctx.webcrm.changed_since(fm.pair.target_collection, start))
    answers: list[str | None] = []
    for dto in dtos:
        source_id = int(str(dto[fm.pair.marker_field]).rsplit(":", 1)[1])
        hit = found.get(source_id)
        answers.append(str(hit[fm.pair.id_field]) if hit is not None else None)
    rest = [dto for dto, answer in zip(dtos, answers, strict=True) if answer is None]
    resent = iter(_send_creates(flow, rest, at, depth=depth + 1) if rest else [])
    return [answer if answer is not None else next(resent) for answer in answers]
