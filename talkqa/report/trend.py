"""The trend chart's geometry: one stacked bar of item statuses per kept run, drawn as inline
SVG by the templates (readable without a script; every number is also written as text)."""

from __future__ import annotations

from typing import Any

from talkqa.report.verdict import STATUSES

BAR = 26  # bar width
GAP = 30
LEFT = 34  # room for the y-axis label
TOP = 22  # room for the "passed/total" text above the bars
PLOT = 110  # height of the tallest bar
BOTTOM = 40  # room for the run labels


def trend_chart(
    trend: list[dict[str, Any]], colours: dict[str, str], labels: dict[str, str]
) -> dict[str, Any] | None:
    """``{"width", "height", "bars": [{"x", "label", "when", "text", "title", "segments"}],
    "legend", "axis"}`` for the runs oldest first, or None without runs."""
    if not trend:
        return None
    most = max(sum(run["summary"].values()) for run in trend) or 1
    bars = []
    for n, run in enumerate(trend):
        x = LEFT + n * (BAR + GAP)
        summary = run["summary"]
        total = sum(summary.values())
        y = float(TOP + PLOT)
        segments = []
        for status in STATUSES:
            height = summary.get(status, 0) * PLOT / most
            if height:
                y -= height
                segments.append(
                    {
                        "y": round(y, 2),
                        "height": round(height, 2),
                        "colour": colours[status],
                        "title": f"{labels[status]}: {summary[status]}",
                    }
                )
        when = str(run.get("started") or "")
        bars.append(
            {
                "x": x,
                "number": n + 1,
                "when": when[5:16],  # "MM-DD HH:MM" of "YYYY-MM-DD HH:MM:SS UTC"
                "text": f"{summary.get('passed', 0)}/{total}",
                "title": _title(n + 1, run, summary),
                "segments": segments,
            }
        )
    return {
        "width": LEFT + len(trend) * (BAR + GAP) + 10,
        "height": TOP + PLOT + BOTTOM,
        "bar": BAR,
        "base": TOP + PLOT,
        "top": TOP,
        "most": most,
        "bars": bars,
        "legend": [(labels[s], colours[s]) for s in STATUSES],
    }


def _title(number: int, run: dict[str, Any], summary: dict[str, int]) -> str:
    facts = [f"run {number}", str(run.get("started") or "time unknown")]
    if run.get("label"):
        facts.append(str(run["label"]))
    if run.get("commit"):
        facts.append(f"commit {run['commit']}")
    counts = ", ".join(f"{summary.get(s, 0)} {s}" for s in STATUSES)
    return f"{' · '.join(facts)}: {counts}"
