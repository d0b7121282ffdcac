"""The benchmark world: both fakes in-process on one FakeClock, filled with N customers,
2N contacts and N products, and an engine on a state file; plus the edits of a cycle."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checklist import systems
from checklist.systems import EntityKind
from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
)
from talkqa.apis.customerp import PAGE as CUSTOMERP_LARGEST_PAGE
from talksync import Engine, EngineConfig, create_engine

ROOT = Path(__file__).resolve().parents[1]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]
WEBCRM_PAGE = 1000  # webCRM's largest page and largest bulk PATCH
CUSTOMERP_PAGE = CUSTOMERP_LARGEST_PAGE  # (Customerp has no bulk write)
CYCLE_SECONDS = 300  # cycles run every five minutes
COLLECTIONS = {"customers": 1, "contacts": 2, "products": 1}  # entities per customer


@dataclass
class World:
    """The two fakes and their clock."""

    clock: FakeClock
    webcrm: Any
    customerp: Any

    def engine(self, state_path: Path, *, customerp_url: str = "", webcrm_url: str = "") -> Engine:
        return create_engine(
            EngineConfig(
                customerp_url=customerp_url or self.customerp.base_url,
                customerp_api_key=DEFAULT_API_KEY,
                webcrm_url=webcrm_url or self.webcrm.base_url,
                webcrm_auth_code=DEFAULT_AUTH_CODE,
                state_path=state_path,
                checklist=CHECKLIST,
                clock=self.clock.now,
                sleep=self.clock.advance,
            )
        )

    def writes(self) -> dict[str, int]:
        """Write requests that succeeded (logins excluded), since the journals were cleared;
        a throttled or failed write counts as a request but not as a write."""
        return {
            "customerp": _writes(self.customerp.journal),
            "webcrm": _writes(self.webcrm.journal),
        }

    def clear_journals(self) -> None:
        self.customerp.clear_journal()
        self.webcrm.clear_journal()


def _writes(journal: list[dict[str, Any]]) -> int:
    return sum(
        1
        for j in journal
        if j["method"] != "GET"
        and not j["path"].startswith("/Auth/")
        and j["status"] is not None
        and j["status"] < 400
    )


def new_world(customers: int) -> World:
    """Fresh fakes with ``customers`` customers, 2 contacts each and as many products."""
    clock = FakeClock()
    world = World(clock, WebcrmFake(clock=clock), CustomerpFake(clock=clock))
    fill(world.customerp, customers)
    clock.advance(CYCLE_SECONDS)
    return world


def fill(customerp: Any, customers: int) -> None:
    """Create the entities as people in Customerp's UI would (updated-at stamps advance)."""
    for i in range(customers):
        c = customerp.ui_create(
            "customers",
            {"name": f"Customer {i}", "phone": f"+47 {i:08d}", "address": {"city": "Oslo"}},
        )
        for j in range(2):
            customerp.ui_create(
                "contacts",
                {"customer_id": c["id"], "first_name": f"First{i}.{j}", "last_name": "Last"},
            )
        customerp.ui_create(
            "products", {"sku": f"SKU-{i}", "name": f"Product {i}", "unit_price": 10.0 + i}
        )


@contextmanager
def in_process(world: World) -> Iterator[Path]:
    """The fakes answering in-process, and a temporary folder for the state file."""
    with (
        tempfile.TemporaryDirectory(prefix="talkqa-bench-") as tmp,
        InProcess(world.webcrm, world.customerp),
    ):
        yield Path(tmp)


def minimum_first_sync(customers: int) -> dict[str, int]:
    """The fewest requests a first sync can cost: on webCRM the login, one (empty) page per
    collection and bulk writes of 1000; on Customerp pages of 500 and no write."""
    counts = [customers * per for per in COLLECTIONS.values()]
    return {
        "customerp": sum(max(1, math.ceil(n / CUSTOMERP_PAGE)) for n in counts),
        "webcrm": 1 + len(counts) + sum(math.ceil(n / WEBCRM_PAGE) for n in counts),
    }


# The k edits of an incremental cycle go round these six kinds, so every flow and both
# directions are exercised: (entity kind, fields to set).
EDIT_KINDS: tuple[tuple[EntityKind, dict[str, Any]], ...] = (
    (systems.CUSTOMER, {"phone": "+47 99999999"}),
    (systems.ORGANISATION, {"OrganisationCity": "Bergen"}),
    (systems.CONTACT, {"title": "Buyer"}),
    (systems.PERSON, {"PersonTitle": "Seller"}),
    (systems.CP_PRODUCT, {"unit_price": 1.5}),
    (systems.WC_PRODUCT, {"ProductComment": "edited"}),
)


def apply_edits(world: World, k: int, round_no: int) -> dict[str, dict[str, int]]:
    """Edit ``k`` linked entities spread over the whole range, no pair on both sides
    (``round_no`` varies the values and the entities). Returns how many were edited per
    system and collection."""
    edited: dict[str, dict[str, int]] = {"customerp": {}, "webcrm": {}}
    plan: dict[int, int] = {}
    for i in range(k):
        plan[i % len(EDIT_KINDS)] = plan.get(i % len(EDIT_KINDS), 0) + 1
    for kind, count in plan.items():
        entity_kind, fields = EDIT_KINDS[kind]
        system, collection = entity_kind.system.lower(), entity_kind.collection
        fake = getattr(world, system)
        rows = fake.records(collection)
        stride = max(1, len(rows) // count)
        # webCRM edits start half a stride later, so no pair is edited on both sides.
        offset = round_no + (stride // 2 if system == "webcrm" else 0)
        for n in range(count):
            row = rows[(n * stride + offset) % len(rows)]
            values = {
                key: (f"{value} {round_no}" if isinstance(value, str) else value + round_no)
                for key, value in fields.items()
            }
            fake.ui_update(collection, row[entity_kind.id_field], values)
        edited[system][collection] = count
    return edited


def minimum_incremental(edited: dict[str, dict[str, int]]) -> int:
    """The fewest requests a cycle after these edits can cost (both systems together): one
    change read per collection on each side, bulk PATCHes of 1000 to webCRM for Customerp
    edits, and one PUT per webCRM edit (Customerp has no bulk write)."""
    reads = 2 * len(COLLECTIONS)
    patches = sum(math.ceil(n / WEBCRM_PAGE) for n in edited["customerp"].values())
    puts = sum(edited["webcrm"].values())
    return reads + patches + puts
