"""Run metadata for the report: when, how long, which commit, seed and hypothesis profile."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from typing import Any

import pytest

from talkqa.report.results import RunResults


def git_commit(cwd: str) -> str | None:
    """The checked-out commit (short hash, ``+dirty`` when the tree has changes), if any."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if dirty else head or None


def hypothesis_profile() -> str | None:
    try:
        from hypothesis import settings
    except ImportError:
        return None
    return str(settings.get_current_profile_name())


def run_metadata(config: pytest.Config, results: RunResults) -> dict[str, Any]:
    """JSON-able facts about the run, shown at the top of the HTML report."""
    seed = config.getoption("hypothesis_seed", None) or os.environ.get("TALKQA_SEED")
    workers = config.getoption("numprocesses", None)
    return {
        "started": datetime.fromtimestamp(results.started, UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "duration": f"{results.duration:.2f} s",
        "commit": git_commit(str(config.rootpath)),
        "seed": str(seed) if seed is not None else "per scenario (see failures)",
        "hypothesis_profile": hypothesis_profile(),
        "workers": str(workers) if workers else "none (serial)",
        "tests": sum(1 for r in results.scenarios.values() if r.ran),
    }
