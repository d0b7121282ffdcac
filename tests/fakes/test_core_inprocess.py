"""InProcess: one responses callback per host and method, coexisting with other mocks."""

from __future__ import annotations

import pytest
import requests
import responses

from fakes import CustomerpFake, FakeClock, InProcess, WebcrmFake


def test_the_fakes_install_one_callback_per_host_and_method() -> None:
    clock = FakeClock()
    with InProcess(CustomerpFake(clock=clock), WebcrmFake(clock=clock)) as mock:
        registered = mock.registered()
        keys = [(r.method, r.url.pattern) for r in registered]  # type: ignore[union-attr]
        assert len(keys) == len(set(keys)) == 2 * 8


def test_an_existing_requests_mock_keeps_its_own_mocks_and_stays_active() -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.GET, "https://other.example.com/ping", json={"pong": True})
        fake = CustomerpFake()
        with InProcess(fake, mock=mock):
            assert requests.get("https://other.example.com/ping").json() == {"pong": True}
            assert requests.get(fake.base_url + "/customers").status_code == 401
        assert requests.get("https://other.example.com/ping").status_code == 200


def test_two_fakes_on_one_host_are_refused() -> None:
    with pytest.raises(ValueError):
        InProcess(CustomerpFake(), CustomerpFake())


def test_requests_to_unknown_hosts_are_not_answered_by_the_fakes() -> None:
    with InProcess(CustomerpFake()), pytest.raises(requests.ConnectionError):
        requests.get("https://customerp.example.org/api/v1/customers")
