"""The engine interface: what the harness hands a sync engine and what it reads back from it.

This module is the written contract of the Python binding (docs/engine-protocol.md describes
the command binding, which carries the same fields as environment variables and one JSON
line). An engine satisfies it *structurally*: it never imports talkqa (the reference engine,
``talksync``, imports nothing of the harness), it only has the attributes and methods below.

* the **factory** (:class:`EngineFactory`) takes one :class:`EngineConfig` and returns a
  :class:`SyncEngine`; ``TALKQA_ENGINE=<module>:<callable>`` names it (default
  ``talksync:create_engine``);
* **a cycle** (:meth:`SyncEngine.run_cycle`) reads both systems once, writes what must be
  written and returns a :class:`CycleSummaryView` (or a mapping shaped like the command
  binding's JSON line); an exception means the cycle failed;
* the harness then reads the engine's **links**, **dead letters** and **Talk updates**.

Flow ids are ``<document slug>/<flow slug>`` of the checklist in force, e.g.
``customerp-webcrm/customer-organisations`` (``talkqa checklist`` prints them).
The records the harness keeps (:class:`CycleReport`, :class:`DeadLetter`) are what the steps
read, whichever binding ran the engine.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

Clock = Callable[[], datetime]  # aware UTC datetimes: the systems' time
Sleep = Callable[[float], object]  # every pause of the engine (retries, Retry-After)
Scope = Callable[[str, dict[str, Any]], bool]  # (collection, record) -> the engine may see it

SYSTEMS = ("customerp", "webcrm")
SIDES = ("source", "target")  # source: Customerp, target: webCRM
# What the per-flow counts of one cycle mean (every engine counts the same way).
FLOW_COUNTS = {
    "created": "entities created in the other system this cycle (a new link)",
    "updated": "linked pairs written this cycle, in either system",
    "unchanged": "changed entities read this cycle that needed no write",
    "waiting": "entities not written yet because a dependency is missing (a Contact whose "
    "Customer is not linked yet); they are tried again next cycle",
    "dead_lettered": "entities that can never be written (e.g. over a maxLength), put on the "
    "dead letters this cycle",
}


def wall_clock() -> datetime:
    """The default clock: wall time, aware, UTC."""
    return datetime.now(UTC)


def wall_sleep(seconds: float) -> None:
    """The default sleep: really sleep."""
    time.sleep(max(0.0, seconds))


def _both_shared() -> dict[str, bool]:
    return dict.fromkeys(SYSTEMS, True)


@dataclass(frozen=True)
class EngineConfig:
    """Everything the harness hands an engine's factory. Credentials stay out of the repr.

    ``state_path`` is a file in a folder the engine owns for the scenario (``state_dir``): the
    same path across the cycles of a scenario (and across a new engine after a toggle
    changed), a new one for a new scenario or generated example. ``share_enabled`` is Talk's
    per-system "Share Enabled" (False: nothing may be written into that system); ``full_sync``
    False: only entities created after the engine's first cycle (onboarding) propagate.
    ``clock`` and ``sleep`` are the systems' time: an engine takes every timestamp from
    ``clock`` and makes every pause with ``sleep`` (in-process the harness makes pauses
    instant and moves the fakes' clock instead). ``scope`` (None: everything) says which
    records the engine may see at all; records it rejects must never be read as changes,
    linked, written or matched (live test data only).
    """

    customerp_url: str
    customerp_api_key: str = field(repr=False)
    webcrm_url: str
    webcrm_auth_code: str = field(repr=False)
    state_path: Path
    checklist: list[Path]
    share_enabled: dict[str, bool] = field(default_factory=_both_shared)
    full_sync: bool = True
    clock: Clock = wall_clock
    sleep: Sleep = wall_sleep
    scope: Scope | None = None

    @property
    def state_dir(self) -> Path:
        return self.state_path.parent


class FlowCountsView(Protocol):
    """One flow's counts of one cycle (meanings in ``FLOW_COUNTS``)."""

    @property
    def created(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def waiting(self) -> int: ...
    @property
    def dead_lettered(self) -> int: ...


class CycleSummaryView(Protocol):
    """What ``run_cycle`` returns: counts per flow id, requests per system, Talk updates."""

    @property
    def flows(self) -> Mapping[str, FlowCountsView]: ...
    @property
    def requests(self) -> Mapping[str, int]: ...
    @property
    def talk_updates(self) -> int: ...  # billed saves of this cycle (a create counts one)


class DeadLetterView(Protocol):
    """One entity that can never be written: its flow, side, id in its own system, reason."""

    @property
    def flow(self) -> str: ...
    @property
    def side(self) -> str: ...  # "source" (a Customerp entity) or "target" (a webCRM one)
    @property
    def entity_id(self) -> int: ...
    @property
    def reason(self) -> str: ...  # names the property and the rule, e.g. its maxLength


# Older engines return plain (flow, side, entity id, reason) tuples; they keep passing.
DeadLetterLike = DeadLetterView | tuple[str, str, int, str]


class SyncEngine(Protocol):
    """A sync engine as the harness drives it (``close`` may be a no-op)."""

    def run_cycle(self) -> CycleSummaryView | Mapping[str, Any]: ...  # or the JSON line's dict
    def links(self, flow_id: str) -> Sequence[tuple[int, int]]: ...  # (source id, target id)
    def dead_letters(self) -> Sequence[DeadLetterLike]: ...  # all current dead letters
    def talk_updates(self) -> int: ...  # billed saves over all cycles
    def close(self) -> None: ...


class EngineFactory(Protocol):
    """``factory(config) -> engine``: called again after a toggle changed (same state)."""

    def __call__(self, config: EngineConfig, /) -> SyncEngine: ...


ENGINE_VARIABLE = "TALKQA_ENGINE"
REFERENCE_FACTORY = "talksync:create_engine"


def load_factory(spec: str | None = None) -> EngineFactory:
    """The factory ``<module>:<callable>`` names (default: ``$TALKQA_ENGINE``, else the
    reference); a ValueError naming the variable when it cannot be loaded."""
    spec = (spec if spec is not None else os.environ.get(ENGINE_VARIABLE, "")).strip()
    module_name, sep, name = (spec or REFERENCE_FACTORY).partition(":")
    if not sep or not module_name or not name:
        raise ValueError(f"{ENGINE_VARIABLE}: expected <module>:<callable>, got {spec!r}")
    try:
        factory = getattr(importlib.import_module(module_name), name)
    except ImportError as exc:
        raise ValueError(f"{ENGINE_VARIABLE}: cannot import {module_name!r}: {exc}") from None
    except AttributeError:
        raise ValueError(f"{ENGINE_VARIABLE}: module {module_name!r} has no {name!r}") from None
    if not callable(factory):
        raise ValueError(f"{ENGINE_VARIABLE}: {spec!r} is not callable")
    return factory  # type: ignore[no-any-return]


# --- what the harness keeps of a cycle, whichever binding ran it ---------------------------
@dataclass(frozen=True)
class FlowCounts:
    """One flow's counts of one cycle (meanings in ``FLOW_COUNTS``)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    waiting: int = 0
    dead_lettered: int = 0

    @classmethod
    def of(cls, view: Any) -> FlowCounts:
        """From any object (or mapping) with the five counts."""
        get = view.get if isinstance(view, Mapping) else lambda n, d: getattr(view, n, d)
        return cls(**{name: int(get(name, 0) or 0) for name in FLOW_COUNTS})


@dataclass(frozen=True)
class DeadLetter:
    """An entity the engine will never write, as the harness reads it."""

    flow: str
    side: str
    entity_id: int
    reason: str

    @classmethod
    def of(cls, item: Any) -> DeadLetter:
        """From a record with the four attributes, a mapping, or a 4-tuple (older engines)."""
        if isinstance(item, Mapping):
            values = [item["flow"], item["side"], item["entity_id"], item["reason"]]
        elif all(hasattr(item, name) for name in ("flow", "side", "entity_id", "reason")):
            values = [item.flow, item.side, item.entity_id, item.reason]
        else:
            values = list(item)
            if len(values) != 4:
                raise ValueError(f"a dead letter has 4 parts, got {item!r}")
        return cls(str(values[0]), str(values[1]), int(values[2]), str(values[3]))


def dead_letters_of(items: Iterable[Any]) -> list[DeadLetter]:
    return [DeadLetter.of(item) for item in items]


@dataclass(frozen=True)
class CycleReport:
    """One cycle as the steps see it. ``None`` in a field: the engine did not tell it (a
    command engine that printed no JSON, or left the field out); steps needing it skip."""

    completed: bool  # Python: run_cycle returned; command: exit status 0
    flows: dict[str, FlowCounts] | None = None
    requests: dict[str, int] | None = None
    talk_updates: int | None = None
    links: dict[str, list[tuple[int, int]]] | None = None  # after the cycle, per flow id
    dead_letters: list[DeadLetter] | None = None  # after the cycle, all of them
    error: str | None = None  # why the cycle failed (exception or the command's stderr)

    @classmethod
    def of_summary(cls, summary: CycleSummaryView | Mapping[str, Any]) -> CycleReport:
        """A completed Python cycle's summary (links and dead letters are asked separately):
        an object with the attributes, or a mapping shaped like the command's JSON line."""
        if isinstance(summary, Mapping):
            return report_from_json(True, summary, None)
        return cls(
            completed=True,
            flows={flow: FlowCounts.of(c) for flow, c in summary.flows.items()},
            requests={system: int(n) for system, n in summary.requests.items()},
            talk_updates=int(summary.talk_updates),
        )


# The JSON object a command engine may print on its last stdout line: every key optional.
SUMMARY_KEYS = ("flows", "requests", "talk_updates", "links", "dead_letters")


def report_from_json(completed: bool, data: Mapping[str, Any], error: str | None) -> CycleReport:
    """A command engine's cycle from its JSON line (docs/engine-protocol.md); a ValueError
    naming the key when a key that is present has the wrong shape."""
    parsers: dict[str, Callable[[Any], Any]] = {
        "flows": lambda v: {str(f): FlowCounts.of(c) for f, c in v.items()},
        "requests": lambda v: {str(s): int(n) for s, n in v.items()},
        "talk_updates": int,
        "links": lambda v: {str(f): [(int(s), int(t)) for s, t in ps] for f, ps in v.items()},
        "dead_letters": dead_letters_of,
    }
    fields: dict[str, Any] = {}
    for key, parse in parsers.items():
        if data.get(key) is None:
            continue
        try:
            fields[key] = parse(data[key])
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f'"{key}" does not follow the protocol: {exc}') from None
    return CycleReport(completed=completed, error=error, **fields)
