"""Wall time of the feature suite, ``pytest features/`` serial and with ``-n 2``, each in a
subprocess; the checklist report goes to a temporary folder so reports/ is left alone."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.world import ROOT

OUTCOMES = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected)")


def pytest_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "features/", "-q", "-p", "no:cacheprovider", *args]


def collected(timeout: float) -> int:
    """How many tests ``pytest features/`` collects (0 when it collects nothing or fails)."""
    done = subprocess.run(
        pytest_command("--collect-only"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    match = re.search(r"(\d+) tests? collected", done.stdout)
    return int(match.group(1)) if match else 0


def timed_run(label: str, args: list[str], timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="talkqa-bench-suite-") as tmp:
        report = str(Path(tmp) / "checklist.html")
        started = time.perf_counter()
        done = subprocess.run(
            pytest_command("--checklist-report", report, *args),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        seconds = time.perf_counter() - started
    tail = done.stdout.strip().splitlines()[-1:] or [""]
    outcomes = {kind.rstrip("s"): int(n) for n, kind in OUTCOMES.findall(tail[0])}
    return {
        "label": label,
        "seconds": round(seconds, 2),
        "exit_status": done.returncode,
        "outcomes": outcomes,
    }


def measure(timeout: float = 900) -> dict[str, Any]:
    """Both runs, or a stated reason why the suite was not timed."""
    tests = collected(timeout)
    if not tests:
        return {"skipped": "pytest features/ collects no test yet", "collected": 0}
    serial = timed_run("serial", [], timeout)
    parallel = timed_run("-n 2", ["-n", "2"], timeout)
    return {
        "skipped": None,
        "collected": tests,
        "serial": serial,
        "parallel": parallel,
        "parallel_speedup": round(serial["seconds"] / parallel["seconds"], 2),
    }
