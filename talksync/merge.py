"""Per-property merge of a linked pair: a side changed a property when its value differs from
the last-synced snapshot; when both changed, the latest updated record wins, but an old
(non-empty) value beats an empty one. A property neither side changed is left alone.
Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

View = Mapping[str, Any]
UNKNOWN = object()  # a property with no snapshot (first merge of a linked pair)


@dataclass(frozen=True)
class Merge:
    """What each side holds after the merge, and what must be written to reach it."""

    source: dict[str, Any]
    target: dict[str, Any]
    to_source: dict[str, Any] = field(default_factory=dict)
    to_target: dict[str, Any] = field(default_factory=dict)


def is_empty(value: Any) -> bool:
    return value is None or value == ""


def source_is_newer(source_updated: datetime | None, target_updated: datetime | None) -> bool:
    """Whether the source record is the latest; unknown stamps lose, ties go to the source."""
    if source_updated is None:
        return target_updated is None
    if target_updated is None:
        return True
    return source_updated >= target_updated


def resolve(source_value: Any, target_value: Any, *, source_newer: bool) -> Any:
    """The winner when both sides changed a property: old beats empty, else the latest."""
    if is_empty(source_value):
        return target_value
    if is_empty(target_value):
        return source_value
    return source_value if source_newer else target_value


def merge(
    source_snapshot: View,
    target_snapshot: View,
    source: View,
    target: View,
    *,
    source_newer: bool,
) -> Merge:
    """Merge every property of the current views against their snapshots."""
    result = Merge(dict(source), dict(target))
    for key in source.keys() | target.keys():
        s_value, t_value = source.get(key), target.get(key)
        s_changed = source_snapshot.get(key, UNKNOWN) != s_value
        t_changed = target_snapshot.get(key, UNKNOWN) != t_value
        if s_value == t_value or not (s_changed or t_changed):
            continue  # in agreement, or nobody touched it: nothing to write
        if s_changed and not t_changed:
            winner = s_value
        elif t_changed and not s_changed:
            winner = t_value
        else:
            winner = resolve(s_value, t_value, source_newer=source_newer)
        if winner != s_value:
            result.source[key] = result.to_source[key] = winner
        if winner != t_value:
            result.target[key] = result.to_target[key] = winner
    return result
