"""Run metadata for the report: when, how long, which commit, seed and hypothesis profile."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from typing import Any

import pytest

from talkqa.report.results import RunResults

SEED_VARIABLE = "TALKQA_SEED"  # forces the data seed of every scenario (steps/data.py)


def _git(cwd: str, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=5, check=True
    )
    return done.stdout.strip()


def git_commit(cwd: str) -> str | None:
    """The checked-out commit (short hash, ``+dirty`` when the tree has changes), if any."""
    try:
        head = _git(cwd, "rev-parse", "--short=12", "HEAD")
        dirty = _git(cwd, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if dirty else head or None


# A suite whose scenarios pick their own hypothesis settings says which profile they run with
# (``config.stash[HYPOTHESIS_PROFILE] = name``); otherwise hypothesis's current profile shows.
HYPOTHESIS_PROFILE = pytest.StashKey[str]()


def hypothesis_profile(config: pytest.Config) -> str | None:
    if HYPOTHESIS_PROFILE in config.stash:
        return config.stash[HYPOTHESIS_PROFILE]
    try:
        from hypothesis import settings
    except ImportError:
        return None
    return str(settings.get_current_profile_name())


def seeds(config: pytest.Config) -> str:
    """The seeds that decide this run's data: TALKQA_SEED and hypothesis's, when given."""
    given = []
    if os.environ.get(SEED_VARIABLE):
        given.append(f"{SEED_VARIABLE}={os.environ[SEED_VARIABLE]}")
    hypothesis_seed = config.getoption("hypothesis_seed", None)
    if hypothesis_seed is not None:
        given.append(f"--hypothesis-seed={hypothesis_seed}")
    if given:
        return ", ".join(given)
    return f"per scenario, from its node id ({SEED_VARIABLE} unset); failures name theirs"


def run_target(config: pytest.Config) -> str | None:
    """Where the scenarios ran (the steps' ``--target`` and ``--sync``), when the suite says."""
    target = config.getoption("target", None)
    if target is None:
        return None
    sync = config.getoption("sync", None)
    return f"{target} ({sync} sync)" if sync and sync != "engine" else str(target)


def run_metadata(config: pytest.Config, results: RunResults) -> dict[str, Any]:
    """JSON-able facts about the run, shown at the top of the HTML report."""
    workers = config.getoption("numprocesses", None)
    return {
        "started": datetime.fromtimestamp(results.started, UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "duration": f"{results.duration:.2f} s",
        "commit": git_commit(str(config.rootpath)),
        "target": run_target(config),
        "seed": seeds(config),
        "hypothesis_profile": hypothesis_profile(config),
        "workers": str(workers) if workers else "none (serial)",
        "tests": sum(1 for r in results.scenarios.values() if r.ran),
    }
