"""webCRM's rate limit: N requests per minute per token, on a sliding window of the fake clock."""

from __future__ import annotations

import math
from collections import deque
from datetime import UTC, datetime, timedelta

from fakes.webcrm.errors import Throttled

LIMIT_PER_MINUTE = 250
WINDOW_SECONDS = 60
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


class RateLimiter:
    """Sliding-window counter per key (a login session).

    A request at time t counts until t + 60 s. Throttled requests are not counted, so a
    client that waits `Retry-After` seconds is admitted again.
    """

    def __init__(self, limit: int = LIMIT_PER_MINUTE, window: int = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._admitted: dict[str, deque[int]] = {}

    def admit(self, key: str, now: datetime) -> None:
        """Count one request at `now` or raise Throttled with the whole seconds to wait."""
        now_ms = (now - _EPOCH) // _MS  # integer milliseconds: no float drift at the edge
        window_ms = self.window * 1000
        stamps = self._admitted.setdefault(key, deque())
        while stamps and stamps[0] <= now_ms - window_ms:
            stamps.popleft()
        if len(stamps) >= self.limit:
            wait_ms = stamps[0] + window_ms - now_ms
            raise Throttled(max(1, math.ceil(wait_ms / 1000)), self.limit)
        stamps.append(now_ms)

    def reset(self) -> None:
        self._admitted.clear()

    def __repr__(self) -> str:  # keys are session ids; never print them
        return (
            f"RateLimiter(limit={self.limit}, window={self.window}, sessions={len(self._admitted)})"
        )
