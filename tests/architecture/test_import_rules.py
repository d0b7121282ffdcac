"""The arrows between the parts (docs/architecture.md), checked by import-linter with the
contracts in pyproject.toml: what each part may not import, and no import circle inside a
package. The checks run on a copy of the tree too, with a forbidden import added, to show
that a broken rule is reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("checklist", "talksync", "fakes", "talkqa", "steps", "benchmarks")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the packages below ``root`` (found first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_rules_hold_for_the_project() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The project's packages and pyproject.toml, copied (without caches)."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "source", "broken", "named"),
    [
        ("fakes/leak.py", "import talksync\n", "fakes import nothing", "fakes.leak -> talksync"),
        (
            "checklist/leak.py",
            "from talkqa import gate\n",
            "checklist imports",
            "checklist.leak ->",
        ),
        ("talksync/leak.py", "import fakes\n", "talksync (the engine", "talksync.leak -> fakes"),
        ("talkqa/leak.py", "import steps.systems\n", "nothing imports steps", "talkqa.leak ->"),
        ("talkqa/leak.py", "import talksync\n", "reference engine only", "talkqa.leak -> talksync"),
        ("talksync/leak.py", "import talksync.engine\n", "no import circle", ".leak -> .engine"),
    ],
    ids=[
        "fakes-engine",
        "checklist-harness",
        "engine-fakes",
        "harness-steps",
        "harness-engine",
        "engine-circle",
    ],  # fmt: skip
)
def test_a_forbidden_import_is_reported(
    tree_copy: Path, module: str, source: str, broken: str, named: str
) -> None:
    (tree_copy / module).write_text(f'"""A module that breaks a rule."""\n\n{source}')
    if broken == "no import circle":  # the engine imports the module that imports it back
        engine = tree_copy / "talksync" / "engine.py"
        engine.write_text(engine.read_text() + "\nimport talksync.leak  # noqa: E402\n")
    result = lint_imports(tree_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    broken_section = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in broken_section
    assert named in broken_section
    assert "1 broken" in result.stdout
