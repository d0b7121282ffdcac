"""Journal: the API requests a fake has answered since the last reset."""

from __future__ import annotations

import threading
from typing import Any


class Journal:
    """``[{"method", "path", "status", "at"}]`` in arrival order; ``status`` None = no answer,
    ``at`` the fake clock's time of the answer (ISO 8601, ``Z``), so pauses between requests
    can be read from the journal whichever process made them."""

    def __init__(self) -> None:
        self._entries: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def record(self, method: str, path: str, status: int | None, at: str) -> None:
        with self._lock:
            self._entries.append({"method": method, "path": path, "status": status, "at": at})

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
