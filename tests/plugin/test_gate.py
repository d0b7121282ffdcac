"""The checklist gate: exit status and terminal summary for strict, warn and off."""

from __future__ import annotations

import pytest
from plugin_project import ITEMS, PROPERTY_ITEM, TinyProject, all_items_feature, feature, scenario


def test_a_fully_covered_passing_checklist_passes_the_strict_gate(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    result = project.run()
    assert result.ret == 0
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(["*checklist gate (strict)*", "5 items: 5 passed, 0 failed*"])


@pytest.mark.parametrize(("mode", "status"), [("strict", 1), ("warn", 0), ("off", 0)])
def test_an_uncovered_item_fails_only_the_strict_gate(
    project: TinyProject, mode: str, status: int
) -> None:
    project.write_feature(feature(*(scenario(f"Covers {i}", [i]) for i in ITEMS)))
    result = project.run(f"--checklist-gate={mode}")
    result.assert_outcomes(passed=4)
    assert result.ret == status
    listed = f"NOT COVERED: {PROPERTY_ITEM}"
    if mode == "off":
        assert listed not in result.stdout.str()
    else:
        result.stdout.fnmatch_lines([listed])


@pytest.mark.parametrize(("mode", "status"), [("strict", 1), ("warn", 0), ("off", 0)])
def test_a_tag_naming_no_item_fails_only_the_strict_gate(
    project: TinyProject, mode: str, status: int
) -> None:
    stray = scenario("Stray", ["alpha-beta/thing-widgets/teleport"])
    project.write_feature(all_items_feature() + stray)
    result = project.run(f"--checklist-gate={mode}")
    result.assert_outcomes(passed=6)
    assert result.ret == status
    listed = (
        "UNKNOWN TAG: @checklist:alpha-beta/thing-widgets/teleport on test_things.py::test_stray"
    )
    if mode == "off":
        assert "UNKNOWN TAG" not in result.stdout.str()
    else:
        result.stdout.fnmatch_lines([listed])


@pytest.mark.parametrize("mode", ["strict", "warn", "off"])
def test_a_failed_scenario_fails_its_item(project: TinyProject, mode: str) -> None:
    broken = scenario("Broken link", [ITEMS[1]], then="the widget is broken")
    project.write_feature(all_items_feature() + broken)
    result = project.run(f"--checklist-gate={mode}")
    result.assert_outcomes(passed=5, failed=1)
    assert result.ret == 1  # the scenario's own failure, whatever the gate mode
    if mode == "off":
        assert "FAILED: alpha-beta" not in result.stdout.str()
    else:
        result.stdout.fnmatch_lines(["5 items: 4 passed, 1 failed*", f"FAILED: {ITEMS[1]}"])


def test_a_run_without_checklist_markers_is_not_gated(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_unit():\n    assert 1 + 1 == 2\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == 0
    assert "checklist gate" not in result.stdout.str()
    assert not (pytester.path / "reports").exists()


def test_asking_for_the_strict_gate_gates_a_run_without_scenarios(project: TinyProject) -> None:
    project.pytester.makepyfile(test_things="def test_unit():\n    pass\n")
    result = project.run("--checklist-gate=strict")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["5 items: 0 passed, 0 failed, 5 not covered, 0 skipped"])


def test_skipped_scenarios_make_a_skipped_item_that_does_not_fail_the_gate(
    project: TinyProject,
) -> None:
    others = [scenario(f"Covers {i}", [i]) for i in ITEMS[1:] + [PROPERTY_ITEM]]
    skipped = "  @skip\n" + scenario("Later", [ITEMS[0]])
    project.write_feature(feature(skipped, *others))
    project.pytester.makeconftest(
        "def pytest_configure(config):\n    config.addinivalue_line('markers', 'skip: skip')\n"
    )
    result = project.run()
    result.assert_outcomes(passed=4, skipped=1)
    assert result.ret == 0
    assert project.report_json()["items"][0]["status"] == "skipped"


def test_a_checklist_given_by_name_that_does_not_parse_is_a_one_line_usage_error(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    project.pytester.path.joinpath("broken.rst").write_text("Just a paragraph.\n")
    result = project.run("--checklist", "broken.rst")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if "broken.rst" in line]
    assert len(errors) == 1 and errors[0].startswith("ERROR: broken.rst")
    assert "Traceback" not in result.stderr.str()


def test_checklist_tags_become_a_registered_marker_that_m_selects(project: TinyProject) -> None:
    untagged = scenario("Untagged", [])
    project.write_feature(all_items_feature() + untagged)
    result = project.run("-m", "checklist", "--strict-markers")
    result.assert_outcomes(passed=5, deselected=1)
    assert result.ret == 0


@pytest.mark.parametrize("xdist", [False, True], ids=["serial", "xdist"])
def test_items_whose_scenarios_are_deselected_are_skipped_not_uncovered(
    project: TinyProject, xdist: bool
) -> None:
    project.write_feature(all_items_feature())
    args = ["-k", "not editsource", *(["-n", "2"] if xdist else [])]
    result = project.run(*args, subprocess=xdist)
    result.assert_outcomes(passed=4)
    assert result.ret == 0
    statuses = {i["id"]: i["status"] for i in project.report_json()["items"]}
    assert statuses[ITEMS[2]] == "skipped"
    assert list(statuses.values()).count("passed") == 4
