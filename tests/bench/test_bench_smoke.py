"""Smoke run of ``talkqa bench --quick`` (tiny sizes): the JSON's shape and the figures'
consistency with each other. Nothing here looks at timings."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import Any

import pytest

from talkqa.cli import main


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("bench")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(
            ["bench", "--quick", "--json", str(folder / "r.json"), "--plot", str(folder / "b.png")]
        )
    return {
        "status": status,
        "results": json.loads((folder / "r.json").read_text()),
        "png": (folder / "b.png").read_bytes(),
        "stdout": out.getvalue(),
    }


def economy_sizes(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in results["sizes"] if "naive" in r]


def test_quick_run_writes_json_plot_and_tables(quick_run):
    assert quick_run["status"] == 0
    results = quick_run["results"]
    assert results["quick"] is True
    assert {"sizes", "ratios", "transport", "suite", "goals", "machine"} <= results.keys()
    assert results["machine"]["cores"] >= 1
    assert quick_run["png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert "| goal | target | measured | met |" in quick_run["stdout"]
    assert "API economy" in quick_run["stdout"]


def test_first_sync_creates_every_entity_and_costs_at_least_the_minimum(quick_run):
    for size in economy_sizes(quick_run["results"]):
        first = size["first_sync"]
        assert first["created"] == size["entities"] == 4 * size["customers"]
        for system, least in size["minimum"].items():
            assert first["requests"][system] >= least
        assert first["writes"]["customerp"] == 0


def test_cycles_without_edits_write_nothing(quick_run):
    for size in economy_sizes(quick_run["results"]):
        for cycle in ("second_cycle", "idle_cycle"):
            assert size[cycle]["writes"] == {"customerp": 0, "webcrm": 0}
            assert size[cycle]["talk_updates"] == 0


def test_incremental_cycles_update_exactly_the_edited_pairs(quick_run):
    for size in economy_sizes(quick_run["results"]):
        assert [c["k"] for c in size["incremental"]] == [1, 10]
        for cycle in size["incremental"]:
            edited = sum(n for per in cycle["edited"].values() for n in per.values())
            assert edited == cycle["k"] == cycle["updated"]
            assert sum(cycle["requests"].values()) >= cycle["minimum"]
            assert cycle["writes"]["customerp"] == sum(cycle["edited"]["webcrm"].values())


def test_naive_strategy_posts_once_per_entity(quick_run):
    for size in economy_sizes(quick_run["results"]):
        naive = size["naive"]
        assert naive["writes"]["webcrm"] == size["entities"]
        assert naive["requests"]["webcrm"] >= size["entities"] + 1  # plus the login
        assert naive["requests"]["webcrm"] > size["first_sync"]["requests"]["webcrm"]


def test_ratios_follow_the_sizes(quick_run):
    results = quick_run["results"]
    by_size = {r["customers"]: r for r in results["sizes"]}
    assert [r["to"] for r in results["ratios"]] == results["scaling"][1:]
    for ratio in results["ratios"]:
        small, large = by_size[ratio["from"]], by_size[ratio["to"]]
        assert ratio["entities"] == round(large["entities"] / small["entities"], 2)
        assert large["peak_rss_mib"] >= large["rss_after_fill_mib"] > 0


def test_first_sync_keeps_the_best_of_its_timed_runs(quick_run):
    runs = {r["customers"]: r["first_sync"]["runs"] for r in quick_run["results"]["sizes"]}
    assert {n: len(r) for n, r in runs.items()} == {50: 3, 200: 3, 800: 1}
    for size in quick_run["results"]["sizes"]:
        first = size["first_sync"]
        assert first["seconds"] == min(wall for wall, _ in first["runs"])
        assert first["cpu_seconds"] == min(cpu for _, cpu in first["runs"])


def test_goals_are_judged_and_the_suite_skip_is_stated(quick_run):
    results = quick_run["results"]
    assert results["suite"]["skipped"]
    assert all(isinstance(g["met"], bool) and g["measured"] for g in results["goals"])
    no_edit = next(g for g in results["goals"] if "without edits" in g["goal"])
    assert no_edit["met"] is True


def test_a_missing_output_folder_is_refused_before_running(tmp_path, capsys):
    target = tmp_path / "absent" / "r.json"
    assert main(["bench", "--quick", "--json", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: --json: folder {target.parent} does not exist"]
    assert not target.parent.exists()


def test_a_plot_that_is_not_png_is_refused(tmp_path, capsys):
    json_path = tmp_path / "r.json"
    plot = tmp_path / "b.svg"
    assert main(["bench", "--quick", "--json", str(json_path), "--plot", str(plot)]) == 2
    assert capsys.readouterr().err.startswith("error: --plot:")
    assert not json_path.exists() and not plot.exists()


def test_without_matplotlib_the_run_writes_figures_and_tables_and_says_what_to_install(
    quick_run, tmp_path, capsys, monkeypatch
):
    """A plain ``pip install .`` has no matplotlib: the figures and tables still come out,
    and one line names what to install for the plot (the measurements are the quick run's)."""
    import benchmarks.run

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    monkeypatch.delitem(sys.modules, "benchmarks.plot", raising=False)
    monkeypatch.setattr(benchmarks.run, "run", lambda sizes: quick_run["results"])
    json_path = tmp_path / "r.json"
    assert main(["bench", "--quick", "--json", str(json_path)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(json_path.read_text()) == quick_run["results"]
    assert out == quick_run["stdout"]
    assert err.splitlines() == [
        "bench: no plot: matplotlib is not installed: pip install 'matplotlib>=3.8' "
        "(or talkqa[dev])",
        f"bench: wrote {json_path} in {quick_run['results']['seconds']} s",
    ]
    assert "benchmarks.plot" not in sys.modules


def test_without_matplotlib_an_explicit_plot_is_refused_before_running(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    json_path = tmp_path / "r.json"
    args = ["bench", "--quick", "--json", str(json_path), "--plot", str(tmp_path / "b.png")]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "error: --plot: matplotlib is not installed: pip install 'matplotlib>=3.8' "
        "(or talkqa[dev])\n"
    )
    assert not json_path.exists()
