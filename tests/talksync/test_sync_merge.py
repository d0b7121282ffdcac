"""Per-property merge rules: change detection against snapshots, latest wins, old beats empty."""

from __future__ import annotations

from datetime import UTC, datetime

from talksync.merge import merge, resolve, source_is_newer

EARLY = datetime(2024, 9, 11, 10, tzinfo=UTC)
LATE = datetime(2024, 9, 11, 11, tzinfo=UTC)


def test_unchanged_pair_writes_nothing():
    snap = {"name": "Acme", "city": "Oslo"}
    result = merge(snap, snap, snap, snap, source_newer=True)
    assert result.to_source == {} and result.to_target == {}


def test_source_edit_goes_to_target():
    snap = {"name": "Acme"}
    result = merge(snap, snap, {"name": "Acme AS"}, snap, source_newer=False)
    assert result.to_target == {"name": "Acme AS"}
    assert result.to_source == {}


def test_target_edit_goes_to_source_even_when_source_record_is_newer():
    snap = {"name": "Acme", "city": "Oslo"}
    result = merge(snap, snap, snap, {"name": "Acme", "city": "Bergen"}, source_newer=True)
    assert result.to_source == {"city": "Bergen"}
    assert result.to_target == {}


def test_both_edited_same_property_latest_wins():
    snap = {"name": "Acme"}
    result = merge(snap, snap, {"name": "From ERP"}, {"name": "From CRM"}, source_newer=False)
    assert result.to_source == {"name": "From CRM"}
    result = merge(snap, snap, {"name": "From ERP"}, {"name": "From CRM"}, source_newer=True)
    assert result.to_target == {"name": "From ERP"}


def test_both_edited_different_properties_each_edit_survives():
    snap = {"name": "Acme", "city": "Oslo"}
    result = merge(
        snap,
        snap,
        {"name": "Acme AS", "city": "Oslo"},
        {"name": "Acme", "city": "Bergen"},
        source_newer=True,
    )
    assert result.to_target == {"name": "Acme AS"}
    assert result.to_source == {"city": "Bergen"}


def test_both_edited_old_value_beats_newer_empty():
    snap = {"phone": "1"}
    result = merge(snap, snap, {"phone": "22"}, {"phone": None}, source_newer=False)
    assert result.to_target == {"phone": "22"}
    assert result.to_source == {}


def test_one_side_clearing_alone_propagates_the_clear():
    snap = {"phone": "1"}
    result = merge(snap, snap, {"phone": None}, snap, source_newer=True)
    assert result.to_target == {"phone": None}


def test_disagreement_nobody_touched_is_left_alone():
    result = merge({"qty": None}, {"qty": 0.0}, {"qty": None}, {"qty": 0.0}, source_newer=True)
    assert result.to_source == {} and result.to_target == {}


def test_pair_without_snapshot_resolves_every_disagreement():
    result = merge({}, {}, {"a": "x", "b": None}, {"a": "y", "b": "kept"}, source_newer=True)
    assert result.to_target == {"a": "x"}
    assert result.to_source == {"b": "kept"}


def test_resolve_prefers_non_empty_then_latest():
    assert resolve("", "old", source_newer=True) == "old"
    assert resolve("old", None, source_newer=False) == "old"
    assert resolve("s", "t", source_newer=True) == "s"
    assert resolve("s", "t", source_newer=False) == "t"


def test_source_is_newer_compares_stamps_and_handles_unknown():
    assert source_is_newer(LATE, EARLY)
    assert not source_is_newer(EARLY, LATE)
    assert source_is_newer(EARLY, EARLY)
    assert not source_is_newer(None, EARLY)
    assert source_is_newer(EARLY, None)
