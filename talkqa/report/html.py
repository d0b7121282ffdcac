"""The stakeholder report: one self-contained HTML page rendered with a Jinja2 template."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import jinja2

from checklist.as_json import document_json
from talkqa.redaction import redact
from talkqa.report.history import CHANGE_KINDS, CHANGE_TITLES
from talkqa.report.machine import report_data
from talkqa.report.results import ScenarioResult
from talkqa.report.trend import trend_chart
from talkqa.report.verdict import STATUS_LABELS, STATUSES, ItemVerdict, Verdict

STATUS_COLOURS = {
    "passed": "#2e7d32",
    "failed": "#c62828",
    "uncovered": "#ef6c00",
    "skipped": "#757575",
}

# The page's only script: expand or collapse every item, show only items with a status;
# before printing, every failed item and scenario opens and every item shows.
SCRIPT = """
document.querySelectorAll('[data-expand]').forEach(function (button) {
  button.addEventListener('click', function () {
    var open = button.getAttribute('data-expand') === 'all';
    document.querySelectorAll('details').forEach(function (d) { d.open = open; });
  });
});
document.querySelectorAll('[data-filter]').forEach(function (button) {
  button.addEventListener('click', function () {
    var wanted = button.getAttribute('data-filter');
    document.querySelectorAll('.item').forEach(function (item) {
      item.hidden = wanted !== 'all' && item.getAttribute('data-status') !== wanted;
    });
  });
});
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('.item').forEach(function (item) { item.hidden = false; });
  document.querySelectorAll('[data-status="failed"] > details, details[data-outcome="failed"]')
    .forEach(function (d) { d.open = true; });
});
"""

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("talkqa.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def chart_segments(summary: dict[str, int], width: int = 400) -> list[dict[str, Any]]:
    """Stacked-bar segments (x, width, colour, label) of the status counts."""
    total = sum(summary.values()) or 1
    segments, x = [], 0.0
    for status in STATUSES:
        share = summary[status] * width / total
        if summary[status]:
            segments.append(
                {
                    "x": round(x, 2),
                    "width": round(share, 2),
                    "colour": STATUS_COLOURS[status],
                    "label": f"{STATUS_LABELS[status]}: {summary[status]}",
                }
            )
        x += share
    return segments


def scenario_view(result: ScenarioResult) -> dict[str, Any]:
    gherkin = result.gherkin or {}
    evidence = result.evidence or {}
    return redact(
        {
            "title": result.title,
            "nodeid": result.nodeid,
            "outcome": result.outcome,
            "location": _location(gherkin),
            "steps": gherkin.get("steps", []),
            "error": result.error,
            "message": result.message,
            "exchanges": [_exchange_view(x) for x in evidence.get("exchanges", [])],
            "attachments": [
                {"name": a["name"], "text": _pretty(a["data"]) or ""}
                for a in evidence.get("attachments", [])
            ],
            "notes": evidence.get("notes", []),
        }
    )


def item_view(verdict: ItemVerdict) -> dict[str, Any]:
    item = verdict.item
    return {
        "id": item.id,
        "text": redact(item.text),
        "kind": item.kind,
        "status": verdict.status,
        "label": STATUS_LABELS[verdict.status],
        "supplement": item.supplement,
        "source": f"{item.document}:{item.line}" if item.line else item.document,
        "scenarios": [scenario_view(s) for s in verdict.scenarios],
    }


def flow_views(verdict: Verdict) -> list[dict[str, Any]]:
    """The checklist in document order: flows, each with its items."""
    flows = []
    for flow_id in verdict.checklist.flows():
        try:
            heading = verdict.checklist.flow(flow_id).heading
        except KeyError:
            heading = flow_id
        items = [item_view(v) for v in verdict.items if v.item.flow == flow_id]
        flows.append({"id": flow_id, "heading": heading, "entries": items})
    return flows


def changes_view(changes: dict[str, Any] | None) -> dict[str, Any] | None:
    """The comparison as the page shows it: the baseline, then each non-empty kind of change."""
    if changes is None:
        return None
    return {
        "baseline": changes.get("baseline"),
        "error": changes.get("error"),
        "kinds": [
            {"kind": kind, "title": CHANGE_TITLES[kind], "ids": changes[kind]}
            for kind in CHANGE_KINDS
            if changes.get(kind)
        ],
    }


def render_html(verdict: Verdict, meta: dict[str, Any], data: dict[str, Any] | None = None) -> str:
    """The whole page; every value goes through Jinja2's autoescape. ``data`` is the report's
    JSON (with ``changes`` and ``trend`` when a history was kept)."""
    data = data if data is not None else report_data(verdict, meta)
    digest = hashlib.sha256(SCRIPT.encode()).digest()
    return _ENV.get_template("checklist.html.j2").render(
        readiness=data["readiness"],
        changes=changes_view(data.get("changes")),
        trend=trend_chart(data.get("trend") or [], STATUS_COLOURS, STATUS_LABELS),
        documents=[document_json(doc) for doc in verdict.checklist.documents],
        meta=redact(meta),
        summary=verdict.summary,
        labels=STATUS_LABELS,
        colours=STATUS_COLOURS,
        segments=chart_segments(verdict.summary),
        flows=flow_views(verdict),
        unknown_tags=sorted(verdict.unknown_tags.items()),
        gate_failed=verdict.violations,
        script=SCRIPT,
        script_hash="sha256-" + base64.b64encode(digest).decode(),
    )


def _location(gherkin: dict[str, Any]) -> str | None:
    if not gherkin:
        return None
    return f"{gherkin['feature']['uri']}:{gherkin['scenario']['line']}"


def _exchange_view(exchange: dict[str, Any]) -> dict[str, Any]:
    """One exchange as text: request line, answer, then each side's headers and body."""
    return {
        "line": f"{exchange['method']} {exchange['url']}",
        "answer": exchange["status"] if exchange["status"] is not None else exchange["error"],
        "parts": [
            (title, text)
            for title, text in (
                ("Request headers", _headers(exchange.get("request_headers"))),
                ("Request body", _pretty(exchange["request_body"])),
                ("Response headers", _headers(exchange.get("response_headers"))),
                ("Response body", _pretty(exchange["response_body"])),
            )
            if text is not None
        ],
    }


def _headers(headers: dict[str, Any] | None) -> str | None:
    if not headers:
        return None
    return "\n".join(f"{name}: {value}" for name, value in headers.items())


def _pretty(data: Any) -> str | None:
    if data is None:
        return None
    if isinstance(data, str):
        return data
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def render_merged_html(merged: dict[str, Any]) -> str:
    """The merged report: the verdict, the runs, then every item's status per run."""
    labels = [run["label"] for run in merged["runs"]]
    flows: dict[str, list[dict[str, Any]]] = {}
    for item in merged["items"]:
        flows.setdefault(item["flow"], []).append(item)
    return _ENV.get_template("merged.html.j2").render(
        readiness=merged["readiness"],
        runs=merged["runs"],
        run_labels=labels,
        flows=[
            {"id": flow, "heading": merged["flows"].get(flow, flow), "entries": items}
            for flow, items in flows.items()
        ],
        summary=merged["summary"],
        labels=STATUS_LABELS,
        colours=STATUS_COLOURS,
    )
