"""pytest plugin entry point (``pytest11``): wires talkqa's sub-plugins into every run."""

from __future__ import annotations
