"""One report from many runs: the items of several ``checklist.json`` files side by side, each
item's verdict the worst of its statuses (failed, then not covered, then skipped, then passed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talkqa.report.history import HistoryError, read_json
from talkqa.report.readiness import readiness
from talkqa.report.verdict import STATUSES

WORST_FIRST = ("failed", "uncovered", "skipped", "passed")


class MergeError(Exception):
    """An input that cannot be merged: one line naming the file and what is wrong."""


@dataclass(frozen=True)
class RunInput:
    """One run to merge: its label (column title) and its checklist.json."""

    label: str
    path: Path
    data: dict[str, Any]


def parse_argument(text: str) -> tuple[str | None, Path]:
    """``NAME=PATH`` or ``PATH`` (a ``=`` after a path separator belongs to the path)."""
    name, sep, path = text.partition("=")
    if sep and name and "/" not in name and "\\" not in name:
        return name, Path(path)
    return None, Path(text)


def load_runs(arguments: list[str]) -> list[RunInput]:
    """Read and check every input; labels from ``NAME=``, else the run's target, else the
    file's folder name (made unique with ``#2``, ``#3``)."""
    runs: list[RunInput] = []
    labels: set[str] = set()
    for text in arguments:
        name, path = parse_argument(text)
        data = _checked(path)
        if name is not None and name in labels:
            raise MergeError(f"{path}: the label {name!r} is given twice")
        label = name or _default_label(path, data)
        unique, n = label, 1
        while unique in labels:
            n += 1
            unique = f"{label} #{n}"
        labels.add(unique)
        runs.append(RunInput(unique, path, data))
    return runs


def _checked(path: Path) -> dict[str, Any]:
    try:
        data = read_json(path)
    except HistoryError as exc:
        raise MergeError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise MergeError(f'{path}: not a talkqa checklist.json (no "items" list)')
    seen: set[str] = set()
    for n, item in enumerate(data["items"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise MergeError(f'{path}: items[{n}]: no "id" string')
        if item.get("status") not in STATUSES:
            raise MergeError(
                f"{path}: items[{n}] ({item['id']}): status {item.get('status')!r} is not one "
                f"of {', '.join(STATUSES)}"
            )
        if item["id"] in seen:
            raise MergeError(f"{path}: items[{n}]: item {item['id']} appears twice")
        seen.add(item["id"])
    return data


def _default_label(path: Path, data: dict[str, Any]) -> str:
    run = data.get("run")
    target = run.get("target") if isinstance(run, dict) else None
    if isinstance(target, str) and target:
        return target
    return path.parent.name or path.stem


def worst(statuses: list[str]) -> str:
    return min(statuses, key=WORST_FIRST.index)


def merge_runs(runs: list[RunInput]) -> dict[str, Any]:
    """``{"runs": [...], "readiness", "flows", "items": [{..., "runs": {label: status}}],
    "summary"}``; an item missing from a run counts there as not covered (shown as absent)."""
    items: dict[str, dict[str, Any]] = {}
    flows: dict[str, str] = {}
    for run in runs:
        flows.update({k: v for k, v in (run.data.get("flows") or {}).items() if k not in flows})
        for item in run.data["items"]:
            merged = items.setdefault(
                item["id"],
                {
                    "id": item["id"],
                    "supplement": bool(item.get("supplement")),
                    "flow": item.get("flow") or "/".join(item["id"].split("/")[:2]),
                    "text": item.get("text") or item["id"],
                    "runs": {},
                },
            )
            merged["runs"][run.label] = item["status"]
    for merged in items.values():
        statuses = [merged["runs"].get(run.label) or "uncovered" for run in runs]
        merged["status"] = worst(statuses)
        merged["runs"] = {run.label: merged["runs"].get(run.label) for run in runs}
    ordered = list(items.values())
    return {
        "runs": [_run_facts(run) for run in runs],
        "readiness": readiness(ordered),
        "flows": flows,
        "items": ordered,
        "summary": {s: sum(1 for i in ordered if i["status"] == s) for s in STATUSES},
    }


def _run_facts(run: RunInput) -> dict[str, Any]:
    given = run.data.get("run")
    facts: dict[str, Any] = given if isinstance(given, dict) else {}
    return {
        "label": run.label,
        "source": str(run.path),
        "started": facts.get("started"),
        "commit": facts.get("commit"),
        "target": facts.get("target"),
        "summary": {s: sum(1 for i in run.data["items"] if i["status"] == s) for s in STATUSES},
    }
