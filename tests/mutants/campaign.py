"""Runs the conformance suite (``pytest features/``) in a subprocess against one engine
implementation and reads the checklist items that failed from the plugin's checklist.json;
runs the stateful sync test (tests/stateful) against one the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SuiteRun:
    """The outcome of one suite run: pytest's exit status and the item statuses."""

    returncode: int
    items: dict[str, str]  # checklist item id -> passed | failed | uncovered | skipped
    tail: str  # the last lines of pytest's output, for failure messages

    @property
    def failed(self) -> set[str]:
        return {item for item, status in self.items.items() if status == "failed"}


def engine_env(engine_spec: str | None, seed: int | None = None) -> dict[str, str]:
    """The environment of a subprocess run with ``TALKQA_ENGINE=engine_spec`` (None: the
    reference), the repository root importable (the catalogue is ``tests.mutants.catalogue``),
    and ``TALKQA_SEED=seed`` (None: every scenario's own seed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("TALKQA_ENGINE", "PYTEST_ADDOPTS", "TALKQA_SEED"):
        env.pop(name, None)
    if engine_spec is not None:
        env["TALKQA_ENGINE"] = engine_spec
    if seed is not None:
        env["TALKQA_SEED"] = str(seed)
    return env


def run_suite(
    engine_spec: str | None, workdir: Path, *args: str, seed: int | None = None
) -> SuiteRun:
    """``pytest features/`` with ``TALKQA_ENGINE=engine_spec`` (None: the reference) and
    ``TALKQA_SEED=seed``."""
    report = workdir / "checklist.html"
    command = [sys.executable, "-m", "pytest", "features/", "-q", "-p", "no:cacheprovider",
               "-p", "no:randomly", "--tb=no", "--no-header", f"--checklist-report={report}",
               *args]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=engine_env(engine_spec, seed), capture_output=True, text=True,
        check=False, timeout=900,
    )  # fmt: skip
    data_path = workdir / "checklist.json"
    data = json.loads(data_path.read_text(encoding="utf-8")) if data_path.exists() else {}
    items = {item["id"]: item["status"] for item in data.get("items", [])}
    return SuiteRun(done.returncode, items, _tail(done))


COMMAND_ENGINE = "talkqa sync --engine-protocol"
# The mutants CI runs through the command binding (one of each kind of bug: mapping, types,
# merge, echo, retries, toggles); --command-mutants=all runs the whole catalogue.
COMMAND_SAMPLE = (
    "swapped-properties",
    "float-as-string",
    "latest-wins-reversed",
    "echo-loop",
    "duplicate-on-retry",
    "retry-after-ignored",
    "share-enabled-ignored",
)


def mutant_command(name: str) -> str:
    """The engine command of one mutant (the repository root is the working directory)."""
    return f"python -m tests.mutants.command {name}"


def command_args(command: str) -> list[str]:
    """``pytest features/`` arguments running ``command`` against served fakes."""
    return ["--target=served", f"--engine-command={command}", "-n", "2"]


def item_args(items: tuple[str, ...]) -> list[str]:
    """Only the scenarios tracing these checklist items (``--checklist-item``; the gate off, as
    the other items go uncovered: only failed scenarios fail the run); none: all."""
    if not items:
        return []
    return ["--checklist-gate=off", *(f"--checklist-item={item}" for item in items)]


def run_stateful(engine_spec: str, profile: str) -> subprocess.CompletedProcess[str]:
    """The stateful sync test (in-process) against an engine, with a hypothesis profile."""
    env = {**engine_env(engine_spec), "TALKQA_PROFILE": profile}
    command = [sys.executable, "-m", "pytest", "tests/stateful", "-q", "-p", "no:cacheprovider",
               "-p", "no:randomly", "-k", "in-process", "--no-header"]  # fmt: skip
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=900
    )


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    """The last lines of pytest's output, for failure messages."""
    return "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
