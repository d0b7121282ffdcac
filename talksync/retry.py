"""The one retry policy: 429 honours Retry-After, 5xx and connection errors back off
exponentially (capped, with jitter); non-idempotent writes are never resent blindly."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests

from talksync.clock import Clock, Sleeper, system_clock, system_sleep
from talksync.errors import TransientFailure, WriteUncertain

Send = Callable[[], requests.Response]


@dataclass
class RetryPolicy:
    """Decides whether and how long to wait before sending a request again."""

    max_attempts: int = 6  # for 5xx and connection errors
    max_throttled: int = 60  # 429 answers tolerated for one request
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0  # a longer Retry-After makes the request give up
    sleep: Sleeper = system_sleep
    clock: Clock = system_clock  # for a Retry-After given as an HTTP date
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def backoff(self, attempt: int) -> float:
        """Capped exponential backoff with "equal jitter" for the given 1-based attempt."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def retry_after(self, response: requests.Response, attempt: int) -> float:
        """Seconds a 429 asks us to wait: the header (seconds or an HTTP date), else the
        documented body's RetryAfterSeconds, else backoff."""
        header = response.headers.get("Retry-After")
        if header is not None:
            seconds = _seconds_or_date(header.strip(), self.clock)
            if seconds is not None:
                return seconds
        try:
            body = response.json()
            if isinstance(body, dict) and "RetryAfterSeconds" in body:
                return _non_negative(float(body["RetryAfterSeconds"]))
        except (TypeError, ValueError):
            pass
        return self.backoff(attempt)

    def send(self, send: Send, *, idempotent: bool, what: str) -> requests.Response:
        """Send until a final answer. ``what`` names the request in errors (no secrets)."""
        failures = throttled = 0
        while True:
            try:
                response = send()
            except (requests.ConnectionError, requests.Timeout) as exc:
                if not idempotent:
                    raise WriteUncertain(f"{what}: {_failure(exc)}") from None
                failures += 1
                self._wait_or_give_up(failures, what, _failure(exc))
                continue
            if response.status_code == 429:
                throttled += 1
                if throttled > self.max_throttled:
                    raise TransientFailure(f"{what}: still throttled after {throttled} answers")
                self.sleep(self._throttle_wait(response, throttled, what))
                continue
            if response.status_code >= 500:
                if not idempotent:
                    raise WriteUncertain(f"{what}: HTTP {response.status_code}")
                failures += 1
                self._wait_or_give_up(failures, what, f"HTTP {response.status_code}")
                continue
            return response

    def _throttle_wait(self, response: requests.Response, throttled: int, what: str) -> float:
        """The wait a 429 asks for; one beyond ``max_retry_after`` is not shortened (sending
        early would break the server's rule): the request gives up, saying so."""
        seconds = self.retry_after(response, throttled)
        if seconds > self.max_retry_after:
            raise TransientFailure(
                f"{what}: throttled with Retry-After {seconds:.0f} s, more than the "
                f"{self.max_retry_after:.0f} s this engine waits; run again later"
            )
        return seconds

    def _wait_or_give_up(self, failures: int, what: str, reason: str) -> None:
        if failures >= self.max_attempts:
            raise TransientFailure(f"{what}: {reason} after {failures} attempts")
        self.sleep(self.backoff(failures))


def _failure(exc: requests.RequestException) -> str:
    """A connection failure in a few words: its kind and the host it was for."""
    url = getattr(exc.request, "url", None)
    host = urlsplit(url).netloc if isinstance(url, str) else ""
    return f"{type(exc).__name__} ({host})" if host else type(exc).__name__


def _non_negative(seconds: float) -> float:
    """A wait in seconds: negative or NaN is 0, infinity stays (and exceeds any cap)."""
    return seconds if seconds > 0 else 0.0


def _seconds_or_date(value: str, clock: Clock) -> float | None:
    """``Retry-After`` is delay-seconds or an HTTP date (RFC 9110 10.2.3); None if neither."""
    try:
        return _non_negative(float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return _non_negative((when - clock()).total_seconds())
