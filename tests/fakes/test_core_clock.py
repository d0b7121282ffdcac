"""FakeClock and WallClock: start, advance, set, freeze, the 1 ms write tick, timestamp helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from fakes.core import FakeClock, WallClock, format_iso_z, parse_iso


def test_the_clock_starts_at_the_contract_default() -> None:
    assert FakeClock().now() == datetime(2024, 9, 11, tzinfo=UTC)


def test_advance_moves_forward_and_returns_the_new_time() -> None:
    clock = FakeClock()
    assert clock.advance(90.5) == datetime(2024, 9, 11, 0, 1, 30, 500000, tzinfo=UTC)
    assert clock.now() == datetime(2024, 9, 11, 0, 1, 30, 500000, tzinfo=UTC)


def test_advance_refuses_to_go_back() -> None:
    with pytest.raises(ValueError):
        FakeClock().advance(-1)


def test_set_jumps_and_stores_utc() -> None:
    clock = FakeClock()
    clock.set(datetime(2025, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))))
    assert clock.now() == datetime(2025, 1, 1, 10, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_set_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError):
        FakeClock().set(datetime(2025, 1, 1))


def test_tick_adds_one_millisecond() -> None:
    clock = FakeClock(datetime(2024, 1, 1, tzinfo=UTC))
    assert clock.tick() == datetime(2024, 1, 1, 0, 0, 0, 1000, tzinfo=UTC)
    assert clock.tick() == datetime(2024, 1, 1, 0, 0, 0, 2000, tzinfo=UTC)


def test_format_iso_z_has_milliseconds_and_z() -> None:
    assert format_iso_z(datetime(2024, 9, 11, 0, 0, 0, 1999, tzinfo=UTC)) == (
        "2024-09-11T00:00:00.001Z"
    )


@pytest.mark.parametrize(
    "text",
    ["2024-09-11T00:00:00.001Z", "2024-09-11T00:00:00.001", "2024-09-11T02:00:00.001+02:00"],
)
def test_parse_iso_reads_z_offsets_and_zoneless_utc(text: str) -> None:
    assert parse_iso(text) == datetime(2024, 9, 11, 0, 0, 0, 1000, tzinfo=UTC)


class Wall:
    """A stand-in for time.time that moves only when the test says (no test reads wall time)."""

    def __init__(self) -> None:
        self.seconds = 1_000_000.0

    def __call__(self) -> float:
        return self.seconds


def test_wall_clock_follows_wall_time_and_stamps_strictly_increase() -> None:
    wall = Wall()
    clock = WallClock(datetime(2024, 9, 11, tzinfo=UTC), wall=wall)
    wall.seconds += 5
    assert clock.now() == datetime(2024, 9, 11, 0, 0, 5, tzinfo=UTC)
    first, second = clock.tick(), clock.tick()  # two writes in one wall millisecond
    assert first == clock.now() - timedelta(milliseconds=1) and second > first


def test_wall_clock_advance_is_an_offset_over_wall_time() -> None:
    wall = Wall()
    clock = WallClock(datetime(2024, 9, 11, tzinfo=UTC), wall=wall)
    clock.advance(86400)  # "1 day passes"
    wall.seconds += 2
    assert clock.now() == datetime(2024, 9, 12, 0, 0, 2, tzinfo=UTC)


def test_wall_clock_frozen_moves_only_when_told_and_runs_on_from_there() -> None:
    wall = Wall()
    clock = WallClock(datetime(2024, 9, 11, tzinfo=UTC), wall=wall)
    clock.freeze(True)
    wall.seconds += 60
    assert clock.now() == datetime(2024, 9, 11, tzinfo=UTC) and clock.frozen
    clock.freeze(False)
    wall.seconds += 1
    assert clock.now() == datetime(2024, 9, 11, 0, 0, 1, tzinfo=UTC)


def test_wall_clock_set_goes_back_and_runs_on() -> None:
    wall = Wall()
    clock = WallClock(datetime(2030, 1, 1, tzinfo=UTC), wall=wall)
    clock.tick()
    clock.set(datetime(2024, 9, 11, tzinfo=UTC))
    wall.seconds += 1
    assert clock.now() == datetime(2024, 9, 11, 0, 0, 1, tzinfo=UTC)


def test_fake_clock_refuses_to_run() -> None:
    with pytest.raises(ValueError, match="only moves when told"):
        FakeClock().freeze(False)
