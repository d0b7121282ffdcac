"""Hypothesis profiles of the feature suite: ``dev`` (default), ``ci`` and ``thorough``.

Chosen by ``--hypothesis-profile NAME`` (hypothesis's own pytest option) or by the environment
variable ``TALKQA_PROFILE``; any other active profile name falls back to ``dev``. The examples
of ``dev`` and ``ci`` are derandomized, so a serial run and a ``-n 2`` run see the same ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis.errors import InvalidArgument

_BASE = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
PROFILES = {
    "dev": settings(_BASE, max_examples=6, derandomize=True, database=None),
    "ci": settings(_BASE, max_examples=20, derandomize=True, database=None),
    "thorough": settings(_BASE, max_examples=300),
}
DEFAULT = "dev"


def register() -> None:
    """Register the profiles whose names nobody registered yet; honour ``TALKQA_PROFILE``."""
    for name, profile in PROFILES.items():
        try:
            settings.get_profile(name)
        except InvalidArgument:
            settings.register_profile(name, profile)
    chosen = os.environ.get("TALKQA_PROFILE")
    if chosen:
        settings.load_profile(chosen)


def active() -> tuple[str, settings]:
    """The profile the feature suite runs with now: its name and settings."""
    name = os.environ.get("TALKQA_PROFILE") or settings.get_current_profile_name()
    if name not in PROFILES:
        name = DEFAULT
    return name, PROFILES[name]
