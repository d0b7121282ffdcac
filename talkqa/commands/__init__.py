"""The ``talkqa`` subcommands: each module exposes ``register(subparsers)``, which adds its
subparser and sets ``func`` (the parsed namespace -> exit status)."""

from __future__ import annotations


class UsageError(Exception):
    """An expected error in the user's input: printed as one line, exit status 2."""
