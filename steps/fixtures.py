"""Fixtures of the feature suite: a fresh scene (systems, clock, engine, faker data) per scenario.

The systems come from the target (steps/targets.py): in-process fakes, the fakes of this
process's ``talkqa fakes serve`` (session fixture ``served_endpoints``), or the live systems
of this process's live run (session fixture ``live_run``, which cleans up at the end).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from steps.data import EntityData, scenario_seed
from steps.drivers.command import CommandDriver
from steps.drivers.external import ExternalDriver
from steps.drivers.python import PythonDriver
from steps.live import LiveCustomerp, LiveRun, LiveWebcrm, WallClock
from steps.scene import Scene
from steps.shared import shared_run, shared_systems
from steps.targets import (
    TEST_KEYS,
    Endpoints,
    FakesProcess,
    RunSettings,
    Systems,
    in_process_systems,
    recorded,
    run_settings,
    served_systems,
)
from talkqa.engine_api import load_factory
from talkqa.evidence import Evidence
from talkqa.redaction import register_secret

# The faker data of the running scenario, for the failure report (features/conftest.py).
FAKER_DATA = pytest.StashKey[EntityData]()

# The engine's SQLite state goes to RAM when the machine has a tmpfs: the same SQLite file
# semantics, without waiting for the disk (the crash campaign of tests/ covers durability).
RAM_DISK = Path("/dev/shm")


def state_folder() -> str | None:
    """Where scenario state files go: the RAM disk if writable, else the system temp folder."""
    return str(RAM_DISK) if RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK) else None


def register_secrets(endpoints: Endpoints) -> None:
    for secret in (endpoints.customerp_api_key, endpoints.webcrm_auth_code):
        register_secret(secret)


@pytest.fixture(scope="session")
def served_endpoints(request: pytest.FixtureRequest) -> Iterator[Endpoints]:
    """This process's ``talkqa fakes serve`` (free loopback ports, or ``--served-ports``),
    stopped at session end."""
    process = FakesProcess(run_settings(request.config).served_ports)
    try:
        endpoints = process.start()
        register_secrets(endpoints)
        yield endpoints
    finally:
        process.stop()


@pytest.fixture(scope="session")
def live_run(request: pytest.FixtureRequest) -> Iterator[LiveRun]:
    """This process's live run; at the end every record of its prefix that can go is deleted.

    On served fakes shared with an external engine the run is the same (prefix, barrier).
    """
    if run_settings(request.config).target == "served":
        endpoints = request.getfixturevalue("served_endpoints")
        with tempfile.TemporaryDirectory(prefix="talkqa-shared-") as folder:
            yield shared_run(endpoints, Path(folder))  # the fakes end with the run
        return
    endpoints = Endpoints.from_environment()
    register_secrets(endpoints)
    with tempfile.TemporaryDirectory(prefix="talkqa-live-") as folder:
        run = LiveRun.open(
            (endpoints.customerp_url, endpoints.webcrm_url),
            (endpoints.customerp_api_key, endpoints.webcrm_auth_code),
            Path(folder),
        )
        try:
            yield run
        finally:
            problems = run.clean_up()
            if problems:
                warnings.warn(f"live clean-up left records: {problems}", stacklevel=1)


@contextmanager
def target_systems(
    request: pytest.FixtureRequest, settings: RunSettings
) -> Iterator[tuple[Systems, LiveRun | None]]:
    """The systems of one scenario on the run's target."""
    if settings.target == "served" and settings.external:
        shared: LiveRun = request.getfixturevalue("live_run")
        endpoints = request.getfixturevalue("served_endpoints")
        with recorded(endpoints) as mock:
            systems = shared_systems(endpoints, shared.next_scope())
            systems.mock = mock
            yield systems, shared
    elif settings.target == "served":
        endpoints = request.getfixturevalue("served_endpoints")
        with recorded(endpoints) as mock:
            systems = served_systems(endpoints)
            systems.mock = mock
            yield systems, None
    elif settings.live:
        run: LiveRun = request.getfixturevalue("live_run")
        endpoints = Endpoints.from_environment()
        scope = run.next_scope()
        customerp = LiveCustomerp(endpoints.customerp_url, endpoints.customerp_api_key, scope)
        webcrm = LiveWebcrm(endpoints.webcrm_url, endpoints.webcrm_auth_code, scope)
        with recorded(endpoints) as mock:
            yield Systems(customerp, webcrm, WallClock(), endpoints, mock, scope), run
    else:
        with in_process_systems() as systems:
            yield systems, None


@pytest.fixture
def scene(request: pytest.FixtureRequest, evidence: Evidence) -> Iterator[Scene]:
    """Both systems of the target, one clock, faker data; the engine is built on first use."""
    for secret in TEST_KEYS.values():
        register_secret(secret)
    settings = run_settings(request.config)
    data = EntityData(scenario_seed(request.node.nodeid))
    request.node.stash[FAKER_DATA] = data
    evidence.note(f"faker {data}")
    folder = tempfile.TemporaryDirectory(prefix="talkqa-scene-", dir=state_folder())
    with folder, target_systems(request, settings) as (systems, live):
        if settings.target != "inprocess":
            ends = systems.endpoints
            evidence.note(f"target {settings.target}: {ends.customerp_url} {ends.webcrm_url}")
        if systems.scope is not None:
            evidence.note(f"live test data prefix {systems.scope.prefix}")
        world = Scene(
            workdir=Path(folder.name),
            data=data,
            systems=systems,
            settings=settings,
            live=live,
            evidence=evidence,
            make_driver=lambda world: engine_driver(request, settings, world),
        )
        try:
            yield world
        finally:
            world.close()


def systems_url(world: Scene) -> str:
    assert world.systems is not None
    return world.systems.endpoints.customerp_url


def engine_driver(request: pytest.FixtureRequest, settings: RunSettings, world: Scene) -> Any:
    """The scene's way of running the engine: external, a command, or the Python factory."""
    if settings.external:
        return ExternalDriver(world.propagation.cycle)
    if settings.engine_command:
        live = world.live
        clock_url = None if live else systems_url(world) + "/_fake/clock"
        return CommandDriver(
            settings.engine_command,
            world.engine_config(),
            cwd=request.config.rootpath,
            clock_url=clock_url,
            scope_prefix=live.prefix if live else None,
        )
    try:
        factory = load_factory()
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    return PythonDriver(factory, world.engine_config())
