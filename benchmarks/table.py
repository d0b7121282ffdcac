"""The benchmark's figures as Markdown tables (for the README and the terminal)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

BUDGET_PER_MINUTE = 250  # webCRM's rate limit per token


def table(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A Markdown table: the header, its rule, then one line per row."""
    lines = [names, ["---"] * len(names), *rows]
    return ["| " + " | ".join(str(cell) for cell in line) + " |" for line in lines]


def machine_line(results: dict[str, Any]) -> str:
    m = results["machine"]
    load = "/".join(str(x) for x in m["load_average_start"])
    quick = " (--quick sizes)" if results["quick"] else ""
    return (
        f"Measured {results['taken']}{quick} on {m['cpu']}, {m['cores']} cores, "
        f"{m['system']}, Python {m['python']}, load average {load} at the start: the cores "
        f"were shared with other work, so wall times are noisy; CPU times are steadier."
    )


ECONOMY = (
    "customers (entities)",
    "webCRM requests / minimum",
    "Customerp requests / minimum",
    "webCRM budget",
    "naive webCRM requests (429s)",
    "naive budget",
    "2nd cycle requests / writes",
)


def economy_row(r: dict[str, Any]) -> list[str]:
    used, least, naive = r["first_sync"]["requests"], r["minimum"], r["naive"]
    second = r["second_cycle"]
    return [
        f"{r['customers']:,} ({r['entities']:,})",
        f"{used['webcrm']} / {least['webcrm']}",
        f"{used['customerp']} / {least['customerp']}",
        f"{used['webcrm'] / BUDGET_PER_MINUTE:.2f} min",
        f"{naive['requests']['webcrm']:,} ({naive['throttled']})",
        f"{naive['requests']['webcrm'] / BUDGET_PER_MINUTE:.1f} min",
        f"{sum(second['requests'].values())} / {sum(second['writes'].values())}",
    ]


def economy(results: dict[str, Any]) -> list[str]:
    return table(ECONOMY, (economy_row(r) for r in results["sizes"] if "naive" in r))


def incremental(results: dict[str, Any]) -> list[str]:
    rows = []
    for r in results["sizes"]:
        for c in r.get("incremental", []):
            req = c["requests"]
            rows.append(
                [
                    f"{r['customers']:,}",
                    c["k"],
                    f"{req['customerp'] + req['webcrm']} ({req['customerp']} + {req['webcrm']})",
                    c["minimum"],
                    sum(c["writes"].values()),
                    f"{c['seconds']:.2f}",
                ]
            )
    names = ("customers", "k edits", "requests (Customerp + webCRM)", "minimum", "writes", "wall s")
    return table(names, rows)


SCALING = (
    "customers",
    "entities",
    "first sync wall s (best of runs)",
    "CPU s",
    "peak RSS MiB",
    "growth from previous size: entities / wall / CPU / RSS",
)


def scaling(results: dict[str, Any]) -> list[str]:
    growth = {g["to"]: g for g in results["ratios"]}
    rows = []
    for r in (r for r in results["sizes"] if r["customers"] in results["scaling"]):
        g = growth.get(r["customers"])
        ratio = (
            f"{g['entities']:g}x / {g['wall_time']}x / {g['cpu_time']}x / {g['peak_rss']}x"
            if g
            else "-"
        )
        fs = r["first_sync"]
        rows.append(
            [
                f"{r['customers']:,}",
                f"{r['entities']:,}",
                f"{fs['seconds']:.2f} ({len(fs['runs'])})",
                f"{fs['cpu_seconds']:.2f}",
                r["peak_rss_mib"],
                ratio,
            ]
        )
    return table(SCALING, rows)


def transport(results: dict[str, Any]) -> list[str]:
    t = results["transport"]
    rows = [
        [
            "GET one Customerp record",
            f"{t['in_process_get_us']} us (bare callback {t['bare_responses_us']} us)",
            f"{t['served_get_us']} us ({t['served_over_in_process']}x)",
        ],
        [
            f"first sync of {t['first_sync_customers']:,} customers",
            f"{t['first_sync_in_process_seconds']} s",
            f"{t['first_sync_served_seconds']} s ({t['first_sync_served_over_in_process']}x)",
        ],
    ]
    names = ("per request / whole first sync", "in-process (responses)", "loopback HTTP")
    return table(names, rows)


def suite(results: dict[str, Any]) -> list[str]:
    s = results["suite"]
    if s.get("skipped"):
        return [f"Suite not timed: {s['skipped']}."]
    rows = [
        [
            run["label"],
            run["seconds"],
            ", ".join(f"{n} {kind}" for kind, n in run["outcomes"].items()),
            run["exit_status"],
        ]
        for run in (s["serial"], s["parallel"])
    ]
    lines = table(("pytest features/", "wall s", "outcomes", "exit status"), rows)
    lines.append(f"\n{s['collected']} tests collected; -n 2 speed-up {s['parallel_speedup']}x.")
    return lines


def goals(results: dict[str, Any]) -> list[str]:
    rows = (
        [g["goal"], g["target"], g["measured"], "yes" if g["met"] else "**no**"]
        for g in results["goals"]
    )
    return table(("goal", "target", "measured", "met"), rows)


def markdown(results: dict[str, Any]) -> str:
    """All tables, each under a bold caption, separated by blank lines."""
    parts = [machine_line(results)]
    for caption, lines in (
        ("Goals", goals(results)),
        ("API economy, first sync (N customers, 2N contacts, N products)", economy(results)),
        ("Incremental cost after k edits among N linked customers", incremental(results)),
        ("Throughput and scaling of the first sync (in-process fakes)", scaling(results)),
        ("Transport", transport(results)),
        ("The suite", suite(results)),
    ):
        parts.append(f"**{caption}**\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"
