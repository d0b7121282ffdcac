"""``talkqa scaffold``: write scenario drafts for the checklist items no scenario covers."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from talkqa.commands import add_checklist_options
from talkqa.commands.checklist import load_documents
from talkqa.commands.coverage import feature_scenarios
from talkqa.files import write_atomically
from talkqa.scaffold import FeatureDraft, plan, test_module

DESCRIPTION = """\
For every item of the checklist in force that no scenario covers, write scenarios in the
suite's conventions (features/README.md): into the flow's feature file where one exists (a
new property row becomes a Scenario Outline in <Flow>5, a merge criterion a scenario in
<Flow>6, a condition one in <Flow>7), else into a new numbered feature in the flow's folder
(with the test module that collects it). Only the step vocabulary is used; existing
scenarios are never changed. Items the fakes cannot serve (another system, a property they
do not model) get scenarios tagged @unserved:<flow or item id>: collected, and reported as
skipped with that reason. Afterwards 'talkqa coverage' exits 0.

Exit status: 0 (also when nothing is missing); 2 on bad input (one line 'error: ...')."""

EPILOG = """\
examples:
  talkqa scaffold --dry-run              # print the unified diff, write nothing
  talkqa scaffold                        # checklist in force, features/
  talkqa scaffold --checklist new.rst --checklist checklists/customerp-webcrm.supplement.rst"""


def register(subparsers: Any) -> None:
    """Add the ``scaffold`` subcommand."""
    parser = subparsers.add_parser(
        "scaffold",
        help="write scenarios for the checklist items no scenario covers",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_checklist_options(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="print the unified diff and write nothing"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checklist = load_documents(args.checklist)
    folder = Path(args.features)
    covered = {i for s in feature_scenarios(folder) for i in s.checklist}
    drafts = plan(checklist, covered, folder)
    files = _with_test_modules(drafts)
    if args.dry_run:
        for path, before, after in files:
            sys.stdout.writelines(_diff(path, before, after))
    else:
        for path, _, after in files:
            write_atomically(path, after)
    added = sum(d.added for d in drafts)
    verb = "would add" if args.dry_run else "added"
    print(
        f"scaffold: {verb} {added} scenarios in {len(drafts)} feature files "
        f"({sum(d.before is None for d in drafts)} new)",
        file=sys.stderr,
    )
    return 0


def _with_test_modules(drafts: list[FeatureDraft]) -> list[tuple[Path, str | None, str]]:
    """The drafts, plus a collecting test module for every new feature folder."""
    files: list[tuple[Path, str | None, str]] = [(d.path, d.before, d.after) for d in drafts]
    for folder in sorted({d.path.parent for d in drafts}):
        if not any(folder.glob("test_*.py")):
            path, text = test_module(folder)
            files.append((path, None, text))
    return files


def _diff(path: Path, before: str | None, after: str) -> list[str]:
    return list(
        difflib.unified_diff(
            (before or "").splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}" if before is not None else "/dev/null",
            tofile=f"b/{path}",
        )
    )
