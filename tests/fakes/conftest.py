"""Fixtures shared by the fakes' tests: one fake clock, each fake in-process, logged-in clients.

``webcrm``/``customerp`` install the fake through ``InProcess`` into the test's one
``responses`` mock (so a test can use both fakes at once);
``api`` is a webCRM client that has logged in; ``client`` a Customerp client with the default
API key. Test files that need another transport (served) build their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses
from customerp_client import CustomerpClient
from webcrm_client import WebcrmClient

from fakes import CustomerpFake, FakeClock, InProcess, WebcrmFake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """The test's one ``responses`` mock; both fakes install their callbacks into it."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def webcrm(clock: FakeClock, mock: responses.RequestsMock) -> Iterator[WebcrmFake]:
    fake = WebcrmFake(clock=clock)
    with InProcess(fake, mock=mock):
        yield fake


@pytest.fixture
def api(webcrm: WebcrmFake) -> WebcrmClient:
    """A webCRM client with a fresh access token."""
    client = WebcrmClient()
    client.login()
    return client


@pytest.fixture
def customerp(clock: FakeClock, mock: responses.RequestsMock) -> Iterator[CustomerpFake]:
    fake = CustomerpFake(clock=clock)
    with InProcess(fake, mock=mock):
        yield fake


@pytest.fixture
def client(customerp: CustomerpFake) -> CustomerpClient:
    """A Customerp client with the default API key."""
    return CustomerpClient()
