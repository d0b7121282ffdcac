"""``talkqa bench``: run the benchmarks (benchmarks/ in the source checkout) and write the
figures as JSON, a PNG plot and Markdown tables."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import talkqa
from talkqa.commands import UsageError
from talkqa.files import write_atomically

ROOT = Path(talkqa.__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"  # the figures the README's tables show
REPORTS = ROOT / "reports"
PLOT_NEEDS = "matplotlib is not installed: pip install 'matplotlib>=3.8' (or talkqa[dev])"

DESCRIPTION = """\
Run the benchmarks in one go, side by side: API economy of the first sync (the engine
against the theoretical minimum and a naive one-POST-per-entity strategy), incremental cost
after k edits, wall time and peak memory of the first sync for growing sizes (one process
per size), the cost of a request in-process against served over loopback, and the wall
time of 'pytest features/' serial and with -n 2. Goals are judged, never asserted: the
exit status is 0 whenever the run completes.

Writes the figures as JSON (--json), a PNG plot (--plot) and prints Markdown tables
(the README's benchmark section). Progress goes to stderr. The full run takes minutes;
--quick uses small sizes and does not time the suite."""


def register(subparsers: Any) -> None:
    """Add the ``bench`` subcommand."""
    parser = subparsers.add_parser(
        "bench",
        help="run the benchmarks: API economy, incremental cost, scaling, transport, suite",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes; the suite not timed")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="PATH",
        help="where the figures go (default benchmarks/results.json; with --quick "
        "reports/bench-quick.json, so a quick look never replaces the README's figures)",
    )
    parser.add_argument(
        "--plot",
        type=Path,
        default=None,
        metavar="PATH",
        help="where the PNG plot goes (default reports/bench.png; with --quick "
        "reports/bench-quick.png); needs matplotlib (without it, and without --plot, "
        "the run writes the figures and tables only)",
    )
    parser.set_defaults(func=run)


def output_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """Where the JSON and the plot go; checked first, so a long run never fails at its end."""
    suffix = "-quick" if args.quick else ""
    json_path = args.json or (REPORTS / "bench-quick.json" if args.quick else RESULTS)
    plot_path = args.plot or REPORTS / f"bench{suffix}.png"
    if args.json is None:
        json_path.parent.mkdir(exist_ok=True)  # reports/ is not in git
    if not json_path.parent.is_dir():
        raise UsageError(f"--json: folder {json_path.parent} does not exist")
    if plot_path.suffix.lower() != ".png":
        raise UsageError(f"--plot: {plot_path}: the plot is a PNG file (name it *.png)")
    return json_path, plot_path


def run(args: argparse.Namespace) -> int:
    json_path, plot_path = output_paths(args)
    can_plot = importlib.util.find_spec("matplotlib") is not None
    if not can_plot and args.plot is not None:
        raise UsageError(f"--plot: {PLOT_NEEDS}")
    bench, table, plot = benchmark_modules(with_plot=can_plot)
    results = bench.run(bench.QUICK if args.quick else bench.FULL)
    write_atomically(json_path, json.dumps(results, indent=2) + "\n")
    written = [str(json_path)]
    if plot is not None:
        plot.plot(results, plot_path)
        written.append(str(plot_path))
    sys.stdout.write(table.markdown(results))
    if plot is None:
        sys.stderr.write(f"bench: no plot: {PLOT_NEEDS}\n")
    sys.stderr.write(f"bench: wrote {' and '.join(written)} in {results['seconds']} s\n")
    return 0


def benchmark_modules(with_plot: bool = True) -> tuple[Any, Any, Any | None]:
    """The benchmark modules of the source checkout (they are not installed); the plot
    module only when matplotlib is there."""
    if not (ROOT / "benchmarks" / "run.py").is_file():
        raise UsageError(f"{ROOT}/benchmarks/run.py: not found (run from a source checkout)")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    run_module = importlib.import_module("benchmarks.run")
    table_module = importlib.import_module("benchmarks.table")
    plot_module = importlib.import_module("benchmarks.plot") if with_plot else None
    return run_module, table_module, plot_module
