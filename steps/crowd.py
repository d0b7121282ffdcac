"""Volume: crowds of entities seeded through the fakes' own seeding API, past every page and
bulk-write boundary, edited at the first and last entity of every page and chunk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from checklist.systems import TARGET, EntityKind, counterpart
from steps.scene import Scene
from steps.systems import get_path, kind
from steps.vocabulary import CONTROL_PLANE, ENGINE_STATE, Need, given, then

SEEDING = Need(CONTROL_PLANE, "the fakes' seeding API")
# Page and chunk sizes engines use: Customerp's default and largest page (100, 500), webCRM's
# default page (50), the sizes public webCRM clients use (150, 500) and webCRM's largest page
# and bulk write (1000). Edits land on the first and last entity of each of them.
PAGE_SIZES = (50, 100, 150, 500, 1000)
SPREAD = 97  # and on every 97th entity, so the middle of pages is edited too
# Seeding calls of 100 records, 5 s apart: their stamps span far more than any change
# filter's overlap, so an entity a broken engine skipped is not picked up again by chance.
SEED_CHUNK, SEED_PAUSE_SECONDS = 100, 5
# The property a crowd's edits change, per collection (a mapped string row of its flow).
EDITED = {
    "customers": "name",
    "Organisations": "OrganisationName",
    "contacts": "last_name",
    "Persons": "PersonLastName",
    "products": "name",
    "Products": "ProductCombined",
}


@dataclass
class Crowd:
    """Entities seeded at once: their ids in their own system, position 1 first."""

    kind: EntityKind
    ids: list[int]
    edits: dict[int, tuple[str, str]] = field(default_factory=dict)  # position -> system, value


@pytest.fixture
def crowds() -> Iterator[dict[str, Crowd]]:
    """The crowds of one scenario, by their plural name ("Customers")."""
    yield {}


def boundary_positions(count: int) -> list[int]:
    """1-based positions at the first and last entity of every page and chunk, plus a spread."""
    wanted = {1, count}
    for size in PAGE_SIZES:
        for edge in range(size, count + 1, size):
            wanted.update({edge, edge + 1})
    wanted.update(range(SPREAD, count + 1, SPREAD))
    return sorted(p for p in wanted if 1 <= p <= count)


def crowd_records(
    scene: Scene, k: EntityKind, count: int, owner: int | None
) -> list[dict[str, Any]]:
    """Realistic records, distinct by a number (one faker draw, varied: thousands stay cheap)."""
    data = scene.data
    if k.collection == "customers":
        base = data.customer()
        return [{**base, "name": f"{base['name'][:180]} {n}"} for n in range(1, count + 1)]
    if k.collection == "contacts":
        base = data.contact(owner or 0)
        return [{**base, "last_name": f"{base['last_name']} {n}"} for n in range(1, count + 1)]
    if k.collection == "products":
        base = data.product()
        return [
            {**base, "sku": f"{base['sku']}-{n}", "name": f"{base['name']} {n}"}
            for n in range(1, count + 1)
        ]
    if k.collection == "Organisations":
        org = data.organisation()
        name = org["OrganisationName"][:180]
        return [{**org, "OrganisationName": f"{name} {n}"} for n in range(1, count + 1)]
    product = data.webcrm_product()
    return [
        {**product, "ProductCombined": f"{product['ProductCombined']} {n}"}
        for n in range(1, count + 1)
    ]


OWNER = r'(?: of Customer "(?P<customer>[^"]+)")?'


@given(
    r"(?P<count>\d+) (?P<system>Customerp|Webcrm) "
    r"(?P<names>Customers|Contacts|Products|Organisations) entered at once" + OWNER,
    need=SEEDING,
)
def crowd_entered(
    scene: Scene,
    crowds: dict[str, Crowd],
    count: str,
    system: str,
    names: str,
    customer: str | None,
) -> None:
    """Thousands of entities seeded through the fake's seeding API (100 per call, 5 s apart)."""
    k = kind(system, names[:-1])
    if (k.collection == "contacts") != (customer is not None):
        raise scene.error("Contacts entered at once belong to one Customer: write 'of Customer'")
    owner = scene.entity(customer).id if customer else None
    records = crowd_records(scene, k, int(count), owner)
    ids: list[int] = []
    for start in range(0, len(records), SEED_CHUNK):  # entered over a minute, not at once
        if start:
            scene.clock.advance(SEED_PAUSE_SECONDS)
        ids += scene.fake(system).people.seed(k.collection, records[start : start + SEED_CHUNK])
    crowds[names] = Crowd(k, [int(i) for i in ids])


