"""Scene: the world of one scenario - a shared clock, both fakes, the engine and named entities.

Steps talk about entities by alias ("Nordlys"); the scene keeps, per alias, the system and
id it was created with, and finds its counterpart in the other system through the engine's
links. Everything goes through public APIs: the fakes' control plane and the engine driver.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from checklist import Checklist, checklists_in_force, load_checklist
from checklist.systems import SOURCE, TARGET, EntityKind, counterpart
from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE, CustomerpFake, FakeClock, WebcrmFake
from steps.cycles import SETTLE_CYCLES, EngineCycles
from steps.data import EntityData
from steps.drivers import EngineDriver
from steps.drivers.python import PythonDriver
from steps.live import SCOPE_FIELDS, LiveLimitation, LiveRun, Scope
from steps.propagation import Propagation
from steps.systems import REFERENCES, field_type, get_path, max_length, with_path
from steps.targets import Endpoints, RunSettings, Systems
from talkqa.engine_api import CycleReport, DeadLetter, EngineConfig, load_factory

ROOT = Path(__file__).resolve().parents[1]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CHECKLIST_PATHS = [ROOT / p for p in checklists_in_force(ROOT)]
_CHECKLIST: list[Checklist] = []


def checklist() -> Checklist:
    """The checklist in force (parsed once per process)."""
    if not _CHECKLIST:
        _CHECKLIST.append(load_checklist(CHECKLIST_PATHS))
    return _CHECKLIST[0]


def python_driver(scene: Scene) -> EngineDriver:
    """The default: the Python engine ``TALKQA_ENGINE`` names, built in this process."""
    return PythonDriver(load_factory(), scene.engine_config())


def _accepted(entry: dict[str, Any]) -> bool:
    """A journal entry of a write the system accepted (2xx)."""
    return entry["status"] is not None and entry["status"] < 300


class ScenarioError(AssertionError):
    """A check failed or a step cannot be carried out; the message names the faker seed."""


@dataclass
class Entity:
    """An entity a step created or named: its kind and its id in its own system."""

    alias: str
    kind: EntityKind
    id: int
    owner: str | None = None  # a Contact's Customer


@dataclass
class Scene:
    """One scenario's systems. ``fresh()`` gives an empty world again (hypothesis examples).

    ``systems`` are the target's (steps/targets.py); without them the scene makes in-process
    fakes that nothing routes requests to (for tests of the steps themselves).
    """

    workdir: Path
    data: EntityData
    systems: Systems | None = None
    settings: RunSettings = field(default_factory=RunSettings)
    live: LiveRun | None = None  # --target=live: the run's prefix, engine state and marker
    share_enabled: dict[str, bool] = field(
        default_factory=lambda: {"customerp": True, "webcrm": True}
    )
    full_sync: bool = True
    entities: dict[str, Entity] = field(default_factory=dict)
    remembered_links: dict[str, int | None] = field(default_factory=dict)
    evidence: Any = None  # talkqa's Evidence of the scenario (None: not recorded)
    unsyncable: set[str] = field(default_factory=set)  # hold a value the other side refuses
    # how the scene reaches its engine (steps/fixtures.py: by the run's options)
    make_driver: Callable[[Scene], EngineDriver] = field(default=python_driver, repr=False)
    cycles: EngineCycles = field(init=False)
    _generation: int = 0

    def __post_init__(self) -> None:
        if self.systems is None:
            clock = FakeClock()
            webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
            endpoints = Endpoints(
                customerp.base_url, DEFAULT_API_KEY, webcrm.base_url, DEFAULT_AUTH_CODE
            )
            self.systems = Systems(customerp, webcrm, clock, endpoints)
        self.clock = self.systems.clock
        self.webcrm = self.systems.webcrm
        self.customerp = self.systems.customerp
        self.mock = self.systems.mock  # the responses mock that records exchanges (evidence)
        self.propagation = Propagation(self.settings, self.live, self.fake, self.error)
        self.driver = self.make_driver(self)

    @property
    def external(self) -> bool:
        return self.settings.external

    def fake(self, system: str) -> Any:
        return self.customerp if system == SOURCE else self.webcrm

    # --- the engine (through its driver: steps/drivers) ------------------------------------
    def engine_config(self) -> EngineConfig:
        """The interface's config for this world: its state file, toggles, clock and scope."""
        assert self.systems is not None
        ends = self.systems.endpoints
        state = self.workdir / f"engine-{self._generation}" / "state.sqlite"
        state.parent.mkdir(parents=True, exist_ok=True)
        return EngineConfig(
            customerp_url=ends.customerp_url,
            customerp_api_key=ends.customerp_api_key,
            webcrm_url=ends.webcrm_url,
            webcrm_auth_code=ends.webcrm_auth_code,
            state_path=self.live.state_path if self.live else state,
            checklist=CHECKLIST_PATHS,
            share_enabled=dict(self.share_enabled),
            full_sync=self.full_sync,
            clock=self.clock.now,
            sleep=self.sleep,
            # live: the engine sees only this run's test data, nothing else
            scope=Scope(self.live.prefix).owns if self.live else None,
        )

    @property
    def driver(self) -> EngineDriver:
        return self.cycles.driver

    @driver.setter
    def driver(self, driver: EngineDriver) -> None:
        self.cycles = EngineCycles(driver, self._write_count)

    @property
    def summary(self) -> CycleReport | None:
        """The last cycle's report (None: no cycle ran in this world)."""
        return self.cycles.summary

    def reconfigure(self) -> None:
        """Toggles changed: the next cycle runs with them on the same state."""
        self.driver.restart(self.engine_config())

    def sleep(self, seconds: float) -> None:
        """The engine's sleep: made instant by moving the systems' clock on.

        Live systems keep their own time: there the engine really sleeps.
        """
        if self.live is not None:
            time.sleep(max(seconds, 0.0))
            return
        self.clock.advance(max(seconds, 0.0))

    def run_cycle(self) -> CycleReport:
        """One cycle of the engine; a failed one is kept (the next cycle may recover)."""
        start = len(self.mock.calls) if self.mock is not None else 0
        try:
            return self.cycles.run()
        finally:
            self._record_evidence(start)

    def synchronize(self) -> None:
        """Cycles until the engine is quiet (steps/cycles.py); fails naming why it is not."""
        if self.external:
            return
        why = self.cycles.settle(self.run_cycle)
        if why is not None:
            raise self.error(f"the engine did not settle within {SETTLE_CYCLES} cycles: {why}")

    def _write_count(self) -> int | None:
        """Record writes both systems accepted so far (None: no journal, e.g. live); a write
        the system refused changed nothing (an engine may retry a refused one every cycle)."""
        if self.live is not None:
            return None
        accepted = [e for s in (SOURCE, TARGET) for e in self.writes(s) if _accepted(e)]
        return len(accepted)

    def _record_evidence(self, start: int) -> None:
        """The HTTP exchanges of the cycle go to the report (not those of generated examples)."""
        if self.evidence is None or self._generation:
            return
        if self.mock is not None:
            self.evidence.record_calls(list(self.mock.calls)[start:])
        output = getattr(self.driver, "output", "")
        if output:
            self.evidence.attach("engine command output", output)
        if self.summary is not None:
            self.evidence.attach("cycle summary", repr(self.summary))

    def evidence_note(self, text: str) -> None:
        if self.evidence is not None:
            self.evidence.note(text)

    def close(self) -> None:
        self.driver.close()

    def fresh(self) -> None:
        """Empty fakes, a new state file and no aliases: a new world on the same clock."""
        self._generation += 1
        self.driver.restart(self.engine_config())
        self.webcrm.reset()
        self.customerp.reset()
        self.entities.clear()
        self.cycles.forget()

    def clear_journals(self) -> None:
        if self.settings.live:
            return
        self.webcrm.clear_journal()
        self.customerp.clear_journal()

    # --- entities ----------------------------------------------------------------------------
    def create(
        self, k: EntityKind, alias: str, fields: dict[str, Any], owner: str | None = None
    ) -> Entity:
        if alias in self.entities:
            raise self.error(f'the alias "{alias}" is already taken')
        assert self.systems is not None
        if self.systems.scope is not None:
            fields = self.systems.scope.mark(k.collection, fields)
        record = self.fake(k.system).ui_create(k.collection, fields)
        entity = Entity(alias, k, int(record[k.id_field]), owner)
        self.entities[alias] = entity
        return entity

    def entity(self, alias: str) -> Entity:
        try:
            return self.entities[alias]
        except KeyError:
            raise self.error(f'no entity "{alias}" was introduced by a Given step') from None

    def id_in(self, alias: str, system: str) -> int | None:
        """The id of ``alias`` (or of its linked counterpart) in ``system``; None: not linked."""
        entity = self.entity(alias)
        if entity.kind.system == system:
            return entity.id
        return self.linked(entity.kind.flow_id, entity.kind.system, entity.id)

    def linked(self, flow_id: str, system: str, entity_id: int) -> int | None:
        """The id linked to ``entity_id`` of ``system`` in the other system: the engine's
        links, or (an engine that shows none) the counterpart with the same identity."""
        links = self.driver.links(flow_id)
        if links is None:
            return self.propagation.linked(flow_id, system, entity_id)
        for source_id, target_id in links:
            mine, theirs = (source_id, target_id) if system == SOURCE else (target_id, source_id)
            if int(mine) == entity_id:
                return int(theirs)
        return None

    def kind_in(self, alias: str, system: str) -> EntityKind:
        k = self.entity(alias).kind
        return k if k.system == system else counterpart(k)

    def record_in(self, alias: str, system: str) -> dict[str, Any] | None:
        """The record of ``alias`` in ``system`` as the fake holds it (None: none there)."""
        entity_id = self.id_in(alias, system)
        if entity_id is None:
            return None
        k = self.kind_in(alias, system)
        for record in self.fake(system).records(k.collection):
            if int(record[k.id_field]) == entity_id:
                return record
        return None

    def require_record(self, alias: str, system: str) -> dict[str, Any]:
        record = self.record_in(alias, system)
        if record is None:
            k = self.kind_in(alias, system)
            raise self.error(f'"{alias}" has no {k.label} (not linked, or deleted)')
        return record

    def typed(self, alias: str, system: str, path: str, text: str) -> Any:
        """A feature's text value as the property's JSON type; a reference names an alias."""
        if (system, path) in REFERENCES:
            referenced = self.id_in(text, system)
            if referenced is None:
                raise self.error(f'"{text}" has no {REFERENCES[system, path].name} in {system}')
            return referenced
        collection = self.kind_in(alias, system).collection
        json_type = field_type(system, collection, path)
        if json_type == "number":
            return float(text)
        if json_type == "integer":
            return int(text)
        assert self.systems is not None
        scope = self.systems.scope
        if scope is not None and text and SCOPE_FIELDS[collection] == path:
            return scope.prefix + text  # live test data keeps the run prefix
        return text

    def edit(self, alias: str, system: str, path: str, value: Any) -> None:
        """Change one property of ``alias`` (or its counterpart) in ``system``'s UI."""
        record = self.require_record(alias, system)
        if get_path(record, path) == value:
            raise self.error(
                f'{system} already holds {value!r} in {path} of "{alias}": '
                "an edit that changes nothing cannot show that it arrives"
            )
        k = self.kind_in(alias, system)
        self.fake(system).ui_update(
            k.collection, record[k.id_field], with_path(record, path, value)
        )
        self.unsyncable.discard(alias)

    def delete(self, alias: str, system: str) -> None:
        record = self.require_record(alias, system)
        k = self.kind_in(alias, system)
        try:
            self.fake(system).ui_delete(k.collection, record[k.id_field])
        except LiveLimitation as exc:
            pytest.skip(f"--target=live: {exc}")

    def blocked(self, alias: str) -> bool:
        """The entity (or its Customer) holds a value the other system refuses."""
        entity = self.entity(alias)
        return alias in self.unsyncable or bool(entity.owner and self.blocked(entity.owner))

    def dead_letters(self) -> list[DeadLetter]:
        """All of the engine's dead letters; a step needing them skips if the engine shows none."""
        letters = self.driver.dead_letters()
        if letters is None:
            pytest.skip(self.not_shown("dead_letters"))
        return letters

    def cycle_flows(self) -> dict[str, Any]:
        """The last cycle's counts per flow; a step needing them skips if the engine shows none."""
        if self.summary is None or self.summary.flows is None:
            pytest.skip(self.not_shown("flows"))
        return self.summary.flows

    def not_shown(self, field: str) -> str:
        kind = self.driver.kind
        if kind == "command":
            return f'the engine command printed no "{field}" in its summary line'
        return f'an {kind} engine does not show "{field}"'

    def dead_letters_of(self, alias: str) -> list[DeadLetter]:
        """The engine's dead letters of the entity (its flow, its id)."""
        entity = self.entity(alias)
        return [
            d
            for d in self.dead_letters()
            if d.flow == entity.kind.flow_id and d.entity_id == entity.id
        ]

    def check(self, check: Any) -> None:
        """Run a Then's check once the engine is quiet; under --sync=external poll it until it
        holds or times out."""
        if self.external:
            self.propagation.eventually(check)
        else:
            self.synchronize()
            check()

    def refused_by_counterpart(self, alias: str, system: str, path: str, length: int) -> bool:
        """A value of ``length`` characters in ``path`` is over the mapped property's limit."""
        k = self.kind_in(alias, system)
        other = counterpart(k)
        for row in checklist().flow(k.flow_id).properties:
            mine, theirs = (
                (row.source, row.target) if system == SOURCE else (row.target, row.source)
            )
            if mine == path:
                limit = max_length(other.system, other.collection, theirs)
                return limit is not None and length > limit
        return False

    def links_text(self, flow_id: str) -> str:
        """The engine's links of a flow, for failure messages."""
        links = self.driver.links(flow_id)
        if links is None:
            return f"(the {self.driver.kind} engine shows no links)"
        return f"links {links}"

    def writes(self, system: str) -> list[dict[str, Any]]:
        """Record writes the system answered since the journals were cleared (logins excluded)."""
        return [
            entry
            for entry in self.fake(system).journal
            if entry["method"] in WRITE_METHODS and not entry["path"].startswith("/Auth")
        ]

    def error(self, message: str) -> ScenarioError:
        return ScenarioError(f"{message}\n[faker {self.data}]")
