"""The ``talkqa`` command line: one subcommand per module in ``talkqa.commands``."""

from __future__ import annotations

import argparse
import sys

from talkqa.commands import UsageError, bench, checklist, coverage, fakes, report, scaffold, sync

COMMANDS = (checklist, fakes, coverage, scaffold, sync, bench, report)  # as ``--help`` lists them


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="talkqa",
        description="Conformance harness for Sesam Talk data flows (Customerp <-> webCRM).",
        epilog="Run 'talkqa COMMAND --help' for what a command does and its options. "
        "Bad input: one line 'error: PATH:LINE: what is wrong' on stderr, exit status 2.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
