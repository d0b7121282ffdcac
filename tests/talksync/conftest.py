"""Fixtures for engine integration tests: both fakes in-process on one FakeClock; the engine's
sleep advances that clock, so nothing really sleeps."""

from __future__ import annotations

import pytest
from talksync_world import World

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
)


@pytest.fixture
def world(tmp_path):
    clock = FakeClock()
    webcrm = WebcrmFake(clock=clock)
    customerp = CustomerpFake(clock=clock)
    w = World(clock, webcrm, customerp, tmp_path / "state.db")
    with InProcess(webcrm, customerp):
        yield w
    for engine in w.engines:
        engine.close()


@pytest.fixture
def env(monkeypatch):
    """The credentials of the fakes, in the environment as ``talkqa sync`` reads them."""
    monkeypatch.setenv("CUSTOMERP_API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("WEBCRM_AUTH_CODE", DEFAULT_AUTH_CODE)
