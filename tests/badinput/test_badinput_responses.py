"""Bad-input campaign against the engine: one answer of a cycle arrives malformed (truncated
JSON, an HTML error page with status 200, the wrong JSON shape, string or missing ids, stamps
and names of the wrong JSON type, no body). The engine stops with a talksync error naming the
system and what was wrong (never a KeyError or a JSON traceback), its state is not corrupted
and nothing is lost: once the answers are good again, the next cycle reaches exactly what a
run without the bad answer does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from garbling import KINDS, Garbler
from hypothesis import event, given, settings
from hypothesis import strategies as st

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
)
from steps.profiles import active
from talkqa.cli import main
from talksync import EngineConfig, SyncError, create_engine

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]
FLOWS = ("customerp-webcrm/customer-organisations", "customerp-webcrm/contact-persons",
         "customerp-webcrm/product-products")  # fmt: skip
COLLECTIONS = {"customerp": ("customers", "contacts", "products"),
               "webcrm": ("Organisations", "Persons", "Products")}  # fmt: skip
EXAMPLES = {"dev": 30, "ci": 120, "thorough": 1000}


@dataclass
class World:
    """Both fakes in-process on one clock, with a garbler between them and the engine."""

    clock: FakeClock
    webcrm: Any
    customerp: Any
    garbler: Garbler
    state: Path

    def engine(self) -> Any:
        return create_engine(
            EngineConfig(
                customerp_url=self.customerp.base_url,
                customerp_api_key=DEFAULT_API_KEY,
                webcrm_url=self.webcrm.base_url,
                webcrm_auth_code=DEFAULT_AUTH_CODE,
                state_path=self.state,
                checklist=CHECKLIST,
                clock=self.clock.now,
                sleep=self.clock.advance,
            )
        )

    def cycle(self) -> None:
        self.clock.advance(60)
        engine = self.engine()
        try:
            engine.run_cycle()
        finally:
            engine.close()

    def outcome(self) -> dict[str, Any]:
        """Both systems' records (stamps and versions aside) and the engine's links."""
        fakes = {"customerp": self.customerp, "webcrm": self.webcrm}
        records = {
            f"{system}/{c}": [_stable(r) for r in fakes[system].records(c)]
            for system, collections in COLLECTIONS.items()
            for c in collections
        }
        engine = self.engine()
        try:
            links = {flow: sorted(engine.links(flow)) for flow in FLOWS}
        finally:
            engine.close()
        return {"records": records, "links": links}


def _stable(record: dict[str, Any]) -> dict[str, Any]:
    skip = ("created_at", "updated_at", "version")
    return {k: v for k, v in record.items() if k not in skip and not k.endswith(("At", "By"))}


@contextmanager
def world(folder: Path) -> Iterator[World]:
    clock = FakeClock()
    webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
    garbler = Garbler()
    with InProcess(webcrm, customerp) as rsps:
        garbler.install(rsps, {webcrm.host: "webcrm", customerp.host: "customerp"})
        yield World(clock, webcrm, customerp, garbler, folder / "state.sqlite")


def prepare(w: World) -> None:
    """A first sync, then new records and edits on both sides for the cycle under test."""
    for i in range(2):
        customer = w.customerp.ui_create("customers", {"name": f"Kunde {i}", "phone": f"5{i}"})
        w.customerp.ui_create("contacts", {"customer_id": customer["id"], "first_name": f"P{i}"})
        w.customerp.ui_create("products", {"sku": f"SKU-{i}", "name": f"Vare {i}"})
    w.cycle()
    customer = w.customerp.ui_create("customers", {"name": "Ny kunde"})
    w.customerp.ui_create("contacts", {"customer_id": customer["id"], "first_name": "Ny"})
    first = w.customerp.records("customers")[0]
    w.customerp.ui_update("customers", first["id"], {"phone": "+47 999"})
    org = w.webcrm.records("Organisations")[1]
    w.webcrm.ui_update("Organisations", org["OrganisationId"], {"OrganisationCity": "Tromsø"})
    product = w.webcrm.records("Products")[0]
    w.webcrm.ui_update("Products", product["ProductId"], {"ProductPrice": 259.5})


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, Any]:
    """What the cycle under test and one more reach without any bad answer."""
    with world(tmp_path_factory.mktemp("reference")) as w:
        prepare(w)
        w.cycle()
        w.cycle()
        return w.outcome()


@given(kind=st.sampled_from(KINDS), at=st.integers(0, 12))
def test_a_malformed_answer_stops_the_cycle_clearly_and_loses_nothing(
    kind, at, expected, tmp_path_factory
):
    with world(tmp_path_factory.mktemp("garbled")) as w:
        prepare(w)
        w.garbler.arm(kind, at)
        try:
            w.cycle()
        except SyncError as exc:
            assert w.garbler.garbled, f"{exc} without a garbled answer"
            system = w.garbler.garbled[0].split()[0]
            assert str(exc).startswith(f"{system} "), (str(exc), w.garbler.garbled)
            assert "Traceback" not in str(exc) and "\n" not in str(exc)
            event(f"{kind}: error from {system}")
        else:  # only when the cycle had fewer answers than ``at``: none was garbled
            assert not w.garbler.garbled, f"the engine took {w.garbler.garbled} as good"
            event(f"{kind}: no answer garbled")
        w.garbler.disarm()
        w.cycle()
        assert w.outcome() == expected


test_a_malformed_answer_stops_the_cycle_clearly_and_loses_nothing = settings(
    active()[1], max_examples=EXAMPLES[active()[0]]
)(test_a_malformed_answer_stops_the_cycle_clearly_and_loses_nothing)


@pytest.mark.parametrize("kind", ["html-200", "truncated", "missing-ids", "wrong-types"])
def test_the_sync_command_reports_a_malformed_answer_in_one_line(
    kind, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("CUSTOMERP_API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("WEBCRM_AUTH_CODE", DEFAULT_AUTH_CODE)
    with world(tmp_path) as w:
        w.customerp.ui_create("customers", {"name": "Kunde"})
        w.garbler.arm(kind, 0)  # the first answer with a body: Customerp's page of customers
        status = main(["sync", "--customerp", w.customerp.base_url, "--webcrm",
                       w.webcrm.base_url, "--state", str(w.state)])  # fmt: skip
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert len(err) == 1 and re.fullmatch(r"error: .*customerp GET /customers: .+", err[0]), err
