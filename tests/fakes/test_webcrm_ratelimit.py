"""webCRM fake: 250 requests per minute per token, sliding window on the fake clock, 429 body."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from webcrm_client import WebcrmClient

from fakes import DEFAULT_AUTH_CODE
from fakes.core import FakeClock, WallClock, serve_fakes
from fakes.webcrm import BASE_URL, WebcrmFake
from fakes.webcrm.errors import Throttled
from fakes.webcrm.ratelimit import RateLimiter

THROTTLED_MESSAGE = "The request was throttled. The limit of 250 requests per minute is reached"


def documented_throttle_body(seconds: int) -> dict[str, object]:
    """The 429 body as webCRM documents it (DESIGN.md section 3)."""
    return {
        "RetryAfterSeconds": seconds,
        "Message": THROTTLED_MESSAGE,
        "Type": "TooManyRequestsException",
    }


def spend(api: WebcrmClient, count: int) -> list[int]:
    return [api.get("/Organisations/1").status_code for _ in range(count)]


# --- the limiter alone ---
def test_limiter_admits_the_limit_then_refuses_with_seconds_until_the_oldest_leaves(
    clock: FakeClock,
) -> None:
    limiter = RateLimiter(limit=3, window=60)
    start = clock.now()
    for offset in (0, 10, 20):
        limiter.admit("s", start + timedelta(seconds=offset))
    with pytest.raises(Throttled) as refused:
        limiter.admit("s", start + timedelta(seconds=25))
    assert refused.value.retry_after == 35
    limiter.admit("s", start + timedelta(seconds=60))  # the first one left exactly now


def test_limiter_rounds_retry_after_up_and_never_below_one(clock: FakeClock) -> None:
    limiter = RateLimiter(limit=1, window=60)
    limiter.admit("s", clock.now())
    with pytest.raises(Throttled) as refused:
        limiter.admit("s", clock.now() + timedelta(seconds=59, milliseconds=999))
    assert refused.value.retry_after == 1
    with pytest.raises(Throttled) as refused:
        limiter.admit("s", clock.now() + timedelta(seconds=0.5))
    assert refused.value.retry_after == 60


# --- through HTTP ---
def test_250_requests_pass_and_the_251st_is_throttled_with_the_documented_body(
    api: WebcrmClient,
) -> None:
    assert set(spend(api, 250)) == {404}  # counted although the record does not exist
    response = api.get("/Organisations")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert response.json() == documented_throttle_body(60)


def test_waiting_retry_after_on_the_fake_clock_admits_again(
    api: WebcrmClient, clock: FakeClock
) -> None:
    spend(api, 250)
    clock.advance(59.999)
    throttled = api.get("/Organisations")
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "1"
    clock.advance(0.001)
    assert api.get("/Organisations").status_code == 200


def test_the_window_slides(api: WebcrmClient, clock: FakeClock) -> None:
    spend(api, 125)
    clock.advance(30)
    spend(api, 125)
    throttled = api.get("/Organisations")
    assert (throttled.status_code, throttled.headers["Retry-After"]) == (429, "30")
    clock.advance(30)  # the first 125 leave the window, the later 125 stay
    assert set(spend(api, 125)) == {404}
    assert api.get("/Organisations").status_code == 429


def test_throttled_requests_do_not_count(api: WebcrmClient, clock: FakeClock) -> None:
    spend(api, 250)
    assert set(spend(api, 50)) == {429}
    clock.advance(60)
    assert set(spend(api, 250)) == {404}


def test_each_login_has_its_own_window(api: WebcrmClient) -> None:
    spend(api, 250)
    other = WebcrmClient()
    other.login()
    assert other.get("/Organisations").status_code == 200
    assert api.get("/Organisations").status_code == 429


def test_a_refreshed_token_keeps_its_sessions_window(api: WebcrmClient) -> None:
    spend(api, 250)
    response = api.session.post(
        f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": api.token["RefreshToken"]}
    )
    api.token = response.json()
    assert api.get("/Organisations").status_code == 429


def test_login_and_control_plane_are_not_rate_limited(api: WebcrmClient) -> None:
    spend(api, 250)
    for _ in range(5):
        assert requests.get(f"{BASE_URL}/_fake/records/Organisations").status_code == 200
        fresh = api.session.post(f"{BASE_URL}/Auth/ApiLogin", data={"authCode": DEFAULT_AUTH_CODE})
        assert fresh.status_code == 200


def test_reset_clears_the_windows(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    spend(api, 250)
    webcrm.reset()
    api.login()
    assert api.get("/Organisations").status_code == 200


def test_injected_throttle_fault_uses_the_documented_body(
    api: WebcrmClient, webcrm: WebcrmFake
) -> None:
    webcrm.faults.add({"action": "throttle", "path": "/Organisations*", "retry_after": 14})
    response = api.get("/Organisations")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "14"
    assert response.json() == documented_throttle_body(14)
    assert api.get("/Organisations").status_code == 200


def test_served_clock_ends_the_window_in_wall_time_for_a_client_honouring_retry_after() -> None:
    """On a WallClock (served mode) nobody advances the clock: waiting Retry-After is enough."""
    wall = [1_000_000.0]
    fake = WebcrmFake(clock=WallClock(wall=lambda: wall[0]))
    with serve_fakes(fake) as urls:
        client = WebcrmClient(urls["webcrm"])
        client.login()
        for _ in range(250):
            assert client.get("/Organisations").status_code == 200
        throttled = client.get("/Organisations")
        assert throttled.status_code == 429
        wall[0] += int(throttled.headers["Retry-After"])  # the client sleeps that long
        assert client.get("/Organisations").status_code == 200
