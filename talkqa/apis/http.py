"""HTTP calls of the harness's clients: one session per client (no proxies from the
environment), auth headers renewed once on a 401, and one retry policy for 429 and 5xx."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

TIMEOUT = 30.0

Auth = Callable[[bool], dict[str, str]]  # renew? -> headers


class ApiError(RuntimeError):
    """An API refused a call: method, path, status and its error text (no secrets)."""


@dataclass(frozen=True)
class RetryPolicy:
    """Which answers are waited out and how long: ``Retry-After`` when given, else 1, 2, 4 s."""

    retries: int = 5
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})

    def wait(self, response: requests.Response, attempt: int) -> float:
        try:
            return max(0.0, float(response.headers.get("Retry-After", "")))
        except ValueError:
            return float(2**attempt)


RETRY = RetryPolicy()


def no_auth(renew: bool) -> dict[str, str]:
    return {}


class HttpApi:
    """One API's HTTP calls below ``root``; ``requests`` and ``throttled`` count them."""

    def __init__(
        self,
        root: str,
        auth: Auth = no_auth,
        sleep: Callable[[float], Any] = time.sleep,
        policy: RetryPolicy = RETRY,
        session: requests.Session | None = None,
    ) -> None:
        self.root = root.rstrip("/")
        if session is None:
            session = requests.Session()
            session.trust_env = False  # as the engine's clients: no proxies from the env
        self.session = session
        self.auth = auth
        self.sleep = sleep
        self.policy = policy
        self.requests = 0
        self.throttled = 0

    def call(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        """The answer to ``method path``; an ApiError for a 4xx/5xx that retries do not cure."""
        renewed = False
        for attempt in range(self.policy.retries + 1):
            sent = {**self.auth(renewed), **(headers or {})}
            self.requests += 1
            response = self.session.request(
                method, self.root + path, headers=sent, timeout=TIMEOUT, **kwargs
            )
            if response.status_code == 401 and not renewed:
                renewed = True
                continue
            if response.status_code in self.policy.statuses and attempt < self.policy.retries:
                self.throttled += response.status_code == 429
                self.sleep(self.policy.wait(response, attempt))
                continue
            if response.status_code >= 400:
                detail = " ".join(response.text.split())[:300]  # the API's error body, short
                raise ApiError(f"{method} {path}: HTTP {response.status_code} {detail}")
            return response
        raise ApiError(f"{method} {path}: still refused after {self.policy.retries} retries")
