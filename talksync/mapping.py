"""Flow -> field mapping from the checklist in force: dotted source paths, one source to
several targets, declared types converted and checked, and references between flows
(``customer_id -> PersonOrganisationId`` is translated through the customer's link)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from checklist.model import Flow, PropertyRow
from checklist.slugs import flow_id
from checklist.systems import REFERENCES, EntityKind, FlowKinds, flow_between, flow_of
from talksync.errors import ConfigError

Record = dict[str, Any]
View = dict[str, Any]  # row key -> canonical value
Resolve = Callable[[str, Any], Any]  # (referenced flow id, id on one side) -> id on the other


class MappingError(Exception):
    """A value that cannot be converted or translated: the entity is dead-lettered."""


class Unlinked(MappingError):
    """A reference to an entity of another flow that is not linked yet: the entity waits."""


@dataclass(frozen=True)
class EntityPair:
    """What the engine knows of the two APIs for one kind of flow (the checklist only names
    the types). ``marker_field`` is the free webCRM text field that carries the origin marker
    of every entity the engine creates: ``talksync:<source collection>:<source id>``."""

    source_collection: str
    target_collection: str
    target_table: str
    marker_field: str
    id_field: str
    updated_field: str


def entity_pair(kinds: FlowKinds) -> EntityPair:
    """The pair of one flow, from the table of system facts."""
    target = kinds.target
    return EntityPair(
        kinds.source.collection,
        target.collection,
        target.name,
        str(target.marker_field),
        target.id_field,
        target.updated_field,
    )


@dataclass(frozen=True)
class PropertyMap:
    """One property row, ready to apply: ``reference`` is the referenced flow's id, if any."""

    source: str
    target: str
    type: str
    reference: str | None = None

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True)
class Connection:
    """A creation rule's connection: records of ``collection`` whose ``path`` holds the id of
    a source entity connect it ("created ... if it is connected to a Customerp Contact")."""

    collection: str
    path: str


@dataclass(frozen=True)
class FlowMap:
    """A flow of the checklist in force, with its entity pair and property maps."""

    flow_id: str
    pair: EntityPair
    properties: tuple[PropertyMap, ...]
    merge_criteria: tuple[tuple[str, str], ...] = ()
    # "Before any synchronization can take place, a link ... must be established": a source
    # is only ever linked by the merge criteria, never created in the target.
    link_required: bool = False
    # A creation rule: a source is created only when a record of these connects it.
    created_if_connected: tuple[Connection, ...] = ()

    @property
    def shared_sources(self) -> list[tuple[PropertyMap, ...]]:
        """Properties that read one source path into several targets, grouped by that path."""
        groups: dict[str, list[PropertyMap]] = {}
        for p in self.properties:
            groups.setdefault(p.source, []).append(p)
        return [tuple(g) for g in groups.values() if len(g) > 1]

    @property
    def depends_on(self) -> tuple[str, ...]:
        return tuple(p.reference for p in self.properties if p.reference)

    def marker(self, source_id: Any) -> str:
        return f"talksync:{self.pair.source_collection}:{source_id}"


def flow_map(doc_slug: str, flow: Flow) -> FlowMap:
    """Build the map of one checklist flow; unknown entity types are a configuration error."""
    kinds = flow_between(flow.source_type, flow.target_type)
    if kinds is None:
        raise ConfigError(
            f"flow {doc_slug}/{flow.slug}: no entity pair for "
            f"{flow.source_type} -> {flow.target_type}"
        )
    props = tuple(_property_map(doc_slug, kinds.source, row) for row in flow.properties)
    criteria = tuple((c.source, c.target) for c in flow.merge_criteria)
    for _, target in criteria:
        if not target.isidentifier():
            raise ConfigError(f"flow {doc_slug}/{flow.slug}: merge on {target!r}: not a field name")
    link_required = flow.merge_policy == "link-required"
    connections = tuple(_connection(doc_slug, flow, kinds, name) for name in flow.connected_to)
    return FlowMap(
        flow_id(doc_slug, flow.slug),
        entity_pair(kinds),
        props,
        criteria,
        link_required,
        connections,
    )


def _connection(doc_slug: str, flow: Flow, kinds: FlowKinds, type_name: str) -> Connection:
    """The reference through which entities of ``type_name`` connect a source of ``flow``."""
    for (kind, path), referenced in REFERENCES.items():
        same_system = kind.system == kinds.source.system
        if kind.type == type_name and same_system and referenced == kinds.source:
            return Connection(kind.collection, path)
    raise ConfigError(
        f"flow {doc_slug}/{flow.slug}: created if connected to a {type_name}, but no "
        f"{type_name} property refers to a {flow.source_type}"
    )


