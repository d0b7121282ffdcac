"""The ``--volume`` switch: scenarios tagged ``@volume`` (thousands of entities, seconds each)
run only when asked, as in CI's job and the mutant campaign of the bugs only they catch."""

from __future__ import annotations

from typing import Any

import pytest

TAG = "volume"
OPTION = "--volume"


def add_options(parser: pytest.Parser) -> None:
    parser.getgroup("talkqa-target").addoption(
        OPTION,
        action="store_true",
        default=False,
        help="also run the large-volume scenarios (tagged @volume; CI's job runs them)",
    )


def configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{TAG}: a large-volume scenario; runs only with {OPTION}")


def skip_unless_asked(config: pytest.Config, scenario: Any) -> None:
    """pytest-bdd hook body: a @volume scenario is skipped, saying how to run it."""
    tags = set(scenario.tags) | set(getattr(scenario.feature, "tags", ()))
    if TAG in tags and not config.getoption(OPTION):
        pytest.skip(f"large volume (@{TAG}): run with {OPTION}, as CI's job does")
