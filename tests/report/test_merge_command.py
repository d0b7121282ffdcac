"""``talkqa report merge``: one report from several runs' checklist.json, worst status as
verdict, one error line and exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from talkqa.cli import main

FLOW = "alpha-beta/thing-widgets"
SYNC, LINK, PROP = f"{FLOW}/sync", f"{FLOW}/link", f"{FLOW}/property/name--widgetname"


def _run_json(target: str | None, statuses: dict[str, str]) -> dict[str, Any]:
    """A run's checklist.json as the plugin writes it (the fields merge reads)."""
    return {
        "run": {"started": "2026-11-29 10:00:00 UTC", "commit": "abc", "target": target},
        "flows": {FLOW: "Alpha Thing to Beta Widgets"},
        "items": [
            {
                "id": item_id,
                "status": status,
                "supplement": item_id == PROP,
                "flow": FLOW,
                "text": f"text of {item_id.rpartition('/')[2]}",
            }
            for item_id, status in statuses.items()
        ],
    }


def _write(folder: Path, name: str, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _merge(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    out = tmp_path / "merged"
    status = main(["report", "merge", *args, "-o", str(out)])
    data = json.loads((out / "checklist.json").read_text())
    return status, data, (out / "checklist.html").read_text()


def test_each_item_shows_every_runs_status_and_the_worst_as_verdict(tmp_path: Path) -> None:
    inproc = _write(tmp_path / "a", "checklist.json", _run_json("inprocess", {
        SYNC: "passed", LINK: "passed", PROP: "passed"}))  # fmt: skip
    served = _write(tmp_path / "b", "checklist.json", _run_json("served", {
        SYNC: "failed", LINK: "skipped", PROP: "passed"}))  # fmt: skip
    status, data, html = _merge(tmp_path, f"in-process={inproc}", f"served={served}")
    assert status == 1
    assert [r["label"] for r in data["runs"]] == ["in-process", "served"]
    items = {i["id"]: i for i in data["items"]}
    assert items[SYNC]["runs"] == {"in-process": "passed", "served": "failed"}
    assert [items[i]["status"] for i in (SYNC, LINK, PROP)] == ["failed", "skipped", "passed"]
    assert data["summary"] == {"passed": 1, "failed": 1, "uncovered": 0, "skipped": 1}
    assert data["readiness"]["sentence"].startswith(
        f"Not ready: 1 of 2 official items and 0 of 1 supplement items fail or are not "
        f"covered: failed {SYNC}"
    )
    row = html[html.index(f'id="item-{SYNC}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-run="in-process"><span class="badge status-passed">' in row
    assert 'data-run="served"><span class="badge status-failed">' in row
    assert html.index('id="verdict"') < html.index('id="checklist"')


def test_labels_default_to_the_runs_target_and_stay_unique(tmp_path: Path) -> None:
    one = _write(tmp_path / "one", "checklist.json", _run_json("served", {SYNC: "passed"}))
    two = _write(tmp_path / "two", "checklist.json", _run_json("served", {SYNC: "passed"}))
    three = _write(tmp_path / "ci", "checklist.json", _run_json(None, {SYNC: "passed"}))
    status, data, _ = _merge(tmp_path, str(one), str(two), str(three))
    assert status == 0
    assert [r["label"] for r in data["runs"]] == ["served", "served #2", "ci"]
    assert data["readiness"]["ready"] is True


def test_an_item_missing_from_a_run_counts_there_as_not_covered(tmp_path: Path) -> None:
    full = _write(tmp_path, "full.json", _run_json("inprocess", {SYNC: "passed", LINK: "passed"}))
    short = _write(tmp_path, "short.json", _run_json("live", {SYNC: "passed"}))
    status, data, html = _merge(tmp_path, str(full), str(short))
    link = next(i for i in data["items"] if i["id"] == LINK)
    assert link["runs"] == {"inprocess": "passed", "live": None}
    assert link["status"] == "uncovered" and status == 1
    assert "not in this run" in html


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{\n  "items": [,]\n}', "{path}:2: not JSON: Expecting value"),
        ("[]", '{path}: not a talkqa checklist.json (no "items" list)'),
        ('{"items": [{"status": "passed"}]}', '{path}: items[0]: no "id" string'),
        (
            '{"items": [{"id": "x", "status": "green"}]}',
            "{path}: items[0] (x): status 'green' is not one of passed, failed, uncovered, skipped",
        ),
        (
            '{"items": [{"id": "x", "status": "passed"}, {"id": "x", "status": "passed"}]}',
            "{path}: items[1]: item x appears twice",
        ),
    ],
    ids=["not-json", "no-items", "no-id", "bad-status", "twice"],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    good = _write(tmp_path, "good.json", _run_json("inprocess", {SYNC: "passed"}))
    bad = _write(tmp_path, "bad.json", content)
    out = tmp_path / "merged"
    assert main(["report", "merge", str(good), str(bad), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {expected.format(path=bad)}\n"
    assert not out.exists()  # nothing half-written


def test_a_missing_file_and_a_label_given_twice_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path, "good.json", _run_json("inprocess", {SYNC: "passed"}))
    assert main(["report", "merge", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'nope.json'}: no such file\n"
    assert main(["report", "merge", f"x={good}", f"x={good}"]) == 2
    assert capsys.readouterr().err == f"error: {good}: the label 'x' is given twice\n"
