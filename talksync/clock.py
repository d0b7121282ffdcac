"""The engine's one clock and sleeper, injectable so tests never really sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
Sleeper = Callable[[float], object]  # its result is ignored


def system_clock() -> datetime:
    """Wall-clock time, aware, UTC."""
    return datetime.now(UTC)


def system_sleep(seconds: float) -> None:
    """Really sleep (production only; tests inject a sleeper that advances a fake clock)."""
    time.sleep(max(0.0, seconds))


def parse_timestamp(text: str | None) -> datetime | None:
    """Parse an API timestamp: ISO 8601, with or without fraction, with ``Z``/offset or naive
    (webCRM's naive timestamps are UTC)."""
    if not text:
        return None
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_webcrm(moment: datetime) -> str:
    """webCRM's timestamp format: UTC, no zone suffix, milliseconds."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}"


def format_customerp(moment: datetime) -> str:
    """Customerp's timestamp format: UTC with ``Z``, milliseconds."""
    return format_webcrm(moment) + "Z"
