"""Benchmarks of talkqa (figures only, never timing assertions): run ``talkqa bench``."""

from __future__ import annotations
