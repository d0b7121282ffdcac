"""Scene: the world of one scenario - a shared clock, both fakes, the engine and named entities.

Steps talk about entities by alias ("Nordlys"); the scene keeps, per alias, the system and
id it was created with, and finds its counterpart in the other system through the engine's
links. Everything goes through public APIs: the fakes' control plane and ``talksync.Engine``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakes import CustomerpFake, FakeClock, WebcrmFake
from steps.data import EntityData
from steps.systems import (
    REFERENCES,
    SOURCE,
    TARGET,
    Kind,
    counterpart,
    field_type,
    get_path,
    id_field,
    with_path,
)
from talkqa.checklist import Checklist, checklists_in_force, load_checklist

if TYPE_CHECKING:
    from talksync import Engine

ROOT = Path(__file__).resolve().parents[1]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CHECKLIST_PATHS = [ROOT / p for p in checklists_in_force(ROOT)]
_CHECKLIST: list[Checklist] = []


def checklist() -> Checklist:
    """The checklist in force (parsed once per process)."""
    if not _CHECKLIST:
        _CHECKLIST.append(load_checklist(CHECKLIST_PATHS))
    return _CHECKLIST[0]


class ScenarioError(AssertionError):
    """A check failed or a step cannot be carried out; the message names the faker seed."""


@dataclass
class Entity:
    """An entity a step created or named: its kind and its id in its own system."""

    alias: str
    kind: Kind
    id: int


@dataclass
class Scene:
    """One scenario's systems. ``fresh()`` gives an empty world again (hypothesis examples)."""

    workdir: Path
    data: EntityData
    clock: FakeClock = field(default_factory=FakeClock)
    share_enabled: dict[str, bool] = field(
        default_factory=lambda: {"customerp": True, "webcrm": True}
    )
    full_sync: bool = True
    entities: dict[str, Entity] = field(default_factory=dict)
    # every sleep of the engine: (journal sizes per system at that moment, seconds)
    sleeps: list[tuple[dict[str, int], float]] = field(default_factory=list)
    summary: Any = None
    remembered_links: dict[str, int | None] = field(default_factory=dict)
    evidence: Any = None  # talkqa's Evidence of the scenario (None: not recorded)
    mock: Any = None  # the responses.RequestsMock the fakes answer through
    _engine: Engine | None = None
    _generation: int = 0
    _recorded_calls: int = 0

    def __post_init__(self) -> None:
        self.webcrm = WebcrmFake(clock=self.clock)
        self.customerp = CustomerpFake(clock=self.clock)

    def fake(self, system: str) -> Any:
        return self.customerp if system == SOURCE else self.webcrm

    # --- the engine --------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from talksync import EngineConfig, create_engine

            self._engine = create_engine(
                EngineConfig(
                    customerp_url=self.customerp.base_url,
                    customerp_api_key="cp-test-key",
                    webcrm_url=self.webcrm.base_url,
                    webcrm_auth_code="wc-test-auth-code",
                    state_path=self.workdir / f"talksync-{self._generation}.sqlite",
                    checklist=CHECKLIST_PATHS,
                    share_enabled=dict(self.share_enabled),
                    full_sync=self.full_sync,
                    clock=self.clock.now,
                    sleep=self.sleep,
                )
            )
        return self._engine

    def reconfigure(self) -> None:
        """Toggles changed: the next cycle runs a new engine on the same state file."""
        self._close_engine()

    def _close_engine(self) -> None:
        if self._engine is not None:
            close = getattr(self._engine, "close", None)
            if close is not None:
                close()
            self._engine = None

    def sleep(self, seconds: float) -> None:
        """The engine's sleep: recorded (with both journals' positions) and made instant."""
        sizes = {SOURCE: len(self.customerp.journal), TARGET: len(self.webcrm.journal)}
        self.sleeps.append((sizes, seconds))
        self.clock.advance(max(seconds, 0.0))

    def run_cycle(self) -> Any:
        try:
            self.summary = self.engine.run_cycle()
        finally:
            self._record_evidence()
        return self.summary

    def _record_evidence(self) -> None:
        """The HTTP exchanges of the cycle go to the report (not those of generated examples)."""
        if self.evidence is None or self.mock is None or self._generation:
            return
        calls = list(self.mock.calls)
        self.evidence.record_calls(calls[self._recorded_calls :])
        self._recorded_calls = len(calls)
        if self.summary is not None:
            self.evidence.attach("cycle summary", repr(self.summary))

    def evidence_note(self, text: str) -> None:
        if self.evidence is not None:
            self.evidence.note(text)

    def close(self) -> None:
        self._close_engine()

    def fresh(self) -> None:
        """Empty fakes, a new state file and no aliases: a new world on the same clock."""
        self._close_engine()
        self._generation += 1
        self.webcrm.reset()
        self.customerp.reset()
        self.entities.clear()
        self.sleeps.clear()
        self.summary = None

    def clear_journals(self) -> None:
        self.webcrm.clear_journal()
        self.customerp.clear_journal()
        self.sleeps.clear()

    # --- entities ----------------------------------------------------------------------------
    def create(self, k: Kind, alias: str, fields: dict[str, Any]) -> Entity:
        if alias in self.entities:
            raise self.error(f'the alias "{alias}" is already taken')
        record = self.fake(k.system).ui_create(k.collection, fields)
        entity = Entity(alias, k, int(record[id_field(k)]))
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
        """The id linked to ``entity_id`` of ``system`` in the other system (engine's links)."""
        for source_id, target_id in self.engine.links(flow_id):
            mine, theirs = (source_id, target_id) if system == SOURCE else (target_id, source_id)
            if int(mine) == entity_id:
                return int(theirs)
        return None

    def kind_in(self, alias: str, system: str) -> Kind:
        k = self.entity(alias).kind
        return k if k.system == system else counterpart(k)

    def record_in(self, alias: str, system: str) -> dict[str, Any] | None:
        """The record of ``alias`` in ``system`` as the fake holds it (None: none there)."""
        entity_id = self.id_in(alias, system)
        if entity_id is None:
            return None
        k = self.kind_in(alias, system)
        for record in self.fake(system).records(k.collection):
            if int(record[id_field(k)]) == entity_id:
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
        json_type = field_type(system, self.kind_in(alias, system).collection, path)
        if json_type == "number":
            return float(text)
        if json_type == "integer":
            return int(text)
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
            k.collection, record[id_field(k)], with_path(record, path, value)
        )

    def delete(self, alias: str, system: str) -> None:
        record = self.require_record(alias, system)
        k = self.kind_in(alias, system)
        self.fake(system).ui_delete(k.collection, record[id_field(k)])

    def writes(self, system: str) -> list[dict[str, Any]]:
        """Record writes the system answered since the journals were cleared (logins excluded)."""
        return [
            entry
            for entry in self.fake(system).journal
            if entry["method"] in WRITE_METHODS and not entry["path"].startswith("/Auth")
        ]

    def error(self, message: str) -> ScenarioError:
        return ScenarioError(f"{message}\n[faker {self.data}]")
