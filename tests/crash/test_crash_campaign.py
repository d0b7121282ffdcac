"""Crash campaign: the engine runs in its own process (crash_runner.py) against fakes served on
loopback by this test, and is killed with SIGKILL at each write boundary of a first sync and of
an edit cycle. After a restart on the same state file, both systems and the engine's state
equal those of a crash-free run: no duplicates, nothing lost, nothing half-done."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checklist import systems
from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    WebcrmFake,
    serve_fakes,
)
from talksync.state import LinkStore

RUNNER = Path(__file__).resolve().parent / "crash_runner.py"
FLOWS = tuple(flow.id for flow in systems.FLOWS)
COLLECTIONS = {system.lower(): names for system, names in systems.COLLECTIONS.items()}
VOLATILE = ("created_at", "updated_at", "version")
VOLATILE_SUFFIXES = ("CreatedAt", "UpdatedAt", "CreatedBy", "UpdatedBy")


@dataclass
class World:
    """Fresh fakes served on loopback and a state file for the engine process."""

    webcrm: Any
    customerp: Any
    urls: dict[str, str]
    state: Path

    def sync(self, crash_at: int | None = None) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(RUNNER), "--customerp", self.urls["customerp"],
                   "--webcrm", self.urls["webcrm"], "--state", str(self.state)]  # fmt: skip
        if crash_at is not None:
            command += ["--crash-at", str(crash_at)]
        env = {**os.environ, "CUSTOMERP_API_KEY": DEFAULT_API_KEY,
               "WEBCRM_AUTH_CODE": DEFAULT_AUTH_CODE}  # fmt: skip
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    def completed_sync(self) -> list[str]:
        """A crash-free cycle; the write boundaries it passed."""
        done = self.sync()
        assert done.returncode == 0, done.stderr
        return list(json.loads(done.stdout.strip().splitlines()[-1])["boundaries"])

    def outcome(self) -> dict[str, Any]:
        """Both systems' records (without stamps and versions) and the engine's state: links
        with their last-synced values, pending creates, waiting and dead-lettered entities,
        the update count (the change markers hold stamps, which differ by design)."""
        records = {
            f"{system}/{c}": [_stable(r) for r in self._fake(system).records(c)]
            for system, collections in COLLECTIONS.items()
            for c in collections
        }
        store = LinkStore(self.state)
        try:
            state = {
                "links": {flow: sorted(store.links(flow)) for flow in FLOWS},
                "snapshots": {flow: _snapshots(store, flow) for flow in FLOWS},
                "intents": {flow: store.intents(flow) for flow in FLOWS},
                "waiting": {flow: store.waiting(flow) for flow in FLOWS},
                "dead_letters": [d[:3] for d in store.dead_letters()],
                "talk_updates": store.meta("talk_updates"),
            }
        finally:
            store.close()
        return {"records": records, "state": state}

    def _fake(self, system: str) -> Any:
        return self.customerp if system == "customerp" else self.webcrm


def _snapshots(store: LinkStore, flow: str) -> dict[int, tuple[Any, Any]]:
    """What each link last synced on each side (the values the next merge compares with)."""
    out: dict[int, tuple[Any, Any]] = {}
    for source_id, _ in store.links(flow):
        link = store.link_for_source(flow, source_id)
        assert link is not None
        out[source_id] = (link.source_snapshot, link.target_snapshot)
    return out


def _stable(record: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v for k, v in record.items() if k not in VOLATILE and not k.endswith(VOLATILE_SUFFIXES)
    }


@contextmanager
def world(tmp_path: Path, name: str) -> Iterator[World]:
    clock = FakeClock()
    webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
    with serve_fakes(webcrm, customerp, host="127.0.0.1") as urls:
        yield World(webcrm, customerp, urls, tmp_path / f"{name}.sqlite")


def seed(w: World, start: int = 0) -> None:
    """Two customers with a contact each, and two products, typed into Customerp's UI."""
    for i in range(start, start + 2):
        customer = w.customerp.ui_create("customers", {"name": f"Kunde {i}", "phone": f"5{i}"})
        w.customerp.ui_create("contacts", {"customer_id": customer["id"], "first_name": f"P{i}"})
        w.customerp.ui_create("products", {"sku": f"SKU-{i}", "name": f"Vare {i}"})


def first_sync(w: World) -> None:
    seed(w)


def edit_cycle(w: World) -> None:
    """After a first sync: new records, and edits on both sides of every flow."""
    seed(w)
    w.completed_sync()
    seed(w, start=2)
    customers = w.customerp.records("customers")
    w.customerp.ui_update("customers", customers[0]["id"], {"phone": "+47 999"})
    org = w.webcrm.records("Organisations")[1]
    w.webcrm.ui_update("Organisations", org["OrganisationId"], {"OrganisationCity": "Tromsø"})
    person = w.webcrm.records("Persons")[0]
    w.webcrm.ui_update("Persons", person["PersonId"], {"PersonTitle": "Daglig leder"})
    product = w.customerp.records("products")[0]
    w.customerp.ui_update("products", product["id"], {"unit_price": 259.5})


SCENARIOS: dict[str, Callable[[World], None]] = {
    "first-sync": first_sync,
    "edit-cycle": edit_cycle,
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_kill_at_any_write_boundary_then_a_restart_equals_a_crash_free_run(
    scenario, tmp_path, subtests
):
    prepare = SCENARIOS[scenario]
    with world(tmp_path, "reference") as w:
        prepare(w)
        boundaries = w.completed_sync()
        expected = w.outcome()
    assert len(boundaries) >= 4, boundaries  # the cycle really wrote something
    for n, point in enumerate(boundaries, start=1):
        with subtests.test(msg=f"killed at boundary {n} ({point})"), world(tmp_path, f"c{n}") as w:
            prepare(w)
            killed = w.sync(crash_at=n)
            assert killed.returncode == -signal.SIGKILL, killed.stderr
            w.completed_sync()
            assert w.outcome() == expected
