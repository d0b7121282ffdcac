"""The checklist report for machines: ``checklist.json``."""

from __future__ import annotations

import json
from typing import Any

from checklist.as_json import document_json
from talkqa.redaction import redact
from talkqa.report.readiness import readiness
from talkqa.report.results import ScenarioResult
from talkqa.report.verdict import Verdict


def scenario_json(result: ScenarioResult) -> dict[str, Any]:
    """``{"name", "nodeid", "outcome"}``, and ``"reason"`` when the scenario was skipped."""
    data: dict[str, Any] = {
        "name": result.title,
        "nodeid": result.nodeid,
        "outcome": result.outcome,
    }
    if result.outcome == "skipped":
        data["reason"] = result.error or "skipped"
    return data


RUN_KEYS = ("started", "duration", "commit", "target", "workers", "tests")


def report_data(verdict: Verdict, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"readiness", "run", "documents", "items": [{"id", "status", "supplement", "flow",
    "kind", "text", "source", "scenarios"}], "summary"}``; the history adds ``"changes"`` and
    ``"trend"``."""
    items = [
        {
            "id": v.item.id,
            "status": v.status,
            "supplement": v.item.supplement,
            "flow": v.item.flow,
            "kind": v.item.kind,
            "text": v.item.text,
            "source": f"{v.item.document}:{v.item.line}" if v.item.line else v.item.document,
            "scenarios": [scenario_json(s) for s in v.scenarios],
        }
        for v in verdict.items
    ]
    return {
        "readiness": readiness(items, len(verdict.unknown_tags)),
        "run": {key: (meta or {}).get(key) for key in RUN_KEYS},
        "documents": [document_json(doc) for doc in verdict.checklist.documents],
        "flows": flow_headings(verdict),
        "items": items,
        "summary": verdict.summary,
    }


def flow_headings(verdict: Verdict) -> dict[str, str]:
    """Flow id -> its section heading, in the documents' order."""
    headings = {}
    for flow_id in verdict.checklist.flows():
        try:
            headings[flow_id] = verdict.checklist.flow(flow_id).heading
        except KeyError:
            headings[flow_id] = flow_id
    return headings


def report_json(data: dict[str, Any]) -> str:
    return json.dumps(redact(data), indent=2, ensure_ascii=False) + "\n"
