"""Journal: the API requests a fake has answered since the last reset."""

from __future__ import annotations

import threading
import time
from typing import Any


class Journal:
    """``[{"method", "path", "status", "at", "wall"}]`` in arrival order; ``status`` None = no
    answer, ``at`` the fake clock's time of the answer (ISO 8601, ``Z``), ``wall`` the real
    seconds of the answer on this process's monotonic clock, so pauses between requests can be
    read from the journal whichever process made them and whichever clock the engine waited
    on (the fake one through ``TALKQA_CLOCK_URL``, or real sleep while a served clock stands)."""

    def __init__(self) -> None:
        self._entries: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def record(self, method: str, path: str, status: int | None, at: str) -> None:
        with self._lock:
            entry = {"method": method, "path": path, "status": status, "at": at}
            self._entries.append({**entry, "wall": round(time.monotonic(), 3)})

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
