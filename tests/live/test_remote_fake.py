"""RemoteFake and RemoteClock against fakes served on loopback: the in-process API over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import requests

from fakes import DEFAULT_API_KEY, CustomerpFake, FakeClock, WebcrmFake, serve_fakes
from talkqa.apis import ApiError, RemoteClock, RemoteFake


@dataclass
class Served:
    clock: FakeClock
    customerp: CustomerpFake
    webcrm: WebcrmFake
    remote_customerp: RemoteFake
    remote_webcrm: RemoteFake
    remote_clock: RemoteClock


@pytest.fixture
def served() -> Iterator[Served]:
    clock = FakeClock()
    customerp, webcrm = CustomerpFake(clock=clock), WebcrmFake(clock=clock)
    with serve_fakes(customerp, webcrm) as urls:
        yield Served(
            clock,
            customerp,
            webcrm,
            RemoteFake(urls["customerp"]),
            RemoteFake(urls["webcrm"]),
            RemoteClock(urls["customerp"]),
        )


def test_a_remote_fakes_clock_is_the_shared_clock(served: Served) -> None:
    served.remote_webcrm.clock().advance(5)
    assert served.remote_clock.now() == served.clock.now() == served.remote_customerp.clock().now()


def test_ui_edits_through_the_remote_fake_change_the_served_fake(served: Served) -> None:
    remote = served.remote_customerp
    created = remote.ui_create("customers", {"name": "Nordlys AS"})
    updated = remote.ui_update("customers", created["id"], {"name": "Nordlys Kraft AS"})
    assert updated["name"] == "Nordlys Kraft AS"
    assert updated["version"] == created["version"] + 1
    assert served.customerp.records("customers") == remote.records("customers")
    remote.ui_delete("customers", created["id"])
    assert served.customerp.records("customers") == []


def test_webcrm_records_come_back_as_the_in_process_fake_holds_them(served: Served) -> None:
    made = served.remote_webcrm.ui_create("Organisations", {"OrganisationName": "Fjordblikk"})
    assert made["OrganisationName"] == "Fjordblikk"
    assert served.remote_webcrm.records("Organisations") == served.webcrm.records("Organisations")


def test_the_journal_shows_api_calls_and_clears(served: Served) -> None:
    url = f"{served.remote_customerp.base_url}/customers"
    requests.get(url, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}, timeout=5)
    [entry] = served.remote_customerp.journal
    assert {k: entry[k] for k in ("method", "path", "status")} == {
        "method": "GET", "path": "/customers", "status": 200,
    }  # fmt: skip
    assert entry["at"].endswith("Z")  # the fakes' clock time of the answer
    served.remote_customerp.clear_journal()
    assert served.remote_customerp.journal == []


def test_faults_added_remotely_fire_and_clear(served: Served) -> None:
    rule = served.remote_customerp.faults.add(
        {"method": "GET", "path": "/customers*", "action": "status", "status": 503, "times": 1}
    )
    assert rule["status"] == 503
    url = f"{served.remote_customerp.base_url}/customers"
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    assert requests.get(url, headers=headers, timeout=5).status_code == 503
    assert requests.get(url, headers=headers, timeout=5).status_code == 200
    served.remote_customerp.faults.add({"path": "*", "action": "status", "times": None})
    served.remote_customerp.faults.clear()
    assert served.remote_customerp.faults.rules == []


def test_a_bad_fault_rule_is_refused_with_the_fakes_message(served: Served) -> None:
    with pytest.raises(ApiError, match="422"):
        served.remote_webcrm.faults.add({"action": "explode"})


def test_reset_empties_the_fake_but_keeps_the_clock(served: Served) -> None:
    served.remote_customerp.ui_create("products", {"sku": "T-1", "name": "Tørrfisk"})
    before = served.remote_clock.now()
    served.remote_customerp.reset()
    assert served.customerp.records("products") == []
    assert served.remote_clock.now() == before


def test_the_remote_clock_is_the_served_fakes_clock(served: Served) -> None:
    assert served.remote_clock.now() == served.clock.now()
    served.remote_clock.advance(90)
    assert served.clock.now() == datetime(2024, 9, 11, 0, 1, 30, tzinfo=UTC)
    served.remote_clock.set(datetime(2025, 1, 2, tzinfo=UTC))
    assert served.clock.now() == datetime(2025, 1, 2, tzinfo=UTC)
    with pytest.raises(ValueError):
        served.remote_clock.advance(-1)


def test_an_unknown_collection_is_an_error_naming_the_known_ones(served: Served) -> None:
    with pytest.raises(ApiError, match="customers"):
        served.remote_customerp.records("invoices")
