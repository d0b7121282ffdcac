"""The checklist report (HTML and JSON) and Cucumber JSON, written on the controller only."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from talkqa.files import write_atomically
from talkqa.report.changes import RunHistory
from talkqa.report.cucumber import cucumber_features
from talkqa.report.html import render_html
from talkqa.report.machine import report_data, report_json
from talkqa.report.metadata import run_metadata
from talkqa.report.results import RunResults
from talkqa.report.verdict import Verdict

DEFAULT_REPORT = "reports/checklist.html"


def add_options(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--checklist-report",
        dest="checklist_report",
        metavar="PATH",
        default=None,
        help=f"HTML checklist report (default {DEFAULT_REPORT}); checklist.json and "
        "cucumber.json are written beside it",
    )
    group.addoption(
        "--checklist-cucumber-json",
        dest="checklist_cucumber_json",
        metavar="PATH",
        default=None,
        help="Cucumber JSON of the Gherkin scenarios, right under xdist "
        "(default: cucumber.json beside the checklist report)",
    )
    RunHistory.add_options(group)


def report_paths(config: pytest.Config) -> tuple[Path, Path, Path]:
    """Where the HTML, JSON and Cucumber JSON reports go (relative to the invocation dir)."""
    base = config.invocation_params.dir
    html = base / (config.getoption("checklist_report") or DEFAULT_REPORT)
    cucumber = config.getoption("checklist_cucumber_json")
    return (
        html,
        html.with_name(html.stem + ".json"),
        base / cucumber if cucumber else html.with_name("cucumber.json"),
    )


def bdd_cucumber_path(config: pytest.Config) -> Path | None:
    """Where pytest-bdd's own ``--cucumberjson`` goes, if it was asked for."""
    given = config.getoption("cucumber_json_path", None)
    if not given:
        return None
    return config.invocation_params.dir / os.path.expandvars(os.path.expanduser(given))


def prepare_bdd_cucumber(config: pytest.Config) -> None:
    """Create the folder of ``--cucumberjson`` (pytest-bdd's writer would crash without it)."""
    path = bdd_cucumber_path(config)
    if path is not None:
        with contextlib.suppress(OSError):  # reported when the file is written
            path.parent.mkdir(parents=True, exist_ok=True)


def write_cucumber(config: pytest.Config, results: RunResults) -> list[Path]:
    """Write pytest-bdd's ``--cucumberjson`` file (if asked for) from the controller's results.

    Called after pytest-bdd wrote its own file (which is ``[]`` under xdist), so the file
    holds every scenario serial and under ``-n 2`` alike.
    """
    path = bdd_cucumber_path(config)
    if path is None:
        return []
    write_atomically(path, cucumber_features(list(results.scenarios.values())))
    return [path]


def write_reports(
    config: pytest.Config, verdict: Verdict, results: RunResults, history: RunHistory
) -> list[Path]:
    """Write all three reports, then the history (and a named baseline, if asked for); each
    file appears whole or not at all."""
    html_path, json_path, cucumber_path = report_paths(config)
    meta = run_metadata(config, results)
    data = report_data(verdict, meta)
    with history.lock():
        kept = history.record(data, meta)  # adds "changes" and "trend" to data
        outputs = [
            (html_path, render_html(verdict, meta, data)),
            (json_path, report_json(data)),
            (cucumber_path, cucumber_features(list(results.scenarios.values()))),
            *kept,
        ]
        for path, text in outputs:
            write_atomically(path, text)
    return [path for path, _ in outputs]
