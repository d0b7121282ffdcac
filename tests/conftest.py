"""Options and markers shared by the tests under tests/: ``--run-campaigns`` opts into the
slow campaigns (marker ``campaign``: e.g. the mutant campaign, one suite run per mutant), and
the campaign's scoreboard, printed after the run (here, so that the xdist controller, which
loads only this conftest, gathers every worker's kills from the test reports)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# pytest (prepend import mode) put this folder on sys.path to import this file; there the test
# folder tests/fakes would shadow the real ``fakes`` package, so take the folder off again.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if not p or Path(p).resolve() != _HERE]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-campaigns",
        action="store_true",
        default=False,
        help="also run the slow campaigns (tests marked 'campaign'), e.g. the mutant campaign",
    )
    parser.addoption(
        "--campaign-seeds",
        choices=("sample", "all"),
        default="sample",
        help="the mutant campaign's faker seeds: 'sample' (CI) runs every mutant with the "
        "per-scenario seeds and a fixed sample of mutants under extra seeds; 'all' runs every "
        "mutant under every seed (tests/mutants/seeds.py)",
    )
    parser.addoption(
        "--mutant-scenarios",
        choices=("breaks", "all"),
        default="breaks",
        help="the mutant campaign runs each mutant, in both bindings, against the scenarios of "
        "the items it breaks (default; bounded CI cost) or against all of them",
    )
    parser.addoption(
        "--command-mutants",
        choices=("sample", "all"),
        default="sample",
        help="which mutants the campaign runs through the command binding: a fixed sample of "
        "seven, one per kind of bug (default, CI), or the whole catalogue",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "campaign: a slow campaign (minutes); runs only with --run-campaigns"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-campaigns"):
        return
    skip = pytest.mark.skip(reason="slow campaign: run with --run-campaigns")
    for item in items:
        if item.get_closest_marker("campaign") is not None:
            item.add_marker(skip)


# --- the mutant campaign's scoreboard ----------------------------------------------------------
Board = dict[str, list[str] | None]
KILLS = "mutant_kills"  # the user property carrying one test's board to the controller
_BOARD: Board = {}  # this process's; the controller's gathers every worker's


@pytest.fixture
def kill_board(request: pytest.FixtureRequest) -> Iterator[Board]:
    """Mutant name -> the checklist items the suite failed when it killed the mutant (it
    failed on every item the mutant breaks), or None: the mutant survived."""
    board: Board = {}
    yield board
    request.node.user_properties.append((KILLS, board))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name == KILLS:
                _BOARD.update(value)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if not _BOARD:
        return
    killed = sorted(name for name, failed in _BOARD.items() if failed is not None)
    alive = sorted(name for name, failed in _BOARD.items() if failed is None)
    terminalreporter.section("mutant campaign")
    rate = f"{len(killed)}/{len(_BOARD)} ({100 * len(killed) // len(_BOARD)}%)"
    terminalreporter.write_line(f"kill rate: {rate}")
    for name in killed:
        failed = _BOARD[name] or []
        terminalreporter.write_line(f"killed: {name} ({len(failed)} checklist items failed)")
    for name in alive:
        terminalreporter.write_line(f"survived: {name}")
