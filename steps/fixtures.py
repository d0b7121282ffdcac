"""Fixtures of the feature suite: a fresh scene (fakes, clock, engine, faker data) per scenario."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fakes import InProcess
from steps.data import EntityData, scenario_seed
from steps.scene import Scene
from talkqa.evidence import Evidence
from talkqa.redaction import register_secret

TEST_SECRETS = ("cp-test-key", "wc-test-auth-code")
# The engine's SQLite state goes to RAM when the machine has a tmpfs: the same SQLite file
# semantics, without waiting for the disk (the crash campaign of tests/ covers durability).
RAM_DISK = Path("/dev/shm")


def state_folder() -> str | None:
    """Where scenario state files go: the RAM disk if writable, else the system temp folder."""
    return str(RAM_DISK) if RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK) else None


@pytest.fixture
def scene(request: pytest.FixtureRequest, evidence: Evidence) -> Iterator[Scene]:
    """Both fakes on one FakeClock, answering in-process; the engine is built on first use."""
    for secret in TEST_SECRETS:
        register_secret(secret)
    data = EntityData(scenario_seed(request.node.nodeid))
    evidence.note(f"faker {data}")
    with tempfile.TemporaryDirectory(prefix="talkqa-scene-", dir=state_folder()) as folder:
        world = Scene(workdir=Path(folder), data=data, evidence=evidence)
        with InProcess(world.webcrm, world.customerp) as mock:
            world.mock = mock
            try:
                yield world
            finally:
                world.close()
