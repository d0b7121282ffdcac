"""The goals of issue 8, judged against one run's figures (reported, never asserted)."""

from __future__ import annotations

from typing import Any

FIRST_SYNC_FACTOR = 1.2  # first-sync requests at most 1.2x the minimum
EDIT_BUDGET = (10, 15)  # 10 edits cost at most 15 requests (both systems)
SCALING_SLACK = 1.1  # 10x the entities cost at most 11x the wall time


def goal(name: str, target: str, measured: str, met: bool) -> dict[str, Any]:
    return {"goal": name, "target": target, "measured": measured, "met": met}


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    economy = [r for r in results["sizes"] if "second_cycle" in r]
    goals = [first_sync(r) for r in economy]
    goals.append(no_edit_writes(economy))
    goals += edits_budget(economy)
    goals += [scaling(r) for r in results["ratios"]]
    return goals


def first_sync(row: dict[str, Any]) -> dict[str, Any]:
    used, least = row["first_sync"]["requests"], row["minimum"]
    worst = max(used[s] / least[s] for s in least)
    measured = ", ".join(f"{s} {used[s]}/{least[s]}" for s in least)
    return goal(
        f"first-sync requests, N = {row['customers']:,}",
        f"<= {FIRST_SYNC_FACTOR}x minimum",
        f"{measured} = {worst:.2f}x",
        worst <= FIRST_SYNC_FACTOR,
    )


def no_edit_writes(economy: list[dict[str, Any]]) -> dict[str, Any]:
    writes = [
        sum(r[cycle]["writes"].values())
        for r in economy
        for cycle in ("second_cycle", "idle_cycle")
    ]
    return goal(
        "a cycle without edits writes nothing",
        "0 writes",
        f"{sum(writes)} writes in {len(writes)} cycles without edits",
        sum(writes) == 0,
    )


def edits_budget(economy: list[dict[str, Any]]) -> list[dict[str, Any]]:
    k, budget = EDIT_BUDGET
    out: list[dict[str, Any]] = []
    if not economy:
        return out
    largest = economy[-1]
    for cycle in largest.get("incremental", []):
        if cycle["k"] == k:
            total = sum(cycle["requests"].values())
            out.append(
                goal(
                    f"{k} edits among N = {largest['customers']:,}",
                    f"<= {budget} requests",
                    f"{total} requests (minimum {cycle['minimum']})",
                    total <= budget,
                )
            )
    return out


def scaling(ratio: dict[str, Any]) -> dict[str, Any]:
    allowed = SCALING_SLACK * ratio["entities"]
    return goal(
        f"first sync N = {ratio['from']:,} -> {ratio['to']:,}",
        f"wall time <= {allowed:.1f}x ({ratio['entities']:g}x entities)",
        f"{ratio['wall_time']}x wall, {ratio['cpu_time']}x CPU",
        ratio["wall_time"] <= allowed,
    )
