"""The suite's step vocabulary: every step pattern is registered here, in one place.

``given``/``when``/``then`` wrap pytest-bdd's decorators with a regular-expression parser
and record each pattern in ``VOCABULARY``, so the feature lint can check that every step of
every feature matches a known pattern, and features/README.md can list them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import pytest_bdd
from pytest_bdd import parsers

F = TypeVar("F", bound=Callable[..., Any])

# Building blocks shared by the patterns.
SYSTEM = r"(?P<system>Customerp|Webcrm)"
ALIAS = r'"(?P<alias>[^"]+)"'
PROPERTY = r"(?P<property>[A-Za-z_][A-Za-z0-9_.]*)"
VALUE = r'"(?P<value>[^"]*)"'

# What a step needs beyond the two systems' APIs (steps/targets.py skips what a target lacks).
CONTROL_PLANE = "control-plane"  # the fakes' control plane: faults, clock, journal, resets
ENGINE_STATE = "engine-state"  # the reference engine's own state: cycle summary, dead letters
TOGGLES = "toggles"  # Talk's switches, which configure the engine
FRESH = "fresh-systems"  # empty systems on demand (a reset between generated examples)
OWN_WRITES = "own-writes"  # a journal holding the engine's writes and nothing else


@dataclass(frozen=True)
class Need:
    """A step's need of one kind, and what exactly it uses (said in the skip reason)."""

    kind: str
    what: str


FRESH_SYSTEMS = Need(FRESH, "empty systems for every generated example")
JOURNAL = Need(CONTROL_PLANE, "the fakes' request journal")


@dataclass(frozen=True)
class StepPattern:
    """One known step: its keyword, its regular expression and the first line of its doc."""

    keyword: str
    regex: str
    doc: str
    need: Need | None = None

    def matches(self, text: str) -> bool:
        return re.fullmatch(self.regex, text) is not None

    @property
    def readable(self) -> str:
        """The pattern as people read it: ``a Customerp <Customer|Product> "<alias>"``."""
        return f"{self.keyword.capitalize()} {readable(self.regex)}"


def readable(regex: str) -> str:
    """Named groups become ``<name>`` (or ``<A|B>`` for word choices); optional parts ``[..]``."""
    out, i = [], 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            out.append(regex[i + 1])
            i += 2
        elif char == "(":
            end = _closing(regex, i)
            text = _group(regex[i + 1 : end])
            if regex[end + 1 : end + 2] == "?":
                text, end = f"[{text}]", end + 1
            out.append(text)
            i = end + 1
        elif regex[i + 1 : i + 2] == "?":
            out.append(f"[{char}]")
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _group(inner: str) -> str:
    if inner.startswith("?:"):
        text = readable(inner[2:])
        return f"({text})" if _has_top_level_choice(inner[2:]) else text
    name, _, body = inner[3:].partition(">")
    if re.fullmatch(r"[A-Za-z ]+", body):
        return body
    choices = re.fullmatch(r"[A-Za-z ]+(?:\|[A-Za-z ]+)+", body)
    return f"<{body}>" if choices else f"<{name}>"


def _has_top_level_choice(regex: str) -> bool:
    depth = 0
    for i, char in enumerate(regex):
        if regex[i - 1 : i] == "\\":
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            return True
    return False


def _closing(regex: str, start: int) -> int:
    depth = 0
    for i in range(start, len(regex)):
        if regex[i] == "\\":
            continue
        depth += {"(": 1, ")": -1}.get(regex[i], 0)
        if depth == 0 and regex[i - 1 : i] != "\\":
            return i
    raise ValueError(f"unbalanced parentheses in step pattern {regex!r}")


VOCABULARY: list[StepPattern] = []
_DECORATORS = {"given": pytest_bdd.given, "when": pytest_bdd.when, "then": pytest_bdd.then}


def _define(
    keyword: str, regex: str, target_fixture: str | None = None, need: Need | None = None
) -> Callable[[F], F]:
    def decorator(func: F) -> F:
        doc = (func.__doc__ or "").strip().splitlines()
        VOCABULARY.append(StepPattern(keyword, regex, doc[0] if doc else "", need))
        step = _DECORATORS[keyword](parsers.re(regex), target_fixture=target_fixture, stacklevel=2)
        return cast(F, step(func))

    return decorator


def given(
    regex: str, target_fixture: str | None = None, need: Need | None = None
) -> Callable[[F], F]:
    return _define("given", regex, target_fixture, need)


def when(regex: str, need: Need | None = None) -> Callable[[F], F]:
    return _define("when", regex, need=need)


def then(regex: str, need: Need | None = None) -> Callable[[F], F]:
    return _define("then", regex, need=need)


def known_step(keyword: str, text: str) -> StepPattern | None:
    """The pattern a step of this keyword matches (None: not in the vocabulary)."""
    for pattern in VOCABULARY:
        if pattern.keyword == keyword and pattern.matches(text):
            return pattern
    return None
