"""Runs the conformance suite (``pytest features/``) in a subprocess against one engine
implementation and reads the checklist items that failed from the plugin's checklist.json."""

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


def run_suite(engine_spec: str | None, workdir: Path, *args: str) -> SuiteRun:
    """``pytest features/`` with ``TALKQA_ENGINE=engine_spec`` (None: the reference)."""
    report = workdir / "checklist.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TALKQA_ENGINE", None)
    env.pop("PYTEST_ADDOPTS", None)
    if engine_spec is not None:
        env["TALKQA_ENGINE"] = engine_spec
    command = [
        sys.executable,
        "-m",
        "pytest",
        "features/",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "--tb=no",
        "--no-header",
        f"--checklist-report={report}",
        *args,
    ]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    data_path = workdir / "checklist.json"
    data = json.loads(data_path.read_text(encoding="utf-8")) if data_path.exists() else {}
    items = {item["id"]: item["status"] for item in data.get("items", [])}
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
    return SuiteRun(done.returncode, items, tail)
