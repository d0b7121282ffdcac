"""Then steps: what must hold in the fakes and the engine's state after the When."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from checklist.systems import SOURCE, TARGET, EntityKind
from steps.generated import Generated
from steps.mirror import differences, same_value, type_error
from steps.scene import Scene, checklist
from steps.systems import get_path, kind
from steps.vocabulary import (
    ALIAS,
    CONTROL_PLANE,
    ENGINE_STATE,
    FRESH_SYSTEMS,
    JOURNAL,
    OWN_WRITES,
    PROPERTY,
    SYSTEM,
    VALUE,
    Need,
    then,
)

TYPE = r"(?P<type>string|integer|float|decimal|boolean)"
COUNTERPART = r"(?P<name>Organisation|Person|Product|Customer|Contact)"


@then(
    SYSTEM
    + r" holds "
    + VALUE
    + r" in "
    + PROPERTY
    + r" of "
    + ALIAS
    + r"(?: as a JSON "
    + TYPE
    + r")?"
)
def holds_value(
    scene: Scene, system: str, value: str, property: str, alias: str, type: str | None
) -> None:
    """The property of the entity (or its counterpart) in that system holds the value."""
    scene.check(lambda: _holds_value(scene, system, value, property, alias, type))


def _holds_value(
    scene: Scene, system: str, value: str, property: str, alias: str, type: str | None
) -> None:
    record = scene.require_record(alias, system)
    actual = get_path(record, property)
    expected = scene.typed(alias, system, property, value)
    declared = type or ("float" if isinstance(expected, float) else "string")
    if isinstance(expected, int) and not type:
        declared = "integer"
    problem = type_error(actual, declared) if type else None
    if problem or not same_value(actual, expected, declared) or (type and actual is None):
        raise scene.error(
            f'{system} holds {actual!r} in {property} of "{alias}", '
            f"expected {expected!r}"
            + (f" as a JSON {type}" if type else "")
            + (f" ({problem})" if problem else "")
        )


@then(
    ALIAS
    + r" is (?P<negated>not )?synchronized with (?P<which>a|the same) "
    + SYSTEM
    + " "
    + COUNTERPART
    + r"(?: as before)?"
)
def is_synchronized(
    scene: Scene, alias: str, negated: str | None, which: str, system: str, name: str
) -> None:
    """The entity is linked to an existing counterpart (the same as before, if said) - or not."""
    scene.check(lambda: _is_synchronized(scene, alias, negated, which, system, name))


def _is_synchronized(
    scene: Scene, alias: str, negated: str | None, which: str, system: str, name: str
) -> None:
    k = kind(system, name)
    if negated:
        _has_no_counterpart(scene, alias, k)
        return
    record = scene.record_in(alias, system)
    if record is None:
        raise scene.error(
            f'"{alias}" is not synchronized with a {k.label}: {scene.links_text(k.flow_id)}'
        )
    if which == "the same":
        before = scene.remembered_links.get(alias)
        now = scene.id_in(alias, system)
        if before != now:
            raise scene.error(f'"{alias}" was linked to {system} id {before}, now to {now}')


def _has_no_counterpart(scene: Scene, alias: str, k: EntityKind) -> None:
    """Not linked, and no unlinked entity of the kind appeared either."""
    linked = scene.record_in(alias, k.system)
    if linked is not None:
        raise scene.error(f'"{alias}" has a {k.label}: {linked}')
    explained = {scene.id_in(a, k.system) for a in scene.entities}
    present = {int(r[k.id_field]) for r in scene.fake(k.system).records(k.collection)}
    if present - explained:
        raise scene.error(
            f"{k.system} holds {k.name}s that no known entity explains: "
            f"ids {sorted(present - explained)}"
        )


@then(SYSTEM + r" holds (?P<count>\d+) (?P<name>Organisation|Person|Product|Customer|Contact)s?")
def holds_count(scene: Scene, system: str, count: str, name: str) -> None:
    """Exactly that many entities of the kind exist in the system (no duplicates)."""
    scene.check(lambda: _holds_count(scene, system, count, name))


def _holds_count(scene: Scene, system: str, count: str, name: str) -> None:
    records = scene.fake(system).records(kind(system, name).collection)
    if len(records) != int(count):
        raise scene.error(f"{system} holds {len(records)} {name}s, expected {count}")


@then(r"every property of " + ALIAS + r" is equal in both systems")
def every_property_equal(scene: Scene, alias: str) -> None:
    """Every property row of the entity's flow holds the same value, of its declared type."""
    scene.check(lambda: _every_property_equal(scene, alias))


def _every_property_equal(scene: Scene, alias: str) -> None:
    found = differences(scene, alias)
    if found:
        raise scene.error(f'"{alias}" differs between the systems:\n  ' + "\n  ".join(found))


@then(
    r"no record was written to (?P<where>either system|Customerp|Webcrm)",
    need=Need(OWN_WRITES, "the fakes' request journal, of the engine's writes alone"),
)
def nothing_written(scene: Scene, where: str) -> None:
    """The fakes' journals show no POST, PUT, PATCH or DELETE of a record (logins aside)."""
    scene.synchronize()
    systems = (SOURCE, TARGET) if where == "either system" else (where,)
    writes = {system: scene.writes(system) for system in systems}
    if any(writes.values()):
        raise scene.error(f"records were written: {writes}")


