"""talkqa: a conformance harness for Sesam Talk data flows."""

from __future__ import annotations

__version__ = "0.1.0"
