"""The mutant campaign's scoreboard: which mutants the suite killed, printed after the run."""

from __future__ import annotations

import pytest

BOARD = pytest.StashKey[dict[str, bool]]()


@pytest.fixture
def kill_board(request: pytest.FixtureRequest) -> dict[str, bool]:
    """Mutant name -> killed (the suite failed on every item the mutant breaks)."""
    return request.config.stash.setdefault(BOARD, {})


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    board = config.stash.get(BOARD, {})
    if not board:
        return
    killed = sorted(name for name, dead in board.items() if dead)
    alive = sorted(name for name, dead in board.items() if not dead)
    terminalreporter.section("mutant campaign")
    terminalreporter.write_line(
        f"kill rate: {len(killed)}/{len(board)} ({100 * len(killed) // len(board)}%)"
    )
    for name in alive:
        terminalreporter.write_line(f"survived: {name}")
