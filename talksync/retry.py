"""The one retry policy: 429 honours Retry-After, 5xx and connection errors back off
exponentially (capped, with jitter); non-idempotent writes are never resent blindly."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from talksync.clock import Sleeper, system_sleep
from talksync.errors import TransientFailure, WriteUncertain

Send = Callable[[], requests.Response]


@dataclass
class RetryPolicy:
    """Decides whether and how long to wait before sending a request again."""

    max_attempts: int = 6  # for 5xx and connection errors
    max_throttled: int = 60  # 429 answers tolerated for one request
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0
    sleep: Sleeper = system_sleep
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def backoff(self, attempt: int) -> float:
        """Capped exponential backoff with "equal jitter" for the given 1-based attempt."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def retry_after(self, response: requests.Response, attempt: int) -> float:
        """Seconds a 429 asks us to wait: the header, else the documented body, else backoff."""
        header = response.headers.get("Retry-After")
        try:
            if header is not None:
                return min(self.max_retry_after, max(0.0, float(header)))
            body = response.json()
            if isinstance(body, dict) and "RetryAfterSeconds" in body:
                return min(self.max_retry_after, max(0.0, float(body["RetryAfterSeconds"])))
        except ValueError:
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
                    raise WriteUncertain(f"{what}: {type(exc).__name__}") from None
                failures += 1
                self._wait_or_give_up(failures, what, type(exc).__name__)
                continue
            if response.status_code == 429:
                throttled += 1
                if throttled > self.max_throttled:
                    raise TransientFailure(f"{what}: still throttled after {throttled} answers")
                self.sleep(self.retry_after(response, throttled))
                continue
            if response.status_code >= 500:
                if not idempotent:
                    raise WriteUncertain(f"{what}: HTTP {response.status_code}")
                failures += 1
                self._wait_or_give_up(failures, what, f"HTTP {response.status_code}")
                continue
            return response

    def _wait_or_give_up(self, failures: int, what: str, reason: str) -> None:
        if failures >= self.max_attempts:
            raise TransientFailure(f"{what}: {reason} after {failures} attempts")
        self.sleep(self.backoff(failures))
