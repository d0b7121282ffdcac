"""Quick start: set up the project-local virtual environment and run a job.

    python3 run.py features   # the main job: pytest features/ (writes reports/)
    python3 run.py test       # the whole test suite: tests/ and features/, campaigns included,
                              # hypothesis profile ci (CI runs this job)

Both write reports/: checklist.html and .json, cucumber.json and junit.xml.
Extra arguments go to pytest, e.g. ``python3 run.py test -x -k checklist``.
The environment lives in ``.venv`` and is reinstalled only when
``pyproject.toml`` changes. The browser tests need Debian's ``chromium``;
``test`` installs it with apt-get when it is missing and we are root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".talkqa-installed"
JUNIT = "--junitxml=reports/junit.xml"
# ``test`` also runs the slow campaigns (the mutant campaign: one suite run per mutant), so
# CI proves the suite kills every mutant; a plain ``pytest`` leaves them out for speed.
# ``test`` spreads over every core (pytest-xdist, work stealing: the campaigns' runs are long
# and uneven); most of its time is subprocess suite runs, which keep a core busy each.
XDIST = ["-n", "auto", "--dist", "worksteal"]
JOBS = {
    "features": ["features/", JUNIT],
    "test": [JUNIT, "--run-campaigns", "--volume", *XDIST],
}
# ``test`` (CI's job) runs the hypothesis profile ``ci`` (steps/profiles.py) unless
# TALKQA_PROFILE says otherwise: e.g. the stateful sync test's 200 examples per mode.
PROFILES = {"test": "ci"}


def _ensure_venv() -> Path:
    python = BIN / "python"
    if not python.exists():
        print("run.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        print("run.py: installing talkqa and its dependencies into .venv", flush=True)
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-e", ".[dev]"], cwd=ROOT, check=True)
        STAMP.write_text(digest)
    return python


def _ensure_chromium() -> None:
    if Path("/usr/bin/chromium").exists() or not shutil.which("apt-get"):
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        print("run.py: /usr/bin/chromium missing; install Debian's chromium for browser tests")
        return
    print("run.py: installing Debian's chromium for the browser tests", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in JOBS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    job, extra = argv[0], argv[1:]
    python = _ensure_venv()
    if job == "test":
        _ensure_chromium()
    cmd = [str(python), "-m", "pytest", *JOBS[job], *extra]
    env = dict(os.environ)
    if job in PROFILES:
        env.setdefault("TALKQA_PROFILE", PROFILES[job])
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
