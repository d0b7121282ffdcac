"""The ``talkqa`` subcommands: each module exposes ``register(subparsers)``, which adds its
subparser and sets ``func`` (the parsed namespace -> exit status)."""

from __future__ import annotations

import argparse


class UsageError(Exception):
    """An expected error in the user's input: printed as one line, exit status 2."""


def add_checklist_options(parser: argparse.ArgumentParser) -> None:
    """``--checklist PATH...`` and ``--features DIR``: what the commands that read the
    features (``coverage``, ``scaffold``) take."""
    add_checklist_option(parser)
    parser.add_argument(
        "--features", default="features", metavar="DIR", help="folder of .feature files"
    )


def add_checklist_option(parser: argparse.ArgumentParser) -> None:
    """``--checklist PATH``, repeatable, as every command (and the pytest plugin) spells it;
    several paths after one ``--checklist`` are accepted too."""
    parser.add_argument(
        "--checklist",
        action="extend",
        nargs="+",
        metavar="PATH",
        help="a dataflow document in force (repeatable); "
        "default: [tool.talkqa] checklists in pyproject.toml",
    )
