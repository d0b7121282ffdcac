"""Outcomes over several cycles: running until quiet, Talk's accounting, request economy,
dead letters cleared once fixed, and the edits people made while the engine worked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from checklist.systems import SOURCE, TARGET
from steps.scene import Scene
from steps.vocabulary import (
    ALIAS,
    CONTROL_PLANE,
    ENGINE_STATE,
    JOURNAL,
    OWN_WRITES,
    SYSTEM,
    Need,
    then,
    when,
)

# A correct engine converges within this many cycles after the When's first one (some settle
# a new Contact a cycle later, or retry a failed write on the next cycle).
QUIET_WITHIN = 5
SUMMARY = Need(ENGINE_STATE, "the engine's cycle summaries")


@pytest.fixture
def cycles() -> Iterator[list[Any]]:
    """The summaries of the cycles the When ran, in order (empty: the When ran one cycle)."""
    yield []


@when(r"the engine runs sync cycles until a cycle writes nothing", need=JOURNAL)
def engine_runs_until_quiet(scene: Scene, cycles: list[Any]) -> None:
    """Cycles until one writes no record to either system (at most 5 after the first); a
    write the system refused changed nothing (an engine may retry a refused one each cycle).

    Under --sync=external every cycle writes the barrier's marker, so none is quiet: one
    barrier runs and the Thens poll until they hold, as all external checks do."""
    if scene.external:
        cycles.append(scene.run_cycle())
        return
    for _ in range(1 + QUIET_WITHIN):
        before = {system: len(_accepted(scene, system)) for system in (SOURCE, TARGET)}
        cycles.append(scene.run_cycle())
        if all(len(_accepted(scene, system)) == n for system, n in before.items()):
            return
    raise scene.error(f"the engine still wrote after {1 + QUIET_WITHIN} cycles: {cycles[-1]}")


def _accepted(scene: Scene, system: str) -> list[Any]:
    """Record writes the system accepted (2xx) since the journals were cleared."""
    return [e for e in scene.writes(system) if e["status"] is not None and e["status"] < 300]


@then(r"the engine counted (?P<count>\d+) Talk updates?", need=SUMMARY)
def talk_updates_counted(scene: Scene, cycles: list[Any], count: str) -> None:
    """Talk's billed unit: one per entity saved, none for echoes or records read unchanged."""
    summaries = cycles or [scene.summary]
    counted = sum(int(s.talk_updates) for s in summaries)
    if counted != int(count):
        raise scene.error(
            f"the engine counted {counted} Talk updates, expected {count} "
            f"(one per entity saved): {summaries}"
        )


@then(
    r"the cycle sent at most (?P<count>\d+) requests? to " + SYSTEM,
    need=Need(OWN_WRITES, "the fakes' request journal, of one cycle's requests alone"),
)
def requests_at_most(scene: Scene, count: str, system: str) -> None:
    """The When's requests to that system (logins aside): what reading changes needs, no more."""
    sent = [e for e in scene.fake(system).journal if not e["path"].startswith("/Auth")]
    if len(sent) > int(count):
        shown = [f"{e['method']} {e['path']}" for e in sent[:12]]
        raise scene.error(
            f"the cycle sent {len(sent)} requests to {system}, expected at most {count}: "
            f"{shown}{' ...' if len(sent) > 12 else ''}"
        )


@then(
    ALIAS + r" is (?P<which>a|no) dead letter", need=Need(ENGINE_STATE, "the engine's dead letters")
)
def is_dead_letter(scene: Scene, alias: str, which: str) -> None:
    """The engine lists the entity among its dead letters, whatever the reason - or no more."""
    letters = _letters(scene, alias)
    if which == "no" and letters:
        raise scene.error(f'"{alias}" is still a dead letter: {letters}')
    if which == "a" and not letters:
        raise scene.error(f'"{alias}" is no dead letter: {scene.dead_letters()}')


def _letters(scene: Scene, alias: str) -> list[Any]:
    """Dead letters of the entity, or of its counterpart (a refused write to the other side)."""
    flow_id = scene.entity(alias).kind.flow_id
    ids = {"source": scene.id_in(alias, SOURCE), "target": scene.id_in(alias, TARGET)}
    return [d for d in scene.dead_letters() if d.flow == flow_id and ids.get(d.side) == d.entity_id]


@then(ALIAS + r' is not linked to "(?P<other>[^"]+)"')
def not_linked_to(scene: Scene, alias: str, other: str) -> None:
    """Two entities of the two systems that merely look alike are not each other's counterpart."""
    look_alike = scene.entity(other)
    if scene.id_in(alias, look_alike.kind.system) == look_alike.id:
        raise scene.error(f'"{alias}" was linked to "{other}", which merely looks like it')


@then(
    r"the edits made during the cycle were made after the engine read them",
    need=Need(CONTROL_PLANE, "the fakes' people at work"),
)
def edits_during_cycle_made(scene: Scene) -> None:
    """Every planned edit really happened inside the cycle (else the scenario proves nothing)."""
    for system in (SOURCE, TARGET):
        waiting = [e for e in scene.fake(system).people.pending if not _done(e)]
        if waiting:
            raise scene.error(f"{system}: the engine never read the record of {waiting}")


def _done(edit: Any) -> bool:
    return bool(edit["done"] if isinstance(edit, dict) else edit.done)
