"""Mutants of the conformance-power families (issue 12): bugs of volume, change windows,
concurrent writers, the rest of the record, other writers, identity, refusals, Talk's
accounting, toggles over time and change economy. Registered in catalogue.py; each factory
takes an ``EngineConfig`` and returns a broken ``Engine`` (patches stay in their process)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import talksync.clients.customerp
import talksync.context
import talksync.creating
import talksync.engine
import talksync.flowsync
import talksync.pairs
import talksync.reading
from talksync.clock import format_customerp, parse_timestamp
from talksync.engine import Engine, EngineConfig
from talksync.errors import ApiError, StaleVersion
from talksync.mapping import FlowMap
from talksync.reading import latest_stamp


def _patch(owner: Any, name: str, make: Any) -> None:
    """Replace ``owner.name`` by ``make(original)``, once per process."""
    saved = f"_mutant_original_{name}"
    if hasattr(owner, saved):
        return
    original = getattr(owner, name)
    setattr(owner, saved, original)
    setattr(owner, name, make(original))


# -- 1 volume --------------------------------------------------------------------------------
def bulk_chunk_drops_last(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def create_batch(flow: Any, queue: Any) -> None:
            # an off-by-one chunking: a full chunk of 1000 sends only its first 999
            original(flow, queue[:-1] if len(queue) == talksync.pairs.BATCH else queue)

        return create_batch

    _patch(talksync.creating, "_create_batch", make)
    return Engine(config)


def customerp_page_off_by_one(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def records(self: Any, collection: str, **kwargs: Any) -> Any:
            for n, row in enumerate(original(self, collection, **kwargs)):
                if n == 0 or n % kwargs.get("limit", 500):
                    yield row  # the first record of every later page is skipped

        return records

    _patch(talksync.clients.customerp.CustomerpClient, "records", make)
    return Engine(config)


# -- 2 change windows ------------------------------------------------------------------------
def _markers(set_marker: Any) -> Any:
    """A replacement of FlowSync._advance_markers calling ``set_marker(flow, side, newest)``."""

    def make(original: Any) -> Any:
        def advance(self: Any, changes: Any) -> None:
            pair = self.fm.pair
            newest = {
                "source": latest_stamp(changes.sources.values(), "updated_at"),
                "target": latest_stamp(changes.targets.values(), pair.updated_field),
            }
            with self.ctx.store.transaction():
                for side, stamp in newest.items():
                    shared = self.ctx.share_target if side == "source" else self.ctx.share_source
                    if shared:
                        set_marker(self, side, stamp, newest)
            self.ctx.hook("flow-done")

        return advance

    return make


def _store_marker(flow: Any, side: str, moment: Any) -> None:
    key = talksync.reading.marker_key(flow.fm.flow_id, side)
    flow.ctx.store.set_meta(key, format_customerp(moment))


def strictly_after_newest(config: EngineConfig) -> Engine:
    def set_marker(flow: Any, side: str, stamp: Any, newest: Any) -> None:
        if stamp is not None:
            _store_marker(flow, side, stamp + timedelta(milliseconds=1))

    _patch(talksync.flowsync.FlowSync, "_advance_markers", _markers(set_marker))
    return Engine(config)


def no_overlap(config: EngineConfig) -> Engine:
    return Engine(dataclasses.replace(config, overlap_seconds=0.0))


def marker_from_engine_clock(config: EngineConfig) -> Engine:
    def set_marker(flow: Any, side: str, stamp: Any, newest: Any) -> None:
        _store_marker(flow, side, flow.ctx.clock())

    _patch(talksync.flowsync.FlowSync, "_advance_markers", _markers(set_marker))
    return Engine(config)


def one_marker_for_both(config: EngineConfig) -> Engine:
    def set_marker(flow: Any, side: str, stamp: Any, newest: Any) -> None:
        stamps = [s for s in newest.values() if s is not None]
        if stamps:
            _store_marker(flow, side, max(stamps) - flow.ctx.overlap)

    _patch(talksync.flowsync.FlowSync, "_advance_markers", _markers(set_marker))
    return Engine(config)


# -- 3 concurrent writers --------------------------------------------------------------------
def put_without_if_match(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def replace(self: Any, collection: str, record_id: int, body: Any, version: int) -> Any:
            response = self._request("PUT", f"/{collection}/{record_id}", json=body)
            return self._record(response, "PUT", collection)

        return replace

    _patch(talksync.clients.customerp.CustomerpClient, "replace", make)
    return Engine(config)


def stale_body_on_412(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def replace(self: Any, collection: str, record_id: int, body: Any, version: int) -> Any:
            try:
                return original(self, collection, record_id, body, version)
            except StaleVersion:
                fresh = self.get(collection, record_id)  # only its version is taken
                return original(self, collection, record_id, body, int(fresh["version"]))

        return replace

    _patch(talksync.clients.customerp.CustomerpClient, "replace", make)
    return Engine(config)


def webcrm_update_without_recheck(config: EngineConfig) -> Engine:
    _patch(talksync.pairs, "changed_under_us", lambda _: lambda flow, changes, targets: {})
    return Engine(config)


# -- 4 the rest of the record ----------------------------------------------------------------
def dto_from_mapped_fields_only(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def apply_to_target(fm: FlowMap, dto: Any, values: Any) -> dict[str, Any]:
            owned = {p.target for p in fm.properties} | {fm.pair.id_field, fm.pair.marker_field}
            return original(fm, {k: v for k, v in dto.items() if k in owned}, values)

        return apply_to_target

    _patch(talksync.pairs, "apply_to_target", make)
    return Engine(config)


def put_from_cached_record(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def write_source(flow: Any, pair: Any) -> None:
            if pair.merge.to_source and pair.link.source_record:
                version = pair.source.get("version")
                if version is None:
                    collection = flow.fm.pair.source_collection
                    version = flow.ctx.customerp.get(collection, pair.link.source_id)["version"]
                pair.source = {**pair.link.source_record, "version": version}
            original(flow, pair)

        return write_source

    _patch(talksync.pairs, "_write_source", make)
    return Engine(config)


# -- 5 other writers -------------------------------------------------------------------------
def _filtered_changes(keep: Any) -> Any:
    def make(original: Any) -> Any:
        def read_changes(fm: FlowMap, store: Any, *args: Any, **kwargs: Any) -> Any:
            changes = original(fm, store, *args, **kwargs)
            changes.sources = {k: r for k, r in changes.sources.items()
                               if keep(fm, store, "source", k, r)}  # fmt: skip
            changes.targets = {k: r for k, r in changes.targets.items()
                               if keep(fm, store, "target", k, r)}  # fmt: skip
            return changes

        return read_changes

    return make


def api_writes_are_echoes(config: EngineConfig) -> Engine:
    def keep(fm: FlowMap, store: Any, side: str, key: int, record: Any) -> bool:
        author = record.get(fm.pair.updated_field.replace("UpdatedAt", "UpdatedBy"))
        return side == "source" or author != "API" or store.link_for_target(fm.flow_id, key) is None

    _patch(talksync.flowsync, "read_changes", _filtered_changes(keep))
    return Engine(config)


def echo_window_after_own_put(config: EngineConfig) -> Engine:
    def keep(fm: FlowMap, store: Any, side: str, key: int, record: Any) -> bool:
        link = store.link_for_source(fm.flow_id, key) if side == "source" else None
        if link is None:
            return True
        written = parse_timestamp(link.source_record.get("updated_at"))
        stamp = parse_timestamp(record.get("updated_at"))
        return written is None or stamp is None or stamp - written > timedelta(seconds=60)

    _patch(talksync.flowsync, "read_changes", _filtered_changes(keep))
    return Engine(config)


# -- 6 identity ------------------------------------------------------------------------------
LOOKS_LIKE = {
    "by-name": {
        "Organisations": ("name", "OrganisationName"),
        "Products": ("name", "ProductCombined"),
        "Persons": ("last_name", "PersonLastName"),
    },
    "by-key": {
        "Organisations": ("phone", "OrganisationTelephone"),
        "Products": ("sku", "ProductCustom1"),
        "Persons": ("email", "PersonEmail"),
    },
}


def _merging(engine: Engine, how: str) -> Engine:
    flows = []
    for fm in engine.flows:
        criterion = LOOKS_LIKE[how].get(fm.pair.target_collection)
        if criterion is not None:
            fm = dataclasses.replace(fm, merge_criteria=(criterion,))
        flows.append(fm)
    engine.flows = flows
    return engine


def merge_by_name(config: EngineConfig) -> Engine:
    return _merging(Engine(config), "by-name")


def merge_by_key(config: EngineConfig) -> Engine:
    return _merging(Engine(config), "by-key")


# -- 7 refusals ------------------------------------------------------------------------------
def customerp_refusal_aborts_cycle(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def dead_letter(self: Any, side: str, entity_id: int, reason: str) -> None:
            if side == "source" and "refused" in reason:
                raise ApiError("customerp", "PUT", f"/{entity_id}", 422, reason)
            original(self, side, entity_id, reason)

        return dead_letter

    _patch(talksync.flowsync.FlowSync, "dead_letter", make)
    return Engine(config)


def dead_letters_never_retried(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def prepare(flow: Any, link: Any, changes: Any) -> Any:
            letters = {(d[1], int(d[2])) for d in flow.ctx.store.dead_letters()
                       if d[0] == flow.fm.flow_id}  # fmt: skip
            if ("source", link.source_id) in letters or ("target", link.target_id) in letters:
                return None
            return original(flow, link, changes)

        return prepare

    _patch(talksync.pairs, "_prepare", make)
    return Engine(config)


def refused_item_stops_the_batch(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def upsert_isolated(webcrm: Any, collection: str, dtos: Any) -> Any:
            answers: list[str] = []
            for dto in dtos:  # one by one, and the first refusal ends the batch
                if answers and answers[-1] and not answers[-1].isdigit():
                    answers.append(answers[-1])
                else:
                    answers.extend(original(webcrm, collection, [dto]))
            return answers

        return upsert_isolated

    _patch(talksync.pairs, "upsert_isolated", make)
    return Engine(config)


# -- 8 Talk's accounting ---------------------------------------------------------------------
def counts_unchanged_reads(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def sync_linked(flow: Any, changes: Any) -> None:
            before = flow.counts.unchanged
            original(flow, changes)
            flow.ctx.count_updates(flow.counts.unchanged - before)

        return sync_linked

    _patch(talksync.flowsync, "sync_linked", make)
    return Engine(config)


def counts_per_request(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def count_updates(self: Any, saves: int) -> None:
            original(self, 1 if saves else 0)

        return count_updates

    _patch(talksync.context.CycleContext, "count_updates", make)
    return Engine(config)


# -- 9 toggles over time ---------------------------------------------------------------------
def held_back_recorded_as_synced(config: EngineConfig) -> Engine:
    _patch(talksync.pairs, "_held_back", lambda _: lambda snapshot, before, held: dict(snapshot))
    return Engine(config)


def full_sync_turned_on_ignored(config: EngineConfig) -> Engine:
    _patch(talksync.engine.Engine, "_full_sync_turned_on", lambda _: lambda self: None)
    return Engine(config)


# -- 10 only changed data --------------------------------------------------------------------
def full_rescan(config: EngineConfig) -> Engine:
    _patch(talksync.reading, "since", lambda _: lambda store, flow_id, side, fallback: fallback)
    return Engine(config)


def refetch_every_linked_record(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def run(self: Any) -> None:
            original(self)
            collection = self.fm.pair.source_collection
            for source_id, _ in self.ctx.store.links(self.fm.flow_id):
                self.ctx.customerp.get(collection, source_id)

        return run

    _patch(talksync.flowsync.FlowSync, "run", make)
    return Engine(config)
