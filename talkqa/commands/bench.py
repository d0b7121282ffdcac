"""``talkqa bench``: run the benchmarks (benchmarks/ in the source checkout) and write the
figures as JSON, a PNG plot and Markdown tables."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import talkqa
from talkqa.cli import UsageError

ROOT = Path(talkqa.__file__).resolve().parents[1]

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
        default=ROOT / "benchmarks" / "results.json",
        metavar="PATH",
        help="where the figures go (default benchmarks/results.json)",
    )
    parser.add_argument(
        "--plot",
        type=Path,
        default=ROOT / "reports" / "bench.png",
        metavar="PATH",
        help="where the PNG plot goes (default reports/bench.png)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the output paths first (a long run must not fail at its end), then measure."""
    if not args.json.parent.is_dir():
        raise UsageError(f"--json: folder {args.json.parent} does not exist")
    if args.plot.suffix.lower() != ".png":
        raise UsageError(f"--plot: {args.plot}: the plot is a PNG file (name it *.png)")
    bench, table, plot = _benchmarks()
    results = bench.run(bench.QUICK if args.quick else bench.FULL)
    _write_atomically(args.json, json.dumps(results, indent=2) + "\n")
    plot.plot(results, args.plot)
    sys.stdout.write(table.markdown(results))
    sys.stderr.write(f"bench: wrote {args.json} and {args.plot} in {results['seconds']} s\n")
    return 0


def _benchmarks() -> tuple[Any, Any, Any]:
    """The benchmark modules of the source checkout (they are not installed)."""
    if not (ROOT / "benchmarks" / "run.py").is_file():
        raise UsageError(f"{ROOT}/benchmarks/run.py: not found (run from a source checkout)")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    names = ("benchmarks.run", "benchmarks.table", "benchmarks.plot")
    run_module, table_module, plot_module = (importlib.import_module(n) for n in names)
    return run_module, table_module, plot_module


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: never a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
