"""WebcrmFake: webCRM's REST API v1 on the shared fake pipeline (auth, rate limit, errors)."""

from __future__ import annotations

from fakes.core.clock import FakeClock, StampClock
from fakes.core.faults import FaultRule
from fakes.core.messages import FakeRequest, FakeResponse, HttpError
from fakes.core.routes import Route
from fakes.core.service import FakeService
from fakes.webcrm.auth import TokenAuthority
from fakes.webcrm.errors import Throttled, body_of
from fakes.webcrm.models import WebcrmStore
from fakes.webcrm.operations import WebcrmHandlers
from fakes.webcrm.ratelimit import LIMIT_PER_MINUTE, RateLimiter
from fakes.webcrm.routes import ROUTES

BASE_URL = "https://api.webcrm.com"
DEFAULT_AUTH_CODE = "wc-test-auth-code"
MAX_BODY_BYTES = 30_000_000  # Kestrel's default request body limit


class WebcrmFake(FakeService):
    """The webCRM fake: `WebcrmFake(clock=clock)`, then `InProcess(webcrm)` or `serve_fakes`."""

    name = "webcrm"

    def __init__(
        self,
        clock: FakeClock | None = None,
        auth_code: str = DEFAULT_AUTH_CODE,
        seed: int = 0,
        base_url: str = BASE_URL,
    ) -> None:
        clock = clock or FakeClock()
        self.stamps = StampClock(clock)  # webCRM's own clock: skew, late commits
        store = WebcrmStore(self.stamps)
        self.tokens = TokenAuthority(auth_code)
        self.rate_limit = RateLimiter()
        handlers = WebcrmHandlers(store, self.tokens, clock)
        super().__init__(
            base_url=base_url,
            clock=clock,
            store=store,
            routes=ROUTES,
            handlers=handlers,
            seed=seed,
            stamps=self.stamps,
        )
        self.webcrm_store = store
        self.max_body = MAX_BODY_BYTES

    def authorize(self, request: FakeRequest, route: Route) -> None:
        """Bearer token (401) then the per-session rate limit (429); login routes are open."""
        if not route.auth:
            return
        now = self.clock.now()
        session = self.tokens.authenticate(request.headers.get("authorization"), now)
        self.rate_limit.admit(session.key, now)

    def expire_credentials(self, request: FakeRequest) -> None:
        """The access token this request carried expires now (its refresh token lives on)."""
        self.tokens.expire(request.headers.get("authorization"), self.clock.now())

    def render_error(self, err: HttpError) -> FakeResponse:
        return FakeResponse.json(body_of(err), err.status, err.headers)

    def throttle_response(self, rule: FaultRule) -> FakeResponse:
        return self.render_error(Throttled(rule.retry_after, LIMIT_PER_MINUTE))

    def reset(self) -> None:
        """Empty the data, journal and faults; forget tokens and rate-limit windows."""
        with self.lock:
            super().reset()
            self.tokens.reset()
            self.rate_limit.reset()
