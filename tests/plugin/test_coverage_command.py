"""``talkqa coverage``: the item-by-scenario matrix from .feature files, and its exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plugin_project import ITEMS, OFFICIAL, PROPERTY_ITEM, SUPPLEMENT_ROWS

from talkqa.cli import main


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the tiny checklist in force and an empty features/ folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "alpha_beta.rst").write_text(OFFICIAL)
    (tmp_path / "alpha_beta.supplement.rst").write_text(OFFICIAL + SUPPLEMENT_ROWS)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.talkqa]\nchecklists = ["alpha_beta.rst", "alpha_beta.supplement.rst"]\n'
    )
    (tmp_path / "features").mkdir()
    return tmp_path


def _feature(folder: Path, name: str, text: str) -> None:
    (folder / "features" / name).write_text(text, encoding="utf-8")


COVERING = f"""\
@checklist:{ITEMS[0]}
Feature: Things1 - things become widgets

  @checklist:{ITEMS[1]} @checklist:{ITEMS[2]}
  Scenario: [1] A thing arrives and stays linked
    Given a thing
    When the sync runs
    Then a widget exists

  Rule: edits travel back
    @checklist:{ITEMS[3]}
    Scenario Outline: [2] A widget edit reaches the thing
      Given a thing
      When the sync runs
      Then <x> arrives

      Examples:
        | x |
        | a |
"""

PROPERTY = f"""\
Feature: Things2 - names

  @checklist:{PROPERTY_ITEM}
  Scenario: [1] The name arrives
    Given a thing
    When the sync runs
    Then a widget exists
"""


def test_a_fully_covered_checklist_prints_the_matrix_and_exits_0(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _feature(folder, "Things1.feature", COVERING)
    _feature(folder, "Things2.feature", PROPERTY)
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"  {ITEMS[0]}  2 scenario(s)" in out  # the Feature's tag covers both scenarios
    assert f"  {ITEMS[3]}  1 scenario(s)" in out  # a tag inside a Rule
    assert "      features/Things1.feature:12  [2] A widget edit reaches the thing" in out
    assert f"+ {PROPERTY_ITEM}  1 scenario(s)" in out  # supplement item marked +
    assert out[-1] == "5 items: 5 covered, 0 not covered; 3 scenarios; 0 unknown tags"


def test_an_uncovered_item_exits_1(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _feature(folder, "Things1.feature", COVERING)
    assert main(["coverage"]) == 1
    assert f"+ {PROPERTY_ITEM}  NOT COVERED" in capsys.readouterr().out.splitlines()


def test_a_tag_naming_no_item_exits_1(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _feature(folder, "Things1.feature", COVERING)
    _feature(folder, "Things2.feature", PROPERTY.replace("widgetname", "widgetnom"))
    assert main(["coverage"]) == 1
    out = capsys.readouterr().out
    assert "UNKNOWN TAG @checklist:alpha-beta/thing-widgets/property/name--widgetnom" in out
    assert "features/Things2.feature:4  [1] The name arrives" in out


def test_json_output_lists_items_scenarios_and_unknown_tags(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _feature(folder, "Things1.feature", COVERING)
    assert main(["coverage", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {
        "items": 5,
        "covered": 4,
        "uncovered": 1,
        "scenarios": 2,
        "unknown_tags": 0,
    }
    first = data["items"][0]
    assert first["id"] == ITEMS[0] and first["covered"] and not first["supplement"]
    assert [s["line"] for s in first["scenarios"]] == [5, 12]
    assert data["items"][-1] == {
        "id": PROPERTY_ITEM,
        "supplement": True,
        "covered": False,
        "scenarios": [],
    }


def test_a_feature_file_the_gherkin_parser_rejects_is_one_line_and_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _feature(folder, "Broken.feature", "Feature: x\n  Scenario: y\n    Given a\n  Nonsense here\n")
    assert main(["coverage"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: features/Broken.feature:4: expected:")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--features", "nowhere"], "error: nowhere: no such folder\n"),
        (["--checklist", "missing.rst"], "error: missing.rst"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["coverage", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
