"""HTTP clients of the two systems: one requests.Session per API, one RetryPolicy for all."""

from __future__ import annotations

from talksync.clients.customerp import CustomerpClient
from talksync.clients.webcrm import WebcrmClient

__all__ = ["CustomerpClient", "WebcrmClient"]