@then(ALIAS + r" still exists in " + SYSTEM)
def still_exists(scene: Scene, alias: str, system: str) -> None:
    """The entity (or the counterpart it was linked to) was not deleted from that system."""
    scene.check(lambda: _still_exists(scene, alias, system))


def _still_exists(scene: Scene, alias: str, system: str) -> None:
    entity = scene.entity(alias)
    wanted = entity.id if entity.kind.system == system else scene.remembered_links.get(alias)
    k = scene.kind_in(alias, system)
    present = {int(r[k.id_field]) for r in scene.fake(system).records(k.collection)}
    if wanted is None or wanted not in present:
        raise scene.error(f'"{alias}" ({k.label} id {wanted}) no longer exists in {system}')


@then(ALIAS + r" waits for its Customer", need=Need(ENGINE_STATE, "the cycle summary"))
def waits(scene: Scene, alias: str) -> None:
    """The cycle counts the entity as waiting, and it is neither linked nor dead-lettered."""
    scene.synchronize()
    flow_id = scene.entity(alias).kind.flow_id
    counts = scene.cycle_flows()[flow_id]
    if counts.waiting < 1:
        raise scene.error(f"the cycle reports no waiting entity for {flow_id}: {counts}")
    letters = scene.dead_letters_of(alias)
    if letters:
        raise scene.error(f'"{alias}" was dead-lettered instead of waiting: {letters}')


@then(
    ALIAS + r" is a dead letter naming " + PROPERTY,
    need=Need(ENGINE_STATE, "the engine's dead letters"),
)
def dead_letter(scene: Scene, alias: str, property: str) -> None:
    """The engine lists the entity among its dead letters, with a reason naming the property
    in either system's words (the webCRM DTO field or the Customerp path of its property row)."""
    scene.synchronize()
    letters = scene.dead_letters_of(alias)
    rows = checklist().flow(scene.entity(alias).kind.flow_id).properties
    names = {property} | {
        n for r in rows if property in (r.source, r.target) for n in (r.source, r.target)
    }
    named = re.compile("|".join(rf"(?<![\w.]){re.escape(n)}(?!\w|\.\w)" for n in names))
    if not any(named.search(d.reason) for d in letters):
        raise scene.error(
            f'"{alias}" is not a dead letter naming {property}: dead letters {scene.dead_letters()}'
        )


@then(SYSTEM + r" answered (?P<count>\d+) requests? with (?P<status>\d{3}|no answer)", need=JOURNAL)
def answered(scene: Scene, system: str, count: str, status: str) -> None:
    """The injected fault really fired that often (else the scenario would prove nothing)."""
    scene.synchronize()
    wanted = None if status == "no answer" else int(status)
    seen = [e for e in scene.fake(system).journal if e["status"] == wanted]
    if len(seen) != int(count):
        raise scene.error(
            f"{system} answered {len(seen)} requests with {status}, expected "
            f"{count}: {scene.fake(system).journal}"
        )


@then(
    r"the engine waited at least (?P<seconds>\d+) seconds after every 429 from " + SYSTEM,
    need=Need(CONTROL_PLANE, "the fakes' request journal and the fake clock"),
)
def waited_after_429(scene: Scene, seconds: str, system: str) -> None:
    """Between each 429 and the next request to that system the clock moved on far enough.

    The journal's times tell, whichever process the engine runs in and whichever clock it
    waited on: the fake clock (``TALKQA_CLOCK_URL``) or real time (a served fake's clock stands
    still within a scenario, so an engine that really sleeps shows its pause in ``wall``).
    """
    scene.synchronize()
    journal = scene.fake(system).journal
    throttled = [i for i, e in enumerate(journal) if e["status"] == 429]
    if not throttled:
        raise scene.error(f"{system} answered no 429; the fault did not fire: {journal}")
    for index in throttled:
        if index + 1 == len(journal):
            raise scene.error(f"no request followed the 429 of {journal[index]}: {journal}")
        before, after = journal[index], journal[index + 1]
        fake_wait = (at(after) - at(before)).total_seconds()
        real_wait = float(after["wall"]) - float(before["wall"])
        if max(fake_wait, real_wait) < int(seconds) - TICK_ALLOWANCE:
            raise scene.error(
                f"after the 429 of {before} the engine waited {fake_wait:g} s on the fake "
                f"clock and {real_wait:.1f} s in real time, not the {seconds} s of "
                f"Retry-After (journal {journal})"
            )


# The fakes stamp writes 1 ms apart without the clock really moving (served), so a journal
# difference may fall a few milliseconds short of a pause that was exactly long enough; the
# real time is rounded to the millisecond.
TICK_ALLOWANCE = 0.1


def at(entry: dict[str, Any]) -> datetime:
    """The fake clock's time of a journal entry."""
    return datetime.fromisoformat(str(entry["at"]).replace("Z", "+00:00"))


@then(r"every generated example arrives unchanged in " + SYSTEM, need=FRESH_SYSTEMS)
def generated_arrive(generated: Generated, system: str) -> None:
    """Runs the armed property: fresh fakes and engine per example, shrunk on failure."""
    generated.check(system)
