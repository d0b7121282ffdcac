"""What changed: the runs kept beside the report (``history.json``), named baselines, and the
comparison of this run's item statuses with the previous run's or a baseline's.

A *run record* is ``{"started", "commit", "target", "label", "summary", "items": {id: status},
"supplement": [ids]}``. ``history.json`` is ``{"talkqa_history": 1, "runs": [record, ...]}``
(oldest first, the last ``keep`` runs); a baseline file is one record with a ``"name"``.
``--checklist-baseline`` also takes any ``checklist.json`` (e.g. the one of the last release).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from talkqa.report.verdict import STATUSES

FORMAT_KEY = "talkqa_history"
DEFAULT_KEEP = 20
CHANGE_KINDS = ("newly_failing", "fixed", "newly_covered", "newly_uncovered", "added", "removed")
CHANGE_TITLES = {
    "newly_failing": "Newly failing",
    "fixed": "Fixed",
    "newly_covered": "Newly covered",
    "newly_uncovered": "No longer covered",
    "added": "New items (the documents changed)",
    "removed": "Removed items (the documents changed)",
}


class HistoryError(Exception):
    """A history or baseline file that cannot be read: one line naming the file."""


def run_record(items: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """This run as the history keeps it, from checklist.json's item records and run facts."""
    return {
        "started": meta.get("started"),
        "commit": meta.get("commit"),
        "target": meta.get("target"),
        "label": meta.get("label"),
        "summary": {s: sum(1 for i in items if i["status"] == s) for s in STATUSES},
        "items": {str(i["id"]): str(i["status"]) for i in items},
        "supplement": [str(i["id"]) for i in items if i.get("supplement")],
    }


def read_json(path: Path) -> Any:
    """The file's JSON; HistoryError naming the file (and line) when it is not readable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HistoryError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HistoryError(f"{path}: cannot be read: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None


def load_history(path: Path) -> list[dict[str, Any]]:
    """The kept runs, oldest first ([] when there is no history yet)."""
    if not path.exists():
        return []
    data = read_json(path)
    if (
        not isinstance(data, dict)
        or data.get(FORMAT_KEY) != 1
        or not isinstance(data.get("runs"), list)
    ):
        raise HistoryError(f'{path}: not a talkqa history (expected {{"{FORMAT_KEY}": 1, "runs"}})')
    return [checked_record(run, f"{path}: runs[{n}]") for n, run in enumerate(data["runs"])]


def history_text(runs: list[dict[str, Any]], keep: int) -> str:
    """history.json with the last ``keep`` runs."""
    return json.dumps({FORMAT_KEY: 1, "runs": runs[-keep:]}, indent=1) + "\n"


def baseline_path(history: Path, name: str) -> Path:
    """Where the baseline called ``name`` lives: ``baselines/NAME.json`` beside the history."""
    return history.parent / "baselines" / f"{name}.json"


def is_baseline_name(value: str) -> bool:
    return "/" not in value and "\\" not in value and not value.endswith(".json")


def load_baseline(value: str, history: Path) -> dict[str, Any]:
    """A baseline by name (saved with ``--checklist-save-baseline``) or by path: a baseline
    file or any ``checklist.json``."""
    path = baseline_path(history, value) if is_baseline_name(value) else Path(value)
    if is_baseline_name(value) and not path.exists():
        raise HistoryError(
            f"{path}: no baseline named {value!r} (save one with --checklist-save-baseline NAME)"
        )
    data = read_json(path)
    if isinstance(data, dict) and isinstance(data.get("items"), list):  # a checklist.json
        record = record_of_report(data, str(path))
    else:
        record = checked_record(data, str(path))
    record["label"] = record.get("name") or record.get("label") or str(path)
    return record


def record_of_report(data: dict[str, Any], where: str) -> dict[str, Any]:
    """A run record from a checklist.json (its ``items`` and ``run``)."""
    items = []
    for n, item in enumerate(data["items"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise HistoryError(f'{where}: items[{n}]: no string "id"')
        if item.get("status") not in STATUSES:
            raise HistoryError(
                f"{where}: items[{n}]: status {item.get('status')!r} is not one "
                f"of {', '.join(STATUSES)}"
            )
        items.append(item)
    run = data.get("run")
    return run_record(items, run if isinstance(run, dict) else {})


def checked_record(data: Any, where: str) -> dict[str, Any]:
    """``data`` if it is a run record, else HistoryError naming ``where``."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise HistoryError(f'{where}: not a run record (no "items" object of id: status)')
    for item_id, status in data["items"].items():
        if status not in STATUSES:
            raise HistoryError(
                f"{where}: item {item_id}: status {status!r} is not one of {', '.join(STATUSES)}"
            )
    return dict(data)


def compare(before: dict[str, Any] | None, now: dict[str, Any]) -> dict[str, Any]:
    """``{"baseline": {...} | None, "newly_failing", "fixed", ...: [item ids]}``."""
    changes: dict[str, Any] = {"baseline": None, **{kind: [] for kind in CHANGE_KINDS}}
    if before is None:
        return changes
    changes["baseline"] = {key: before.get(key) for key in ("label", "started", "commit", "target")}
    old, new = before["items"], now["items"]
    for item_id, status in new.items():
        was = old.get(item_id)
        if was is None:
            changes["added"].append(item_id)
            continue
        if status == "failed" and was != "failed":
            changes["newly_failing"].append(item_id)
        if was == "failed" and status == "passed":
            changes["fixed"].append(item_id)
        if was == "uncovered" and status != "uncovered":
            changes["newly_covered"].append(item_id)
        if status == "uncovered" and was != "uncovered":
            changes["newly_uncovered"].append(item_id)
    changes["removed"] = [item_id for item_id in old if item_id not in new]
    return changes


def trend(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{"started", "commit", "label", "summary"}]`` of the kept runs, oldest first."""
    return [
        {
            "started": run.get("started"),
            "commit": run.get("commit"),
            "label": run.get("label") or run.get("target"),
            "summary": {s: int(run.get("summary", {}).get(s, 0)) for s in STATUSES},
        }
        for run in runs
    ]
