"""The quick-start wrapper refuses unknown jobs with usage and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_run_py_without_a_job_prints_usage_and_exits_2() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "run.py")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "python3 run.py features" in proc.stderr


def test_run_py_with_an_unknown_job_exits_2() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "deploy"], capture_output=True, text=True
    )
    assert proc.returncode == 2
