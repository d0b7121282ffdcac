"""``talkqa report merge``: one checklist report (HTML and JSON) from several runs' JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from talkqa.commands import UsageError

DESCRIPTION = """\
Merge the checklist.json of several runs of the same checklist (e.g. in-process in CI,
served, live against a webCRM sandbox, an external engine) into one report: every item
shows its status in each run, and its verdict is the worst of them (failed, then not
covered, then skipped, then passed); an item missing from a run counts there as not
covered. The report opens with the verdict sentence of the merged items.

Each RESULTS is PATH or NAME=PATH; NAME is the run's column title (default: the run's
target as its checklist.json states it, else the name of the file's folder).

Writes DIR/checklist.html and DIR/checklist.json (whole or not at all). Exit status: 0 when
the merged checklist holds, 1 when an item failed or is not covered, 2 on bad input (one
line 'error: PATH: what is wrong' on stderr)."""

EPILOG = """\
example:
  talkqa report merge in-process=reports/checklist.json served=served/checklist.json \\
      -o reports/merged"""


def register(subparsers: Any) -> None:
    """Add ``report merge``."""
    parser = subparsers.add_parser("report", help="work with checklist reports")
    actions = parser.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    merge = actions.add_parser(
        "merge",
        help="one report from several runs' checklist.json, worst status as verdict",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    merge.add_argument("results", nargs="+", metavar="RESULTS", help="[NAME=]checklist.json")
    merge.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("reports/merged"),
        metavar="DIR",
        help="where checklist.html and checklist.json go (default reports/merged)",
    )
    merge.set_defaults(func=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    from talkqa.files import write_atomically
    from talkqa.report.html import render_merged_html
    from talkqa.report.machine import report_json
    from talkqa.report.merge import MergeError, load_runs, merge_runs

    if args.output.exists() and not args.output.is_dir():
        raise UsageError(f"-o: {args.output} is not a folder")
    try:
        merged = merge_runs(load_runs(args.results))
    except MergeError as exc:
        raise UsageError(str(exc)) from None
    html, data = args.output / "checklist.html", args.output / "checklist.json"
    write_atomically(data, report_json(merged))
    write_atomically(html, render_merged_html(merged))
    print(merged["readiness"]["sentence"])
    print(f"talkqa wrote {html} and {data}", file=sys.stderr)
    return 0 if merged["readiness"]["ready"] else 1
