"""Where the suite runs: ``--target=inprocess|served|live`` and ``--sync=engine|external``.

* inprocess (default): both fakes in this process, answering through ``responses``;
* served: one ``talkqa fakes serve`` subprocess per pytest process, reset per scenario; the
  steps use its control plane (``talkqa.apis``) and the engine talks HTTP over loopback;
* live: the systems at ``CUSTOMERP_URL`` / ``WEBCRM_URL`` with ``CUSTOMERP_API_KEY`` /
  ``WEBCRM_AUTH_CODE``; steps needing the fakes' control plane are skipped with a reason.

``--sync=external`` (live only) runs no cycle: the steps wait for an engine outside the run
and poll for the expected state until ``--sync-timeout`` seconds have passed.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import responses

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
)
from steps.live import Scope
from steps.vocabulary import (
    CONTROL_PLANE,
    ENGINE_STATE,
    FRESH,
    OWN_WRITES,
    TOGGLES,
    Need,
    known_step,
)
from talkqa.apis import RemoteFake

TARGETS = ("inprocess", "served", "live")
SYNCS = ("engine", "external")
LIVE_ENV = ("CUSTOMERP_URL", "CUSTOMERP_API_KEY", "WEBCRM_URL", "WEBCRM_AUTH_CODE")
TEST_KEYS = {"CUSTOMERP_API_KEY": DEFAULT_API_KEY, "WEBCRM_AUTH_CODE": DEFAULT_AUTH_CODE}
SERVE_START_SECONDS = 30.0
_SETTINGS = pytest.StashKey["RunSettings"]()
_EDIT = re.compile(r'"[^"]+" was (?:edited|deleted) in (?P<system>Customerp|Webcrm)\b')


@dataclass(frozen=True)
class RunSettings:
    """The options of this run (``--target``, ``--sync``, ``--sync-timeout``)."""

    target: str = "inprocess"
    sync: str = "engine"
    sync_timeout: float = 60.0
    poll_interval: float = 0.1
    engine_command: str | None = None  # --engine-command: one run per cycle
    served_ports: tuple[int, int] | None = None  # --served-ports: fixed (Customerp, webCRM)

    @property
    def live(self) -> bool:
        return self.target == "live"

    @property
    def external(self) -> bool:
        return self.sync == "external"


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("talkqa-target", "where the feature suite runs")
    group.addoption(
        "--target",
        choices=TARGETS,
        default="inprocess",
        help="inprocess (default): fakes in this process; served: fakes in a 'talkqa fakes "
        f"serve' process over loopback HTTP; live: the systems at {', '.join(LIVE_ENV)}",
    )
    group.addoption(
        "--sync",
        choices=SYNCS,
        default="engine",
        help="engine (default): the steps run the reference engine's cycles; external "
        "(live, or served with --served-ports): an engine outside the run syncs and the "
        "steps wait for it",
    )
    group.addoption(
        "--served-ports",
        metavar="CUSTOMERP,WEBCRM",
        default=None,
        help="served: the fakes listen on these loopback ports (so an external engine can be "
        "pointed at them before the run); needed with --target=served --sync=external",
    )
    group.addoption(
        "--sync-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="--sync=external: how long to wait for a change to arrive (default 60)",
    )
    group.addoption(
        "--engine-command",
        metavar="CMD",
        default=None,
        help="the engine under test as a command: one run per sync cycle, settings in the "
        "environment (docs/engine-protocol.md); needs --target=served or live; default: "
        "[tool.talkqa] engine_command, else the Python engine TALKQA_ENGINE names",
    )


def configure(config: pytest.Config) -> None:
    """Check the options once (usage errors, one line) and keep them for the steps."""
    settings = RunSettings(
        target=config.getoption("target"),
        sync=config.getoption("sync"),
        sync_timeout=config.getoption("sync_timeout"),
        engine_command=config.getoption("engine_command") or configured_command(config),
        served_ports=ports(config.getoption("served_ports")),
    )
    if settings.engine_command is not None and not settings.engine_command.strip():
        raise pytest.UsageError("--engine-command: CMD is empty")
    if settings.engine_command and settings.external:
        raise pytest.UsageError("--engine-command and --sync=external exclude each other")
    if settings.engine_command and settings.target == "inprocess":
        raise pytest.UsageError(
            "--engine-command needs --target=served or --target=live: a command cannot reach "
            "the fakes inside this process"
        )
    if settings.sync_timeout <= 0:
        raise pytest.UsageError("--sync-timeout: SECONDS must be positive")
    if settings.external and settings.target == "inprocess":
        raise pytest.UsageError(
            "--sync=external needs --target=live or --target=served: an engine outside the "
            "run cannot reach fakes inside this process"
        )
    if settings.external and settings.target == "served" and not settings.served_ports:
        raise pytest.UsageError(
            "--target=served --sync=external needs --served-ports CUSTOMERP,WEBCRM: the "
            "external engine must know where the fakes listen before the run starts them"
        )
    if settings.served_ports and getattr(config.option, "numprocesses", None):
        raise pytest.UsageError("--served-ports: fixed ports serve one pytest process, not -n")
    if settings.live:
        missing = [name for name in LIVE_ENV if not os.environ.get(name)]
        if missing:
            raise pytest.UsageError(
                f"--target=live needs {', '.join(missing)} in the environment "
                f"(all of {', '.join(LIVE_ENV)})"
            )
    config.stash[_SETTINGS] = settings


def ports(text: str | None) -> tuple[int, int] | None:
    """``--served-ports CUSTOMERP,WEBCRM`` as two port numbers (a usage error otherwise)."""
    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() and 0 < int(p) < 65536 for p in parts):
        raise pytest.UsageError(f"--served-ports: expected CUSTOMERP,WEBCRM ports, got {text!r}")
    return int(parts[0]), int(parts[1])


def configured_command(config: pytest.Config) -> str | None:
    """``[tool.talkqa] engine_command`` of the run's pyproject.toml (None: not set)."""
    inipath = config.inipath
    if inipath is None or inipath.name != "pyproject.toml":
        return None
    try:
        table = tomllib.loads(inipath.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None  # pytest read it already; an unreadable file is its error to report
    command = table.get("talkqa", {}).get("engine_command")
    if command is not None and not isinstance(command, str):
        raise pytest.UsageError(f"{inipath}: [tool.talkqa] engine_command must be a string")
    return command


def run_settings(config: pytest.Config) -> RunSettings:
    return config.stash.get(_SETTINGS, RunSettings())


# --- what a target cannot do: skipped scenarios and their reasons ------------------------------
def unsupported(need: Need, settings: RunSettings) -> str | None:
    """Why a step with this need cannot run here (None: it can)."""
    if need.kind in (CONTROL_PLANE, FRESH, OWN_WRITES) and settings.live:
        return f"needs the fakes' control plane ({need.what}), which live systems do not have"
    if need.kind == FRESH and settings.external:
        return f"needs {need.what}, but an external engine keeps its state across scenarios"
    if need.kind == OWN_WRITES and settings.external:
        return (
            f"needs {need.what}, but an external engine's cycles run on their own "
            "and the barrier's marker Customer is written too"
        )
    if need.kind == TOGGLES and (settings.live or settings.external):
        return f"needs {need.what}, which configure the engine for whole systems"
    if need.kind == ENGINE_STATE and settings.external:
        return f"needs {need.what}, which an external engine does not show"
    return None


def skip_reason(settings: RunSettings, steps: list[tuple[str, str]]) -> str | None:
    """The reason to skip a scenario of ``(keyword, text)`` steps here, or None to run it."""
    where = f"--target={settings.target} --sync={settings.sync}"
    for keyword, text in steps:
        pattern = known_step(keyword, text)
        why = unsupported(pattern.need, settings) if pattern and pattern.need else None
        if why:
            return f'{where}: step "{keyword.capitalize()} {text}" {why}'
    if settings.external and _edits_both_systems_before_the_cycle(steps):
        return (
            f"{where}: edits in both systems must land between the same two cycles, "
            "which only the steps' own engine can guarantee"
        )
    return None


def _edits_both_systems_before_the_cycle(steps: list[tuple[str, str]]) -> bool:
    edited: set[str] = set()
    for keyword, text in steps:
        if keyword == "when" or text == "the engine has synchronized both systems":
            if len(edited) > 1:
                return True
            edited.clear()
        match = _EDIT.search(text)
        if match:
            edited.add(match["system"])
    return len(edited) > 1


def skip_unsupported(config: pytest.Config, scenario: Any) -> None:
    """pytest-bdd hook body: skip a scenario this target or sync cannot run, saying why."""
    settings = run_settings(config)
    if settings.target == "inprocess" and not settings.external:
        return
    reason = skip_reason(settings, [(step.type, step.name) for step in scenario.steps])
    if reason:
        pytest.skip(reason)


# --- the systems a scene works on --------------------------------------------------------------
@dataclass(frozen=True)
class Endpoints:
    """API roots and credentials the engine and the live clients use (secrets kept out of repr)."""

    customerp_url: str
    customerp_api_key: str = field(repr=False)
    webcrm_url: str
    webcrm_auth_code: str = field(repr=False)

    @classmethod
    def from_environment(cls) -> Endpoints:
        env = os.environ
        return cls(
            env["CUSTOMERP_URL"],
            env["CUSTOMERP_API_KEY"],
            env["WEBCRM_URL"],
            env["WEBCRM_AUTH_CODE"],
        )


@dataclass
class Systems:
    """One scenario's two systems, their clock and how the engine reaches them."""

    customerp: Any
    webcrm: Any
    clock: Any
    endpoints: Endpoints
    mock: Any = None  # the responses mock that sees the engine's exchanges (evidence)
    scope: Scope | None = None  # live: the scenario's test data (its prefix)


@contextmanager
def in_process_systems() -> Iterator[Systems]:
    """Fresh fakes on a fresh FakeClock, answering requests of this process through responses."""
    clock = FakeClock()
    webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
    endpoints = Endpoints(
        customerp.base_url,
        TEST_KEYS["CUSTOMERP_API_KEY"],
        webcrm.base_url,
        TEST_KEYS["WEBCRM_AUTH_CODE"],
    )
    with InProcess(webcrm, customerp) as mock:
        yield Systems(customerp, webcrm, clock, endpoints, mock=mock)


HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@contextmanager
def recorded(endpoints: Endpoints) -> Iterator[responses.RequestsMock]:
    """Requests to both APIs really go out over HTTP, and each exchange is recorded.

    ``responses`` passes them through (``passthrough=True``) and keeps every call, so served
    and live scenarios carry the real HTTP exchanges in their evidence, as in-process ones
    do. The served fakes' control plane (``/_fake/``) passes through unrecorded.
    """
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for root in (endpoints.customerp_url, endpoints.webcrm_url):
            root = root.rstrip("/")
            api = re.compile(re.escape(root) + r"(?:/(?!_fake/)|\?|$)")
            for method in HTTP_METHODS:
                mock.add(method, api, passthrough=True)
            mock.add_passthru(root + "/_fake/")
        yield mock


def served_systems(endpoints: Endpoints) -> Systems:
    """The served fakes, emptied and with the clock at the contract's start (as in-process).

    The served clock follows wall time by default; scenarios freeze it so that they decide
    every moment, as in-process (their "time passes" steps move it).
    """
    customerp, webcrm = RemoteFake(endpoints.customerp_url), RemoteFake(endpoints.webcrm_url)
    clock = customerp.clock()
    customerp.reset()
    webcrm.reset()
    clock.freeze(True)
    clock.set(FakeClock().now())  # a new FakeClock starts at the contract's start
    return Systems(customerp, webcrm, clock, endpoints)


class FakesProcess:
    """``talkqa fakes serve`` on loopback: ``start()`` -> Endpoints, ``stop()``.

    Free ports and the test keys by default; fixed ``ports`` (``--served-ports``) take the
    keys from the environment when set there, so an external engine can be started first.
    """

    def __init__(self, ports: tuple[int, int] | None = None) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.ports = ports

    def start(self) -> Endpoints:
        customerp, webcrm = self.ports or (0, 0)
        command = [sys.executable, "-m", "talkqa", "fakes", "serve"]
        command += ["--port-customerp", str(customerp), "--port-webcrm", str(webcrm)]
        keys = {name: os.environ.get(name) or key for name, key in TEST_KEYS.items()}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,  # the server is quiet: the journal is its log
            env={**os.environ, **(keys if self.ports else TEST_KEYS)},
            text=True,
        )
        line = self._first_line()
        info = json.loads(line)
        return Endpoints(
            info["customerp"], info["customerp_api_key"], info["webcrm"], info["webcrm_auth_code"]
        )

    def _first_line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(SERVE_START_SECONDS):
                self.stop()
                raise RuntimeError(f"talkqa fakes serve said nothing in {SERVE_START_SECONDS} s")
        line = self.process.stdout.readline()
        if not line:
            _, errors = self.process.communicate()
            raise RuntimeError(f"talkqa fakes serve failed: {errors.strip()}")
        return line

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, signal.SIGTERM, 10)
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def stop_process(process: subprocess.Popen[Any], how: signal.Signals, wait: float) -> int:
    """Ask a child process to stop (``how``); kill it if it has not within ``wait`` seconds."""
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode
