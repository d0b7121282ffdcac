"""The report's verdict sentence, what changed since the previous run or a baseline, the kept
history and its trend chart."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys

from filelock import FileLock
from plugin_project import (
    FLOW,
    ITEMS,
    PROPERTY_ITEM,
    SUPPLEMENT_ROWS,
    TinyProject,
    all_items_feature,
    feature,
    scenario,
)

LINK = ITEMS[1]


def _broken_link_feature() -> str:
    """Every item covered; the link item's second scenario fails."""
    return all_items_feature() + scenario("Broken link", [LINK], then="the widget is broken")


def _history(project: TinyProject) -> dict:
    return json.loads(project.read("history.json"))


def test_a_run_where_every_item_passes_says_ready_with_both_counts(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    project.run(subprocess=True).assert_outcomes(passed=5)
    readiness = project.report_json()["readiness"]
    assert readiness["ready"] is True
    assert readiness["sentence"] == (
        "Ready: the checklist in force holds: all 4 official items and all 1 supplement items pass."
    )
    assert readiness["official"]["items"] == 4 and readiness["supplement"]["passed"] == 1
    html = project.read("checklist.html")
    assert '<section id="verdict" class="verdict ready">' in html


def test_a_failing_and_an_uncovered_item_make_it_not_ready_naming_them(
    project: TinyProject,
) -> None:
    covered = [scenario(f"Covers {i}", [i]) for i in ITEMS]  # the supplement item is left out
    broken = scenario("Broken link", [LINK], then="the widget is broken")
    project.write_feature(feature(*covered, broken))
    project.run("--checklist-gate=warn", subprocess=True).assert_outcomes(passed=4, failed=1)
    readiness = project.report_json()["readiness"]
    assert readiness["ready"] is False
    assert readiness["sentence"] == (
        "Not ready: 1 of 4 official items and 1 of 1 supplement items fail or are not "
        f"covered: failed {LINK}; not covered {PROPERTY_ITEM} (supplement)."
    )
    assert readiness["failed"] == [LINK] and readiness["uncovered"] == [PROPERTY_ITEM]
    html = project.read("checklist.html")
    verdict = html.index('<section id="verdict" class="verdict not-ready">')
    assert verdict < html.index('id="checklist"')
    assert '<span class="verdict-word">Not ready</span>' in html


def test_the_second_run_names_the_newly_failing_item_and_draws_both_runs(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    project.run(subprocess=True).assert_outcomes(passed=5)
    first = project.report_json()
    assert first["changes"]["baseline"] is None
    project.write_feature(_broken_link_feature())
    project.run("--checklist-gate=warn", subprocess=True).assert_outcomes(passed=5, failed=1)
    data = project.report_json()
    assert data["changes"]["baseline"]["started"] == first["run"]["started"]
    assert data["changes"]["newly_failing"] == [LINK]
    assert data["changes"]["fixed"] == data["changes"]["added"] == []
    assert [t["summary"]["failed"] for t in data["trend"]] == [0, 1]
    assert len(_history(project)["runs"]) == 2

    html = project.read("checklist.html")
    changes = html.index('<section id="changes">')
    assert html.index('id="verdict"') < changes < html.index('id="documents"')
    section = html[changes : html.index("</section>", changes)]
    assert re.search(r"Newly failing \(1\):</strong>\s*<a href=\"#item-" + LINK, section)
    assert section.count('<g class="trend-run">') == 2
    assert ">5/5<" in section and ">4/5<" in section  # passed/all above each bar


def test_a_fix_a_new_cover_and_a_changed_document_are_named(project: TinyProject) -> None:
    partial = [scenario(f"Covers {i}", [i]) for i in ITEMS[:3]]
    broken = scenario("Broken link", [LINK], then="the widget is broken")
    project.write_feature(feature(*partial, broken))
    project.run("--checklist-gate=warn", subprocess=True)
    supplement = project.pytester.path / "alpha_beta.supplement.rst"
    supplement.write_text(
        supplement.read_text().replace(SUPPLEMENT_ROWS, SUPPLEMENT_ROWS.replace("name", "title"))
    )
    renamed = f"{FLOW}/property/title--widgetname"
    project.write_feature(feature(*(scenario(f"Covers {i}", [i]) for i in [*ITEMS, renamed])))
    project.run(subprocess=True).assert_outcomes(passed=5)
    changes = project.report_json()["changes"]
    assert changes["fixed"] == [LINK]
    assert changes["newly_covered"] == [ITEMS[3]]
    assert changes["added"] == [renamed] and changes["removed"] == [PROPERTY_ITEM]
    assert changes["newly_failing"] == changes["newly_uncovered"] == []


def test_the_history_keeps_the_last_n_runs(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    for _ in range(3):
        project.run("--checklist-history-keep=2", subprocess=True).assert_outcomes(passed=5)
    runs = _history(project)["runs"]
    assert len(runs) == 2
    assert runs[-1]["started"] == project.report_json()["run"]["started"]
    assert len(project.report_json()["trend"]) == 2


def test_a_named_baseline_is_saved_and_compared_with_instead_of_the_last_run(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    project.run("--checklist-save-baseline=release-1", subprocess=True).assert_outcomes(passed=5)
    saved = json.loads(project.read("baselines/release-1.json"))
    assert saved["name"] == "release-1" and saved["items"][LINK] == "passed"
    project.write_feature(_broken_link_feature())
    project.run(
        "--checklist-gate=warn", subprocess=True
    )  # the previous run now fails the link item
    project.run("--checklist-gate=warn", "--checklist-baseline=release-1", subprocess=True)
    changes = project.report_json()["changes"]
    assert changes["baseline"]["label"] == "release-1"
    assert changes["newly_failing"] == [LINK]  # against the last run it would be []
    assert "What changed since release-1" in project.read("checklist.html")


def test_a_checklist_json_serves_as_a_baseline_path(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    project.run(subprocess=True).assert_outcomes(passed=5)
    release = project.pytester.path / "release.json"
    release.write_text(project.read("checklist.json"))
    project.write_feature(_broken_link_feature())
    project.run("--checklist-gate=warn", "--checklist-baseline", "release.json", subprocess=True)
    changes = project.report_json()["changes"]
    assert changes["baseline"]["label"].endswith("release.json")
    assert changes["newly_failing"] == [LINK]


def test_an_unknown_baseline_is_one_usage_error_line_before_anything_runs(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    result = project.run("--checklist-baseline=nope", subprocess=True)
    assert result.ret == 4
    result.stderr.fnmatch_lines(
        ["ERROR: --checklist-baseline: *baselines/nope.json: no baseline named 'nope'*"]
    )
    assert "Traceback" not in result.stderr.str()
    assert not (project.pytester.path / "reports" / "checklist.html").exists()


def test_a_baseline_file_that_is_not_a_run_names_the_file_and_field(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    bad = project.pytester.path / "bad.json"
    bad.write_text('{"items": {"x": "green"}}')
    result = project.run("--checklist-baseline=bad.json", subprocess=True)
    assert result.ret == 4
    result.stderr.fnmatch_lines(
        ["ERROR: --checklist-baseline: *bad.json: item x: status 'green' is not one of *"]
    )


def test_an_unreadable_history_is_named_left_alone_and_the_report_still_written(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    history = project.pytester.path / "reports" / "history.json"
    history.parent.mkdir()
    history.write_text("{not json")
    result = project.run(subprocess=True)
    assert result.ret == 4
    result.stdout.fnmatch_lines(["error: --checklist-history: *history.json:1: not JSON*"])
    assert history.read_text() == "{not json"
    data = project.report_json()
    assert data["readiness"]["ready"] is True
    assert "not JSON" in data["changes"]["error"]


def test_keep_zero_neither_reads_nor_writes_a_history(project: TinyProject) -> None:
    project.write_feature(all_items_feature())
    project.run("--checklist-history-keep=0", subprocess=True).assert_outcomes(passed=5)
    assert not (project.pytester.path / "reports" / "history.json").exists()
    assert len(project.report_json()["trend"]) == 1


def test_a_run_ending_while_another_writes_the_history_waits_and_both_runs_are_kept(
    project: TinyProject,
) -> None:
    project.write_feature(all_items_feature())
    project.run(subprocess=True).assert_outcomes(passed=5)
    history = project.pytester.path / "reports" / "history.json"
    with FileLock(f"{history}.lock"):  # another run, between reading the history and writing it
        other = json.loads(history.read_text())
        run = project.pytester.popen(
            [sys.executable, "-u", "-m", "pytest", "-p", "no:cacheprovider"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        assert run.stdout is not None
        shown = b""
        while b"[100%]" not in shown:  # the run's tests are done; it now wants the history
            chunk = os.read(run.stdout.fileno(), 4096)
            assert chunk, f"the run ended before its tests did: {shown.decode()}"
            shown += chunk
        with contextlib.suppress(subprocess.TimeoutExpired):
            run.wait(timeout=3)
        still_waiting = run.poll() is None
        other["runs"].append({**other["runs"][-1], "started": "2000-01-01T00:00:00Z"})
        history.write_text(json.dumps(other))
    output, _ = run.communicate(timeout=120)
    assert run.returncode == 0, output.decode()
    assert still_waiting  # without the lock it would have read the history and overwritten it
    started = [r["started"] for r in _history(project)["runs"]]
    assert len(started) == 3 and started[1] == "2000-01-01T00:00:00Z"
    assert started[2] == project.report_json()["run"]["started"]
