"""``talkqa checklist``: print the checklist items of dataflow documents, or them as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from checklist import (
    Checklist,
    ChecklistError,
    checklists_in_force,
    load_checklist,
)
from checklist.as_json import checklist_json
from talkqa.commands import UsageError, add_checklist_option

DESCRIPTION = """\
Parse Sesam Talk dataflow documents (reStructuredText) and print their checklist items:
for every flow the items sync, link, edit-source, edit-target, the condition of a
conditional statement, one item per merge criterion and one per property row, each with
its stable id (<document>/<flow>/<kind>[/<detail>]), the text it checks and the document
it comes from. Items marked '+' come from a supplement (a *.supplement.* document), not
from the vendor's document. Warnings (e.g. a flow that declares no properties, a
duplicated section) go to stderr and do not change the exit status.

Exit status: 0 when every document parses (warnings or not); 2 on bad input, with one
line 'error: PATH:LINE: what is wrong' on stderr."""

EPILOG = """\
examples:
  talkqa checklist                                  # the checklist in force (pyproject.toml)
  talkqa checklist checklists/customerp-webcrm.rst
  talkqa checklist --json docs/*.rst > checklist.json"""


def register(subparsers: Any) -> None:
    """Add the ``checklist`` subcommand."""
    parser = subparsers.add_parser(
        "checklist",
        help="print the checklist items of dataflow documents",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object {documents: [...], items: [...]} instead of text",
    )
    add_checklist_option(parser)
    parser.add_argument(
        "documents", nargs="*", metavar="DOC", help="the same as --checklist DOC (older spelling)"
    )
    parser.set_defaults(func=run)


def load_documents(paths: Sequence[str | Path] | None) -> Checklist:
    """The given documents, else the checklist in force (pyproject.toml), loaded.

    Bad input raises the command line's UsageError: one line ``error: PATH:LINE: ...`` on
    stderr and exit status 2 (``talkqa checklist`` and ``talkqa coverage`` share this).
    """
    try:
        return load_checklist(paths or [_relative(p) for p in checklists_in_force()])
    except ChecklistError as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Load the documents, print items to stdout and warnings to stderr."""
    checklist = load_documents([*(args.checklist or []), *args.documents])
    if args.json:
        json.dump(checklist_json(checklist), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_items(checklist, sys.stdout)
    for doc in checklist.documents:
        for warning in doc.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def _relative(path: Path) -> Path:
    """``path`` relative to the current directory when it lies below it (shorter messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def print_items(checklist: Checklist, out: TextIO) -> None:
    """Items grouped by flow; each as ``[+] id  [kind]`` over its text and source line."""
    headings = {
        f"{doc.slug}/{flow.slug}": flow.heading for doc in checklist.documents for flow in doc.flows
    }
    for flow_id in checklist.flows():
        out.write(f"{flow_id}: {headings[flow_id]}\n")
        for it in (it for it in checklist.items if it.flow == flow_id):
            mark = "+" if it.supplement else " "
            out.write(f"  {mark} {it.id}  [{it.kind}]\n")
            out.write(f"      {it.text}  ({it.document}:{it.line})\n")
        out.write("\n")
    supplement = sum(it.supplement for it in checklist.items)
    out.write(
        f"{len(checklist.items)} items in {len(checklist.flows())} flows of "
        f"{len(checklist.documents)} documents; {supplement} from supplements (marked +)\n"
    )
