"""Wires the shared step vocabulary (steps/), the target options and the hypothesis profiles.

The step definitions live in ``steps``; importing them here makes them visible to every
feature module below this folder. The ``@checklist:<item id>`` tags are mapped to the
``checklist`` marker by the talkqa pytest plugin. ``--target``, ``--sync`` and
``--sync-timeout`` (steps/targets.py) choose where the scenarios run.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from steps import profiles, targets, volume
from steps.crowd import *  # noqa: F403
from steps.fixtures import *  # noqa: F403
from steps.fixtures import FAKER_DATA
from steps.given import *  # noqa: F403
from steps.meanwhile import *  # noqa: F403
from steps.outcomes import *  # noqa: F403
from steps.then import *  # noqa: F403
from steps.when import *  # noqa: F403
from talkqa.report.metadata import HYPOTHESIS_PROFILE

profiles.register()


def pytest_addoption(parser: pytest.Parser) -> None:
    targets.add_options(parser)
    volume.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    targets.configure(config)
    volume.configure(config)
    config.stash[HYPOTHESIS_PROFILE] = profiles.active()[0]


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """Skip, with the reason, a scenario the run's target or sync cannot carry out."""
    targets.skip_unsupported(request.config, scenario)
    volume.skip_unless_asked(request.config, scenario)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Every failed scenario names its faker seed, whatever raised (an engine error, too)."""
    report = yield
    data = item.stash.get(FAKER_DATA, None)
    if report.failed and data is not None:
        report.sections.append(("faker data", f"{data}"))
    return report
