"""The benchmark's figures as one PNG (matplotlib, Agg backend): requests of the first sync,
incremental requests against k, and wall time and peak memory against the entities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.ticker import FormatStrFormatter  # noqa: E402

STYLES = ("o-", "s--", "^-.", "v:")  # sizes drawn on top of each other stay visible


def plot(results: dict[str, Any], path: Path) -> None:
    """Write the four panels to ``path`` (its folder is created)."""
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    first_sync_requests(axes[0][0], results)
    incremental_requests(axes[0][1], results)
    scaling_time(axes[1][0], results)
    scaling_memory(axes[1][1], results)
    load = "/".join(str(x) for x in results["machine"]["load_average_start"])
    fig.suptitle(
        f"talkqa bench {results['taken']} - {results['machine']['cpu']}, "
        f"{results['machine']['cores']} cores, load {load}"
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def first_sync_requests(ax: Any, results: dict[str, Any]) -> None:
    rows = [r for r in results["sizes"] if "naive" in r]
    labels = [f"{r['customers']:,}" for r in rows]
    xs = range(len(rows))
    series = (
        ("minimum", [r["minimum"]["webcrm"] for r in rows], -0.27),
        ("engine", [r["first_sync"]["requests"]["webcrm"] for r in rows], 0.0),
        ("naive (POST each)", [r["naive"]["requests"]["webcrm"] for r in rows], 0.27),
    )
    for name, values, shift in series:
        bars = ax.bar([x + shift for x in xs], values, width=0.27, label=name)
        ax.bar_label(bars, fmt="{:,.0f}", fontsize=8)
    ax.set_xticks(list(xs), labels)
    ax.set_yscale("log")
    ax.set_xlabel("customers (N; 2N contacts, N products)")
    ax.set_ylabel("webCRM requests, first sync (log)")
    ax.set_title("API economy: webCRM requests of the first sync")
    ax.legend()


def incremental_requests(ax: Any, results: dict[str, Any]) -> None:
    sized = [r for r in results["sizes"] if r.get("incremental")]
    for style, r in zip(STYLES, sized, strict=False):
        cycles = r["incremental"]
        ks = [c["k"] for c in cycles]
        totals = [sum(c["requests"].values()) for c in cycles]
        ax.plot(
            ks, totals, style, label=f"N = {r['customers']:,}", markersize=8 - 2 * len(ax.lines)
        )
    if sized:
        cycles = sized[-1]["incremental"]
        ax.plot([c["k"] for c in cycles], [c["minimum"] for c in cycles], "k:", label="minimum")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("k edits (both systems)")
    ax.set_ylabel("requests of the cycle (both systems)")
    ax.set_title("Incremental cost follows k, not N")
    ax.legend()


def scaling_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in results["sizes"] if r["customers"] in results["scaling"]]


def scaling_time(ax: Any, results: dict[str, Any]) -> None:
    rows = scaling_rows(results)
    entities = [r["entities"] for r in rows]
    wall = [r["first_sync"]["seconds"] for r in rows]
    ax.plot(entities, wall, "o-", label="wall time")
    ax.plot(entities, [r["first_sync"]["cpu_seconds"] for r in rows], "s-", label="CPU time")
    if rows:
        linear = [wall[0] * e / entities[0] for e in entities]
        ax.plot(entities, linear, "k:", label="linear from the smallest")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("entities (customers + contacts + products)")
    ax.set_ylabel("seconds, first sync (log)")
    ax.set_title("Throughput: first sync through the in-process fakes")
    ax.legend()


def scaling_memory(ax: Any, results: dict[str, Any]) -> None:
    rows = scaling_rows(results)
    entities = [r["entities"] for r in rows]
    ax.plot(entities, [r["peak_rss_mib"] for r in rows], "o-", label="peak RSS after first sync")
    ax.plot(
        entities,
        [r["rss_after_fill_mib"] for r in rows],
        "s--",
        label="RSS after filling the fakes",
    )
    ax.set_xscale("log")
    ax.set_xlabel("entities")
    ax.set_ylabel("MiB (one process per size)")
    ax.set_title("Peak memory")
    ax.legend()
