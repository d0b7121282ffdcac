"""The report's first sentence: does the checklist in force hold, and which items keep it from
holding; official items and this project's supplement items counted apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from talkqa.report.verdict import STATUSES

NAMED_AT_MOST = 8  # items named in the sentence; the rest are "N more" (all are listed below)
BLOCKING = ("failed", "uncovered")  # what keeps the checklist from holding (the strict gate)


def counts(items: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """``{"items": n, "passed": .., "failed": .., "uncovered": .., "skipped": ..}``."""
    result: dict[str, int] = {"items": 0, **dict.fromkeys(STATUSES, 0)}
    for item in items:
        result["items"] += 1
        result[str(item["status"])] += 1
    return result


def readiness(items: Sequence[Mapping[str, Any]], unknown_tags: int = 0) -> dict[str, Any]:
    """``{"ready", "sentence", "official", "supplement", "failed", "uncovered"}`` of item records
    (``{"id", "status", "supplement"}``, as in checklist.json); ``unknown_tags`` counts
    ``@checklist`` tags that name no item (the gate fails on them too)."""
    official = counts(i for i in items if not i.get("supplement"))
    supplement = counts(i for i in items if i.get("supplement"))
    blocking = {s: [str(i["id"]) for i in items if i["status"] == s] for s in BLOCKING}
    ready = not (blocking["failed"] or blocking["uncovered"] or unknown_tags)
    return {
        "ready": ready,
        "sentence": _sentence(ready, official, supplement, items, unknown_tags),
        "official": official,
        "supplement": supplement,
        **blocking,
    }


def _sentence(
    ready: bool,
    official: dict[str, int],
    supplement: dict[str, int],
    items: Sequence[Mapping[str, Any]],
    unknown_tags: int,
) -> str:
    if ready:
        skipped = official["skipped"] + supplement["skipped"]
        note = f" ({skipped} skipped here, which the gate accepts)" if skipped else ""
        return (
            f"Ready: the checklist in force holds: {_held(official)} official items and "
            f"{_held(supplement)} supplement items pass{note}."
        )
    gaps = [
        f"{_gap(official)} official items",
        f"{_gap(supplement)} supplement items",
    ]
    named = [
        f"{'failed' if i['status'] == 'failed' else 'not covered'} {i['id']}"
        + (" (supplement)" if i.get("supplement") else "")
        for i in items
        if i["status"] in BLOCKING
    ]
    shown = "; ".join(named[:NAMED_AT_MOST])
    if len(named) > NAMED_AT_MOST:
        shown += f"; and {len(named) - NAMED_AT_MOST} more (listed below)"
    tags = (
        f"; {unknown_tags} @checklist tag{'s' if unknown_tags != 1 else ''} name no item"
        if unknown_tags
        else ""
    )
    lead = f"Not ready: {gaps[0]} and {gaps[1]} fail or are not covered"
    return f"{lead}: {shown}{tags}." if shown else f"{lead}{tags}."


def _held(c: dict[str, int]) -> str:
    return f"{c['passed']} of {c['items']}" if c["skipped"] else f"all {c['items']}"


def _gap(c: dict[str, int]) -> str:
    return f"{c['failed'] + c['uncovered']} of {c['items']}"
