"""Merge criteria: an unlinked source entity is linked to an existing target entity that is
equal to it on one of the document's property combinations (empty values never match), so
that syncing into a system that already holds the entity does not duplicate it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from talksync.flowrun import FlowRun
from talksync.mapping import get_path
from talksync.merge import is_empty
from talksync.reading import Changes, in_scope

Record = dict[str, Any]


def same_value(target_value: Any, source_value: Any) -> bool:
    """Equality of a merge combination: as text, exactly; an empty value equals nothing."""
    if is_empty(target_value) or is_empty(source_value):
        return False
    return str(target_value) == str(source_value)


class TargetMatcher:
    """Finds the existing, unlinked target of a source by the flow's merge criteria. On a
    full read every target is at hand; on an incremental cycle only the changed ones are,
    so the others are looked up in webCRM by value (``/Queries``), one criterion at a time."""

    def __init__(self, flow: FlowRun, changes: Changes) -> None:
        self.flow = flow
        self.changes = changes
        self.taken: set[int] = set()  # matched in this cycle: one target, one source

    def match(self, record: Record) -> int | None:
        """The id of the target this source merges with, or None (then it is created)."""
        for source_path, target_field in self.flow.fm.merge_criteria:
            value = get_path(record, source_path)
            if is_empty(value):
                continue
            target_id = self._first(self.changes.targets.values(), target_field, value)
            if target_id is None and self.changes.incremental_target:
                target_id = self._lookup(target_field, value)
            if target_id is not None:
                self.taken.add(target_id)
                return target_id
        return None

    def _lookup(self, target_field: str, value: Any) -> int | None:
        """Ask webCRM; a target found is added to the changes, so the merge sees all of it."""
        pair = self.flow.fm.pair
        found = self.flow.ctx.webcrm.matching(pair.target_collection, target_field, value)
        rows = in_scope(self.flow.ctx.scope, pair.target_collection, found)
        target_id = self._first(rows, target_field, value)
        for dto in rows:
            if int(dto[pair.id_field]) == target_id:
                self.changes.targets[target_id] = dto
        return target_id

    def _first(self, dtos: Iterable[Record], target_field: str, value: Any) -> int | None:
        store, fm = self.flow.ctx.store, self.flow.fm
        for dto in dtos:
            target_id = int(dto[fm.pair.id_field])
            if target_id in self.taken or not same_value(dto.get(target_field), value):
                continue
            if store.source_of(fm.flow_id, target_id) is None:
                return target_id
        return None
