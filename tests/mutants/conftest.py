"""The mutant campaign's scoreboard: which mutants the suite killed, printed after the run
(also under xdist: each test's kills travel to the controller in its report)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

Board = dict[str, list[str] | None]
PROPERTY = "mutant_kills"
_BOARD: Board = {}  # of this process: the controller's gathers every worker's


@pytest.fixture
def kill_board(request: pytest.FixtureRequest) -> Iterator[Board]:
    """Mutant name -> the checklist items the suite failed when it killed the mutant (it
    failed on every item the mutant breaks), or None: the mutant survived."""
    board: Board = {}
    yield board
    request.node.user_properties.append((PROPERTY, board))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name == PROPERTY:
                _BOARD.update(value)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    board = _BOARD
    if not board:
        return
    killed = sorted(name for name, failed in board.items() if failed is not None)
    alive = sorted(name for name, failed in board.items() if failed is None)
    terminalreporter.section("mutant campaign")
    terminalreporter.write_line(
        f"kill rate: {len(killed)}/{len(board)} ({100 * len(killed) // len(board)}%)"
    )
    for name in killed:
        failed = board[name] or []
        terminalreporter.write_line(f"killed: {name} ({len(failed)} checklist items failed)")
    for name in alive:
        terminalreporter.write_line(f"survived: {name}")