def _property_map(doc_slug: str, source: EntityKind, row: PropertyRow) -> PropertyMap:
    ref = REFERENCES.get((source, row.source))
    flow = flow_id(doc_slug, flow_of(ref).slug) if ref else None
    return PropertyMap(row.source, row.target, row.type, flow)


def order_flows(maps: Iterable[FlowMap]) -> list[FlowMap]:
    """Flows in dependency order: a flow after the flows its references point at."""
    pending = list(maps)
    ordered: list[FlowMap] = []
    while pending:
        done = {m.flow_id for m in ordered}
        ready = [m for m in pending if all(d in done or d == m.flow_id for d in m.depends_on)]
        if not ready:  # a reference to a flow not in force: keep the document order
            ready = pending[:1]
        ordered.extend(ready)
        pending = [m for m in pending if m not in ready]
    return ordered


def convert(value: Any, type_: str, where: str) -> Any:
    """Convert to the declared data type; None and "" are both the empty value (None)."""
    if value is None or value == "":
        return None
    try:
        if type_ == "string":
            if isinstance(value, dict | list):
                raise ValueError  # an object or array is not a text value
            return value if isinstance(value, str) else _plain(value)
        if type_ == "integer":
            return _integer(value)
        if type_ in ("float", "decimal"):
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if type_ == "boolean":
            return _boolean(value)
    except (TypeError, ValueError):
        raise MappingError(f"{where}: cannot convert {value!r} to {type_}") from None
    return value  # N/A: as it is


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    number = float(value)
    if not number.is_integer():
        raise ValueError
    return int(number)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError


def get_path(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (``address.city``); missing parts are None."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def set_path(record: Record, path: str, value: Any) -> None:
    """Set a dotted path, creating nested objects as needed."""
    *parents, last = path.split(".")
    node = record
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value


def source_view(fm: FlowMap, record: Mapping[str, Any], resolve: Resolve) -> View:
    """Canonical values of a source record; references become target ids via ``resolve``."""
    view: View = {}
    for p in fm.properties:
        raw = get_path(record, p.source)
        if p.reference and raw is not None:
            raw = resolve(p.reference, raw)
        view[p.key] = convert(raw, p.type, f"{fm.pair.source_collection}.{p.source}")
    return view


def target_view(fm: FlowMap, dto: Mapping[str, Any]) -> View:
    """Canonical values of a target DTO."""
    where = fm.pair.target_table
    return {p.key: convert(dto.get(p.target), p.type, f"{where}.{p.target}") for p in fm.properties}


# What webCRM stores for an empty value of a declared type (its DTO fields are not nullable).
WEBCRM_EMPTY: dict[str, Any] = {"integer": 0, "float": 0.0, "decimal": 0.0, "boolean": False}


def stored_in_target(fm: FlowMap, values: Mapping[str, Any]) -> View:
    """The canonical values as webCRM will hold them once written: an empty number is 0."""
    out = dict(values)
    for p in fm.properties:
        if p.key in out and out[p.key] is None and p.type in WEBCRM_EMPTY:
            out[p.key] = WEBCRM_EMPTY[p.type]
    return out


def apply_to_target(fm: FlowMap, dto: Mapping[str, Any], values: Mapping[str, Any]) -> Record:
    """A copy of ``dto`` with the given canonical values written to their target fields."""
    out = dict(dto)
    for p in fm.properties:
        if p.key in values:
            out[p.target] = values[p.key]
    return out


def apply_to_source(
    fm: FlowMap, record: Mapping[str, Any], values: Mapping[str, Any], unresolve: Resolve
) -> Record:
    """A copy of ``record`` with canonical values written back to their source paths;
    references are translated back from target ids to source ids via ``unresolve``."""
    out = _deep_copy(record)
    for p in fm.properties:
        if p.key not in values:
            continue
        value = values[p.key]
        if p.reference and value is not None:
            value = unresolve(p.reference, value)
        set_path(out, p.source, value)
    return out


def _deep_copy(record: Mapping[str, Any]) -> Record:
    return {k: _deep_copy(v) if isinstance(v, Mapping) else v for k, v in record.items()}
