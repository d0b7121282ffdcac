"""CustomerpFake: the Customerp API assembled from its store, routes and handlers."""

from __future__ import annotations

import hashlib
import hmac

from fakes.core import FakeClock, FakeRequest, FakeService, Route
from fakes.core.clock import StampClock
from fakes.customerp.errors import Unauthorized
from fakes.customerp.handlers import CustomerpHandlers
from fakes.customerp.models import CustomerpStore
from fakes.customerp.routes import ROUTES

DEFAULT_BASE_URL = "https://customerp.example.com/api/v1"
DEFAULT_API_KEY = "cp-test-key"


class CustomerpFake(FakeService):
    """The Customerp ERP API in memory; ``Authorization: Bearer <api_key>`` on every route."""

    name = "customerp"

    def __init__(
        self,
        clock: FakeClock | None = None,
        api_key: str = DEFAULT_API_KEY,
        seed: int = 0,
        base_url: str = DEFAULT_BASE_URL,
    ) -> None:
        clock = clock or FakeClock()
        self.stamps = StampClock(clock)  # Customerp's own clock: skew, late commits
        self.store: CustomerpStore = CustomerpStore(self.stamps)
        self._key_digest = _digest(api_key)  # the key itself is not kept
        super().__init__(
            base_url=base_url,
            clock=clock,
            store=self.store,
            routes=ROUTES,
            handlers=CustomerpHandlers(self.store),
            seed=seed,
            stamps=self.stamps,
        )

    def authorize(self, request: FakeRequest, route: Route) -> None:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            _digest(key.strip()), self._key_digest
        ):
            raise Unauthorized()


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()
