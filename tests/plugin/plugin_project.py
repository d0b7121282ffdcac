"""A tiny project for the plugin tests (checklist, features, steps) to write into pytester;
a module of its own, as test modules import it by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

OFFICIAL = """\
======================
Alpha to Beta Dataflow
======================

Generated: 2024-01-02 03:04:05

Introduction
------------

A tiny document for the plugin tests.

Alpha Thing to Beta Widgets
---------------------------
Every Alpha Thing will be synchronized with a Beta Widgets.

Once a link between a Alpha Thing and a Beta Widgets is established, it will keep in sync \
between the two systems, regardless of where it is edited.

The following properties are synchronized between a Alpha Thing and a Beta Widgets:

.. list-table::
   :header-rows: 1

   * - Alpha Thing Property
     - Beta Widgets Property
     - Beta Data Type
"""

SUPPLEMENT_ROWS = """\
   * - name
     - WidgetName
     - "string"
"""

FLOW = "alpha-beta/thing-widgets"
ITEMS = [f"{FLOW}/{kind}" for kind in ("sync", "link", "edit-source", "edit-target")]
PROPERTY_ITEM = f"{FLOW}/property/name--widgetname"

STEPS = """\
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("features")


@given("a thing in Alpha")
def _():
    pass


@when("the sync runs")
def _():
    pass


@then(parsers.parse("the widget is named {name}"))
def _(name):
    pass


@then("a widget exists in Beta")
def _():
    pass


@then("the widget is broken")
def _(evidence):
    import os
    evidence.exchange(
        "POST",
        "https://beta.example/widgets",
        500,
        request_headers={"Authorization": "Bearer tok-" + os.environ["CUSTOMERP_API_KEY"]},
        request_body={"name": "<script>alert(1)</script>",
                      "authCode": os.environ["WEBCRM_AUTH_CODE"]},
        response_body='{"AccessToken": "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"}',
    )
    evidence.note("seed 4242")
    assert False, "widget <b>broken</b> by " + os.environ["CUSTOMERP_API_KEY"]


@then(parsers.parse("the widget {name} breaks"))
def _(evidence, name):
    evidence.exchange("GET", f"https://beta.example/widgets/{name}", 404, response_body=name)
    assert False, f"widget {name} missing"


@then("the widget cannot be checked here")
def _():
    import pytest
    pytest.skip("needs <Beta's> control plane")
"""

SECRET_KEY = "cp-very-secret-key-123"
SECRET_CODE = "wc-very-secret-code-456"


def scenario(name: str, tags: list[str], then: str = "a widget exists in Beta") -> str:
    """A Gherkin scenario block (indented for a feature) with the given checklist tags."""
    tag_line = " ".join(f"@checklist:{t}" for t in tags)
    head = f"  {tag_line}\n" if tags else ""
    return (
        f"{head}  Scenario: {name}\n    Given a thing in Alpha\n"
        f"    When the sync runs\n    Then {then}\n\n"
    )


def feature(*scenarios: str, tags: str = "") -> str:
    head = f"{tags}\n" if tags else ""
    return f"{head}Feature: Things become widgets\n  Alpha things arrive as widgets.\n\n" + "".join(
        scenarios
    )


def all_items_feature() -> str:
    """One passing scenario per item of the tiny checklist (official and supplement)."""
    return feature(*(scenario(f"Covers {i}", [i]) for i in [*ITEMS, PROPERTY_ITEM]))


class TinyProject:
    """A pytester project: the tiny checklist in force, one feature file, the steps module."""

    def __init__(self, pytester: pytest.Pytester) -> None:
        self.pytester = pytester
        pytester.makefile(".rst", alpha_beta=OFFICIAL)
        pytester.path.joinpath("alpha_beta.supplement.rst").write_text(
            OFFICIAL.replace("A tiny document", "The supplement") + SUPPLEMENT_ROWS
        )
        pytester.makepyprojecttoml(
            '[tool.talkqa]\nchecklists = ["alpha_beta.rst", "alpha_beta.supplement.rst"]\n\n'
            '[tool.pytest.ini_options]\naddopts = "--strict-markers -p no:cacheprovider"\n'
        )
        pytester.makepyfile(test_things=STEPS)

    def write_feature(self, text: str) -> None:
        folder = self.pytester.path / "features"
        folder.mkdir(exist_ok=True)
        (folder / "things.feature").write_text(text, encoding="utf-8")

    def run(self, *args: str, subprocess: bool = False) -> pytest.RunResult:
        if subprocess:
            return self.pytester.runpytest_subprocess(*args)
        return self.pytester.runpytest(*args)

    def report_json(self) -> dict[str, Any]:
        path = self.pytester.path / "reports" / "checklist.json"
        return dict(json.loads(path.read_text(encoding="utf-8")))

    def read(self, name: str) -> str:
        return Path(self.pytester.path / "reports" / name).read_text(encoding="utf-8")
