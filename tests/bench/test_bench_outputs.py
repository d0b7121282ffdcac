"""Where ``talkqa bench`` writes, and that the README shows the committed figures."""

from __future__ import annotations

import json

from talkqa.cli import build_parser
from talkqa.commands.bench import REPORTS, RESULTS, ROOT, benchmark_modules, output_paths


def test_the_readme_shows_the_tables_of_the_committed_full_run() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert results["quick"] is False
    _, table, _ = benchmark_modules()
    assert table.markdown(results) in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_full_run_writes_the_committed_figures_and_the_plot_in_reports() -> None:
    args = build_parser().parse_args(["bench"])
    assert output_paths(args) == (RESULTS, REPORTS / "bench.png")


def test_a_quick_run_never_replaces_the_committed_figures() -> None:
    args = build_parser().parse_args(["bench", "--quick"])
    assert output_paths(args) == (REPORTS / "bench-quick.json", REPORTS / "bench-quick.png")
