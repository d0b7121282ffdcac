"""The checklist report for machines: ``checklist.json``."""

from __future__ import annotations

import json
from typing import Any

from checklist.as_json import document_json
from talkqa.redaction import redact
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


def report_data(verdict: Verdict) -> dict[str, Any]:
    """``{"documents", "items": [{"id", "status", "supplement", "scenarios"}], "summary"}``."""
    return {
        "documents": [document_json(doc) for doc in verdict.checklist.documents],
        "items": [
            {
                "id": v.item.id,
                "status": v.status,
                "supplement": v.item.supplement,
                "scenarios": [scenario_json(s) for s in v.scenarios],
            }
            for v in verdict.items
        ],
        "summary": verdict.summary,
    }


def report_json(verdict: Verdict) -> str:
    return json.dumps(redact(report_data(verdict)), indent=2, ensure_ascii=False) + "\n"
