"""Every documented command works on a plain ``pip install .`` (no ``[dev]`` extra): each runs
in a fresh interpreter where the dev-only packages cannot be imported."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# import names of the [dev] extra that are not also pulled in by the core dependencies
DEV_ONLY = ("matplotlib", "playwright", "pypdf", "mypy", "ruff")
BLOCK = (
    "import sys\n"
    f"for name in {DEV_ONLY!r}:\n"
    "    sys.modules[name] = None  # 'import name' raises ModuleNotFoundError\n"
    "from talkqa.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _talkqa(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK, *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_dev_extra_lists_the_blocked_packages() -> None:
    """The blocked names are really only in [dev] (so the simulation is a plain install)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"]).lower()
    dev = " ".join(project["optional-dependencies"]["dev"]).lower()
    for name in DEV_ONLY:
        assert name in dev and name not in core


@pytest.mark.parametrize(
    "command",
    ["checklist", "coverage", "scaffold", "sync", "fakes serve", "bench", "report merge"],
)
def test_every_commands_help_works(command: str) -> None:
    done = _talkqa(*command.split(), "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: talkqa " + command)


def test_checklist_coverage_and_report_merge_run(tmp_path: Path) -> None:
    assert _talkqa("checklist", "--json").returncode == 0
    assert _talkqa("coverage").returncode == 0
    report = tmp_path / "checklist.json"
    report.write_text('{"items": [{"id": "a/b/sync", "status": "passed"}]}')
    done = _talkqa("report", "merge", str(report), "-o", str(tmp_path / "merged"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "merged" / "checklist.html").is_file()


def test_bench_with_an_explicit_plot_says_in_one_line_what_to_install(tmp_path: Path) -> None:
    done = _talkqa("bench", "--quick", "--json", str(tmp_path / "r.json"), "--plot",
                   str(tmp_path / "b.png"))  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "error: --plot: matplotlib is not installed: pip install 'matplotlib>=3.8' "
        "(or talkqa[dev])\n"
    )
