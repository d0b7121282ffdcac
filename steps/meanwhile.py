"""Given steps of a moving world: people editing while a cycle runs, late commits, other
integrations writing through the APIs, clocks that disagree, toggles turned back on, and
entities that merely look like one in the other system."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from checklist import PropertyRow
from checklist.systems import SOURCE, counterpart
from fakes.core import parse_iso
from steps.scene import Scene, checklist
from steps.systems import REFERENCES, get_path, kind, with_path
from steps.vocabulary import (
    ALIAS,
    CONTROL_PLANE,
    FRESH,
    PROPERTY,
    SYSTEM,
    TOGGLES,
    VALUE,
    Need,
    given,
)

PEOPLE = Need(CONTROL_PLANE, "the fakes' people at work (edits during a cycle, stamps, clocks)")
EDIT = ALIAS + r" was edited in " + SYSTEM + r": " + PROPERTY + r" = " + VALUE


def _edit_fields(scene: Scene, alias: str, system: str, path: str, value: str) -> dict[str, Any]:
    """The fields a person sends to set ``path`` to ``value`` (which must change it)."""
    record = scene.require_record(alias, system)
    typed = scene.typed(alias, system, path, value)
    if get_path(record, path) == typed:
        raise scene.error(f'{system} already holds {typed!r} in {path} of "{alias}"')
    return with_path(record, path, typed)


def _stamp_of(scene: Scene, alias: str, system: str) -> Any:
    """When ``alias`` (or its counterpart) was last changed in ``system``, by its own stamp."""
    record = scene.require_record(alias, system)
    k = scene.kind_in(alias, system)
    field = k.updated_field
    stamp = record.get(field)
    if not isinstance(stamp, str):
        raise scene.error(f'"{alias}" has no {field} in {system}: {record}')
    return parse_iso(stamp)


@given(
    r"during the next cycle, " + ALIAS + r" is edited in " + SYSTEM
    + r" right after the engine reads it: " + PROPERTY + r" = " + VALUE,
    need=PEOPLE,
)  # fmt: skip
def edited_after_read(scene: Scene, alias: str, system: str, property: str, value: str) -> None:
    """A person saves an edit the moment the engine's read of that record has been answered."""
    fields = _edit_fields(scene, alias, system, property, value)
    k = scene.kind_in(alias, system)
    record = scene.require_record(alias, system)
    scene.fake(system).people.edit_after_read(k.collection, int(record[k.id_field]), fields)


@given(EDIT + r" in the same millisecond as " + r'"(?P<other>[^"]+)"', need=PEOPLE)
def edited_same_millisecond(
    scene: Scene, alias: str, system: str, property: str, value: str, other: str
) -> None:
    """An edit stamped with the very millisecond of another entity's last change there."""
    _late(scene, alias, system, property, value, _stamp_of(scene, other, system))


@given(
    EDIT + r", committed late with a stamp (?P<ms>\d+) milliseconds before "
    r'"(?P<other>[^"]+)" was last changed',
    need=PEOPLE,
)
def edited_late(
    scene: Scene, alias: str, system: str, property: str, value: str, ms: str, other: str
) -> None:
    """A slow transaction: it commits now, stamped before the newest change already read."""
    stamp = _stamp_of(scene, other, system) - timedelta(milliseconds=int(ms))
    _late(scene, alias, system, property, value, stamp)


def _late(scene: Scene, alias: str, system: str, path: str, value: str, stamp: Any) -> None:
    fields = _edit_fields(scene, alias, system, path, value)
    k = scene.kind_in(alias, system)
    record = scene.require_record(alias, system)
    scene.fake(system).people.late_edit(k.collection, int(record[k.id_field]), fields, stamp)


@given(
    ALIAS + r" was edited through the " + SYSTEM + r" API by another integration: "
    + PROPERTY + r" = " + VALUE,
    need=PEOPLE,
)  # fmt: skip
def edited_by_integration(scene: Scene, alias: str, system: str, property: str, value: str) -> None:
    """Another integration (an import, a script) writes through the API: not the engine."""
    fields = _edit_fields(scene, alias, system, property, value)
    k = scene.kind_in(alias, system)
    record = scene.require_record(alias, system)
    scene.fake(system).people.api_edit(k.collection, int(record[k.id_field]), fields)


@given(
    r"the Webcrm clock runs (?P<seconds>\d+) seconds (?P<way>ahead of|behind) Customerp",
    # the clocks are apart from the start: set under an engine that already ran, it is a jump
    need=Need(FRESH, "the clocks apart since before the engine's first cycle"),
)
def webcrm_clock_skewed(scene: Scene, seconds: str, way: str) -> None:
    """webCRM stamps its records by its own clock, that far ahead of (or behind) Customerp's."""
    scene.webcrm.people.set_skew(int(seconds) * (1 if way == "ahead of" else -1))


@given(r"Share Enabled is back on for " + SYSTEM, need=Need(TOGGLES, "Talk's Share Enabled"))
def share_enabled_again(scene: Scene, system: str) -> None:
    """Talk's per-system toggle turned on again: what was held back must now arrive."""
    scene.share_enabled[system.lower()] = True
    scene.reconfigure()


@given(r"Full Sync is turned on", need=Need(TOGGLES, "Talk's Full Sync toggle"))
def full_sync_on(scene: Scene) -> None:
    """Talk's toggle turned on after running without it: older data must now propagate."""
    scene.full_sync = True
    scene.reconfigure()


@given(
    r"a (?P<system>Customerp|Webcrm) (?P<name>Customer|Organisation|Product|Contact|Person) "
    + r'"(?P<alias>[^"]+)" that looks just like "(?P<original>[^"]+)"'
)
def look_alike(scene: Scene, system: str, name: str, alias: str, original: str) -> None:
    """An entity whose every mapped property equals another's in the other system, except the
    properties of merge criteria a document in force declares (so it *merely* looks alike)."""
    k = kind(system, name)
    source = scene.entity(original)
    if source.kind.system == system or counterpart(source.kind) != k:
        raise scene.error(f'"{original}" is not a {counterpart(k).label}')
    record = scene.require_record(original, source.kind.system)
    flow = checklist().flow(k.flow_id)
    criteria = {c.source for c in flow.merge_criteria} | {c.target for c in flow.merge_criteria}
    fields: dict[str, Any] = {}
    for row in flow.properties:
        if row.source in criteria or row.target in criteria:
            continue
        value = get_path(record, _path(row, source.kind.system))
        if (SOURCE, row.source) in REFERENCES:  # the same Customer, by its id in ``system``
            ref = REFERENCES[SOURCE, row.source]
            value = scene.linked(ref.flow_id, source.kind.system, int(value)) if value else None
        if value not in (None, ""):
            fields.update(with_path(fields, _path(row, system), value))
    if k.collection == "customers":
        fields.setdefault("name", record.get("OrganisationName"))
    scene.create(k, alias, fields, owner=source.owner)


def _path(row: PropertyRow, system: str) -> str:
    return row.source if system == SOURCE else row.target
