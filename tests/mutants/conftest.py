"""The mutant campaign's scoreboard: which mutants the suite killed, printed after the run."""

from __future__ import annotations

import pytest

Board = dict[str, list[str] | None]
BOARD = pytest.StashKey[Board]()


@pytest.fixture
def kill_board(request: pytest.FixtureRequest) -> Board:
    """Mutant name -> the checklist items the suite failed when it killed the mutant (it
    failed on every item the mutant breaks), or None: the mutant survived."""
    return request.config.stash.setdefault(BOARD, {})


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    board = config.stash.get(BOARD, {})
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
