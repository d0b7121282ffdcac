"""The one retry policy: Retry-After on 429, capped backoff with jitter, no blind resends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests

from talksync.errors import TransientFailure, WriteUncertain
from talksync.retry import RetryPolicy


def answer(status, headers=None, body=b"{}"):
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers or {})
    response._content = body
    return response


class Script:
    """Answers (or raises) from a list, counting sends."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.sent = 0

    def __call__(self):
        self.sent += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


@pytest.fixture
def slept():
    return []


@pytest.fixture
def policy(slept):
    return RetryPolicy(sleep=slept.append)


def test_429_waits_exactly_retry_after(policy, slept):
    send = Script(answer(429, {"Retry-After": "14"}), answer(200))
    assert policy.send(send, idempotent=False, what="x").status_code == 200
    assert slept == [14.0]


def test_429_without_header_uses_documented_body(policy, slept):
    body = b'{"RetryAfterSeconds": 7, "Type": "TooManyRequestsException"}'
    send = Script(answer(429, body=body), answer(200))
    policy.send(send, idempotent=True, what="x")
    assert slept == [7.0]


def test_5xx_backs_off_exponentially_with_cap_and_jitter(slept):
    policy = RetryPolicy(sleep=slept.append, max_attempts=8, base_delay=1.0, max_delay=4.0)
    send = Script(*[answer(503)] * 7, answer(200))
    policy.send(send, idempotent=True, what="x")
    assert len(slept) == 7
    ceilings = [1, 2, 4, 4, 4, 4, 4]
    for delay, ceiling in zip(slept, ceilings, strict=True):
        assert ceiling / 2 <= delay <= ceiling


def test_connection_errors_are_retried_when_idempotent(policy, slept):
    send = Script(requests.ConnectionError("reset"), answer(200))
    assert policy.send(send, idempotent=True, what="x").status_code == 200
    assert send.sent == 2


@pytest.mark.parametrize("failure", [answer(500), requests.ConnectionError("dropped")])
def test_non_idempotent_write_is_never_resent_after_an_ambiguous_failure(policy, failure):
    send = Script(failure, answer(200))
    with pytest.raises(WriteUncertain):
        policy.send(send, idempotent=False, what="webcrm PATCH /Organisations")
    assert send.sent == 1


def test_gives_up_after_the_budget(slept):
    policy = RetryPolicy(sleep=slept.append, max_attempts=3)
    send = Script(*[answer(502)] * 3)
    with pytest.raises(TransientFailure, match="HTTP 502 after 3 attempts"):
        policy.send(send, idempotent=True, what="x")
    assert send.sent == 3


def test_client_errors_are_returned_not_retried(policy, slept):
    send = Script(answer(422))
    assert policy.send(send, idempotent=True, what="x").status_code == 422
    assert slept == []


def test_retry_after_beyond_the_cap_gives_up_without_sending_early(slept):
    policy = RetryPolicy(sleep=slept.append, max_retry_after=300)
    send = Script(answer(429, {"Retry-After": "86400"}), answer(200))
    with pytest.raises(TransientFailure, match="Retry-After 86400 s, more than the 300 s"):
        policy.send(send, idempotent=True, what="webcrm GET /Organisations")
    assert send.sent == 1 and slept == []


def test_retry_after_as_an_http_date_waits_until_that_moment(slept):
    now = datetime(2024, 9, 11, 12, 0, 0, tzinfo=UTC)
    policy = RetryPolicy(sleep=slept.append, clock=lambda: now)
    send = Script(answer(429, {"Retry-After": "Wed, 11 Sep 2024 12:00:20 GMT"}), answer(200))
    assert policy.send(send, idempotent=True, what="x").status_code == 200
    assert slept == [20.0]


@pytest.mark.parametrize("value", ["soon", "-5"])
def test_unreadable_or_negative_retry_after_never_waits_forever(policy, slept, value):
    send = Script(answer(429, {"Retry-After": value}), answer(200))
    policy.send(send, idempotent=True, what="x")
    assert len(slept) == 1 and 0 <= slept[0] <= policy.max_delay


def test_connection_failure_names_the_host_it_was_for(policy):
    request = requests.Request("GET", "http://10.0.0.9:8080/api/v1/customers").prepare()
    send = Script(*[requests.ConnectionError("refused", request=request)] * 6)
    with pytest.raises(TransientFailure, match=r"ConnectionError \(10\.0\.0\.9:8080\) after 6"):
        policy.send(send, idempotent=True, what="customerp GET /customers")
