"""pytest plugin entry point (``pytest11``): wires talkqa's sub-plugins into every run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from talkqa import gate, report, tags
from talkqa.evidence import evidence as evidence  # the ``evidence`` fixture
from talkqa.report import capture


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("talkqa", "talkqa checklist gate and report")
    gate.add_options(group)
    tags.add_options(group)
    report.add_options(group)


def pytest_configure(config: pytest.Config) -> None:
    tags.configure(config)
    capture.configure(config)
    gate.configure(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    gate.unconfigure(config)
    capture.unconfigure(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tags.select(config, items)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., Any]) -> bool | None:
    return tags.apply_tag(tag, function)
