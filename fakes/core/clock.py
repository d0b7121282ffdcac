"""FakeClock: the one controllable clock shared by both fakes in a test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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

    @property
    def frozen(self) -> bool:
        """A FakeClock never moves by itself (in-process runs stay deterministic)."""
        return True

    def freeze(self, frozen: bool) -> None:
        """Only a WallClock can run; a FakeClock refuses to."""
        if not frozen:
            raise ValueError("this clock only moves when told; serve the fakes to run it")

    def __repr__(self) -> str:
        return f"FakeClock({self._now.isoformat()})"


class WallClock(FakeClock):
    """The served fakes' clock: follows wall time, so a client that waits out a 429 or a
    token's lifetime gets through; the control plane can still move it forward (an offset
    over wall time), set it, or freeze it (then it moves only when told, like a FakeClock).

    Writes still tick: two writes in one millisecond get stamps 1 ms apart, never equal.
    """

    def __init__(
        self, start: datetime | None = None, wall: Callable[[], float] = time.time
    ) -> None:
        super().__init__(start or datetime.fromtimestamp(wall(), UTC))
        self._wall = wall
        self._anchor_wall = wall()
        self._running = True
        self._last = self._now  # the latest stamp handed out: never hand out an earlier one

    def _moved(self) -> datetime:
        if not self._running:
            return self._now
        return self._now + timedelta(seconds=self._wall() - self._anchor_wall)

    def now(self) -> datetime:
        with self._lock:
            return max(self._moved(), self._last)

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the clock only advances; use set() to go back")
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return max(self._moved(), self._last)

    def set(self, dt: datetime) -> None:
        with self._lock:
            self._now = self._last = _utc(dt)
            self._anchor_wall = self._wall()

    def tick(self) -> datetime:
        with self._lock:
            self._last = max(self._moved(), self._last + WRITE_TICK)
            return self._last

    @property
    def frozen(self) -> bool:
        return not self._running

    def freeze(self, frozen: bool) -> None:
        """Stop at the current time (True) or run on from it in wall time (False)."""
        with self._lock:
            self._now = max(self._moved(), self._last)
            self._anchor_wall = self._wall()
            self._running = not frozen

    def __repr__(self) -> str:
        state = "frozen" if self.frozen else "running"
        return f"WallClock({self.now().isoformat()}, {state})"


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


class StampClock:
    """One system's view of the shared clock, used for its updated-at stamps.

    ``skew`` puts the system's own clock ahead (or, negative, behind) the shared clock, as two
    real servers never agree; ``backdate(moment)`` makes the next stamp that moment (a write
    that commits late: a slow transaction stamped when it began). The shared clock still ticks.
    """

    def __init__(self, shared: FakeClock) -> None:
        self.shared = shared
        self.skew = timedelta(0)
        self._next: datetime | None = None

    def now(self) -> datetime:
        return self.shared.now() + self.skew

    def tick(self) -> datetime:
        moment = self.shared.tick() + self.skew
        if self._next is not None:
            moment, self._next = self._next, None
        return moment

    def backdate(self, moment: datetime) -> None:
        """The next stamp is ``moment`` (aware), whatever the clock says."""
        self._next = _utc(moment)

    def reset_next(self) -> None:
        """Forget a backdated stamp that no write used."""
        self._next = None

    def reset(self) -> None:
        self.skew, self._next = timedelta(0), None
