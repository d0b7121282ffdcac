"""FakeClock: the one controllable clock shared by both fakes in a test."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

DEFAULT_START = datetime(2024, 9, 11, tzinfo=UTC)
WRITE_TICK = timedelta(milliseconds=1)


class FakeClock:
    """Aware-UTC time that only moves when told to (or by 1 ms per write, via ``tick``).

    Both fakes share one instance so that updated-at stamps strictly increase across
    systems and latest-wins is decidable.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._now = _utc(start or DEFAULT_START)

    def now(self) -> datetime:
        """The current fake time (aware, UTC)."""
        return self._now

    def advance(self, seconds: float) -> datetime:
        """Move forward by ``seconds`` (negative values are refused) and return the new time."""
        if seconds < 0:
            raise ValueError("the clock only advances; use set() to go back")
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now

    def set(self, dt: datetime) -> None:
        """Jump to ``dt`` (must be timezone-aware; stored as UTC)."""
        with self._lock:
            self._now = _utc(dt)

    def tick(self) -> datetime:
        """Advance by one millisecond and return the new time: call before every write."""
        with self._lock:
            self._now += WRITE_TICK
            return self._now

    def __repr__(self) -> str:
        return f"FakeClock({self._now.isoformat()})"


def _utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("FakeClock needs a timezone-aware datetime")
    return dt.astimezone(UTC)


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601; a value without a zone is taken as UTC. Raises ValueError (also for a
    time whose conversion to UTC leaves datetime's range, e.g. ``0001-01-01T00:00+01:00``)."""
    dt = datetime.fromisoformat(text.strip().replace("z", "Z"))
    try:
        return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{text!r} is outside the range of UTC times") from None


def format_iso_z(dt: datetime) -> str:
    """``2024-09-11T00:00:00.001Z``: UTC, milliseconds, trailing Z."""
    dt = dt.astimezone(UTC)
    date = f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"
    return f"{date}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}.{dt.microsecond // 1000:03d}Z"