@given(
    r"the (?P<names>Customers|Contacts|Products|Organisations) at every page and chunk boundary "
    r"were edited in (?P<system>Customerp|Webcrm)",
    need=SEEDING,
)
def crowd_edited(scene: Scene, crowds: dict[str, Crowd], names: str, system: str) -> None:
    """The first and last of every page and bulk-write chunk (and every 97th) changed by people."""
    crowd = _crowd(scene, crowds, names)
    k = crowd.kind if crowd.kind.system == system else counterpart(crowd.kind)
    path = EDITED[k.collection]
    positions = boundary_positions(len(crowd.ids))
    wanted = {_id_in(scene, crowd, p, system): p for p in positions}
    for record in scene.fake(system).records(k.collection):
        position = wanted.get(int(record[k.id_field]))
        if position is None:
            continue
        value = f"{get_path(record, path)} edited"[:200]
        scene.fake(system).ui_update(k.collection, record[k.id_field], {path: value})
        crowd.edits[position] = (system, value)
    missing = set(positions) - set(crowd.edits)
    if missing:
        raise scene.error(f"{system} lacks the {names} at positions {sorted(missing)[:10]}")


@then(
    r"every one of the (?P<count>\d+) (?P<names>Customers|Contacts|Products|Organisations) is "
    r"synchronized with its own counterpart, edits included",
    need=Need(ENGINE_STATE, "the engine's links of every one of them"),
)
def crowd_synchronized(scene: Scene, crowds: dict[str, Crowd], count: str, names: str) -> None:
    """One distinct counterpart each, in both systems the same edited property value."""
    crowd = _crowd(scene, crowds, names)
    if len(crowd.ids) != int(count):
        raise scene.error(f"{names}: {len(crowd.ids)} were entered, not {count}")
    mine = crowd.kind
    theirs = counterpart(mine)
    shown = scene.driver.links(mine.flow_id)
    if shown is None:
        pytest.skip(scene.not_shown("links"))
    links = dict(shown)
    if mine.system == TARGET:
        links = {t: s for s, t in links.items()}
    linked = [links.get(i) for i in crowd.ids]
    unlinked = [n + 1 for n, other in enumerate(linked) if other is None]
    if unlinked:
        raise scene.error(
            f"{len(unlinked)} of the {count} {names} are not synchronized, positions "
            f"{unlinked[:10]}{' ...' if len(unlinked) > 10 else ''}"
        )
    if len(set(linked)) != len(linked):
        raise scene.error(f"several of the {names} share one counterpart")
    records = {
        system: {int(r[k.id_field]): r for r in scene.fake(system).records(k.collection)}
        for system, k in ((mine.system, mine), (theirs.system, theirs))
    }
    missing = [n + 1 for n, other in enumerate(linked) if other not in records[theirs.system]]
    if missing:
        raise scene.error(f"the counterparts of {names} at positions {missing[:10]} do not exist")
    _check_values(scene, crowd, linked, records)


def _check_values(
    scene: Scene, crowd: Crowd, linked: list[Any], records: dict[str, dict[int, Any]]
) -> None:
    """Every crowd member's edited property equal in both systems, edits arrived."""
    mine, theirs = crowd.kind, counterpart(crowd.kind)
    own_path, other_path = EDITED[mine.collection], EDITED[theirs.collection]
    wrong = []
    for n, (own_id, other_id) in enumerate(zip(crowd.ids, linked, strict=True), start=1):
        here = get_path(records[mine.system][own_id], own_path)
        there = get_path(records[theirs.system][int(other_id)], other_path)
        edit = crowd.edits.get(n)
        if here != there or (edit is not None and here != edit[1]):
            wrong.append(f"#{n}: {mine.system} {here!r}, {theirs.system} {there!r}"
                         + (f", edited to {edit[1]!r} in {edit[0]}" if edit else ""))  # fmt: skip
    if wrong:
        raise scene.error(
            f"{len(wrong)} {mine.name}s differ between the systems:\n  " + "\n  ".join(wrong[:10])
        )


def _crowd(scene: Scene, crowds: dict[str, Crowd], names: str) -> Crowd:
    if names not in crowds:
        raise scene.error(f"no {names} were entered at once by a Given step")
    return crowds[names]


def _id_in(scene: Scene, crowd: Crowd, position: int, system: str) -> int:
    """The id of the crowd member at ``position`` (1-based) in ``system``."""
    own = crowd.ids[position - 1]
    if crowd.kind.system == system:
        return own
    other = scene.linked(crowd.kind.flow_id, crowd.kind.system, own)
    if other is None:
        raise scene.error(f"{crowd.kind.name} #{position} is not synchronized")
    return other
