"""The live clients and the skip rules, against fakes served on loopback in this process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import steps.given  # noqa: F401  (registers the vocabulary the skip rules read)
import steps.then  # noqa: F401
import steps.when  # noqa: F401
from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    WebcrmFake,
    serve_fakes,
)
from steps.live import LiveCustomerp, LiveLimitation, LiveWebcrm, Scope, clean_up
from steps.targets import Endpoints, FakesProcess, RunSettings, recorded, skip_reason
from steps.vocabulary import VOCABULARY
from talkqa.apis import ApiError, RemoteFake

SCOPE = Scope("talkqa-abc123-7-")
Clients = tuple[LiveCustomerp, LiveWebcrm, CustomerpFake, WebcrmFake]


@pytest.fixture
def clients() -> Iterator[Clients]:
    clock = FakeClock()
    customerp, webcrm = CustomerpFake(clock=clock), WebcrmFake(clock=clock)
    with serve_fakes(customerp, webcrm) as urls:
        yield (
            LiveCustomerp(urls["customerp"], DEFAULT_API_KEY, SCOPE),
            LiveWebcrm(urls["webcrm"], DEFAULT_AUTH_CODE, SCOPE),
            customerp,
            webcrm,
        )


def test_scope_marks_the_scope_field_and_the_sku() -> None:
    marked = SCOPE.mark("products", {"name": "Tørrfisk", "sku": "TF-1", "vat_code": "15"})
    assert marked == {
        "name": "talkqa-abc123-7-Tørrfisk",
        "sku": "talkqa-abc123-7-TF-1",
        "vat_code": "15",
    }
    assert SCOPE.owns("products", marked)
    assert not Scope("talkqa-abc123-1-").owns("customers", {"name": "talkqa-abc123-12-Nordlys"})


def test_records_are_only_the_scenarios_own(clients: Clients) -> None:
    live_cp, live_wc, customerp, webcrm = clients
    customerp.ui_create("customers", {"name": "Someone else's customer"})
    mine = live_cp.ui_create("customers", SCOPE.mark("customers", {"name": "Nordlys"}))
    assert [r["id"] for r in live_cp.records("customers")] == [mine["id"]]
    webcrm.ui_create("Organisations", {"OrganisationName": "Not ours"})
    org = live_wc.ui_create("Organisations", {"OrganisationName": SCOPE.prefix + "Fjordblikk"})
    assert [o["OrganisationId"] for o in live_wc.records("Organisations")] == [
        org["OrganisationId"]
    ]


def test_edits_go_through_the_api_and_keep_other_fields(clients: Clients) -> None:
    live_cp, live_wc, customerp, webcrm = clients
    made = live_cp.ui_create("customers", {"name": SCOPE.prefix + "Nordlys", "phone": "+47 1"})
    live_cp.ui_update("customers", made["id"], {"name": SCOPE.prefix + "Nordlys Kraft"})
    assert [(r["name"], r["phone"]) for r in customerp.records("customers")] == [
        (SCOPE.prefix + "Nordlys Kraft", "+47 1")
    ]
    org = live_wc.ui_create(
        "Organisations", {"OrganisationName": SCOPE.prefix + "F", "OrganisationCity": "Bergen"}
    )
    live_wc.ui_update("Organisations", org["OrganisationId"], {"OrganisationCity": "Tromsø"})
    (stored,) = webcrm.records("Organisations")
    assert (stored["OrganisationName"], stored["OrganisationCity"]) == (
        SCOPE.prefix + "F",
        "Tromsø",
    )
    assert any(e["method"] == "PUT" for e in webcrm.journal)  # the API, not the control plane


def test_records_outside_the_scope_are_never_changed(clients: Clients) -> None:
    live_cp, live_wc, customerp, webcrm = clients
    theirs = customerp.ui_create("customers", {"name": "Someone else's customer"})
    with pytest.raises(ApiError, match="not test data of this run"):
        live_cp.ui_update("customers", theirs["id"], {"name": "changed"})
    with pytest.raises(ApiError, match="not test data of this run"):
        live_cp.ui_delete("customers", theirs["id"])
    assert customerp.records("customers")[0]["name"] == "Someone else's customer"


def test_webcrm_organisations_cannot_be_deleted_live(clients: Clients) -> None:
    live_wc = clients[1]
    org = live_wc.ui_create("Organisations", {"OrganisationName": SCOPE.prefix + "F"})
    with pytest.raises(LiveLimitation, match="cannot delete Organisations"):
        live_wc.ui_delete("Organisations", org["OrganisationId"])


def test_clean_up_deletes_the_runs_records_where_the_api_allows(clients: Clients) -> None:
    live_cp, live_wc, customerp, webcrm = clients
    owner = live_cp.ui_create("customers", {"name": SCOPE.prefix + "Nordlys"})
    live_cp.ui_create("contacts", {"customer_id": owner["id"], "last_name": SCOPE.prefix + "Nord"})
    live_cp.ui_create("products", SCOPE.mark("products", {"name": "Tørrfisk", "sku": "T-1"}))
    live_wc.ui_create("Products", {"ProductCombined": SCOPE.prefix + "Tørrfisk"})
    live_wc.ui_create("Organisations", {"OrganisationName": SCOPE.prefix + "Nordlys"})
    customerp.ui_create("products", {"name": "Not ours", "sku": "X-1"})
    assert clean_up(live_cp, live_wc, "talkqa-abc123-") == []
    assert [p["name"] for p in customerp.records("products")] == ["Not ours"]
    assert customerp.records("customers") == customerp.records("contacts") == []
    assert webcrm.records("Products") == []
    assert len(webcrm.records("Organisations")) == 1  # webCRM cannot delete them


def _steps(*lines: str) -> list[tuple[str, str]]:
    return [(line.split(" ", 1)[0], line.split(" ", 1)[1]) for line in lines]


def test_nothing_is_skipped_in_process_or_served() -> None:
    every_fault = _steps(
        'given a Customerp Customer "Nordlys"',
        "given Webcrm answers writes to /Organisations* with 503 2 times",
        "when the engine runs a sync cycle",
        "then Webcrm answered 2 requests with 503",
    )
    for target in ("inprocess", "served"):
        assert skip_reason(RunSettings(target=target), every_fault) is None


def test_live_skips_faults_with_the_step_named_in_the_reason() -> None:
    reason = skip_reason(
        RunSettings(target="live"),
        _steps("given Webcrm answers writes to /Organisations* with 503 2 times"),
    )
    assert reason == (
        '--target=live --sync=engine: step "Given Webcrm answers writes to /Organisations* with '
        "503 2 times\" needs the fakes' control plane (fault injection), which live systems do "
        "not have"
    )


def test_live_with_its_engine_keeps_engine_state_but_not_toggles() -> None:
    live = RunSettings(target="live")
    assert skip_reason(live, _steps('then "Kari" waits for its Customer')) is None
    assert "Full Sync toggle" in str(skip_reason(live, _steps("given Full Sync is off")))
    external = RunSettings(target="live", sync="external")
    assert "cycle summary" in str(
        skip_reason(external, _steps('then "Kari" waits for its Customer'))
    )


def test_external_sync_skips_edits_in_both_systems_between_two_cycles() -> None:
    external = RunSettings(target="live", sync="external")
    both = _steps(
        "given the engine has synchronized both systems",
        'given "Nordlys" was edited in Customerp: address.city = "Bergen"',
        'given "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"',
        "when the engine runs a sync cycle",
    )
    assert "between the same two cycles" in str(skip_reason(external, both))
    one_side = [both[0], both[1], both[3]]
    assert skip_reason(external, one_side) is None
    assert skip_reason(RunSettings(target="live"), both) is None


def test_every_need_of_the_vocabulary_says_what_it_uses() -> None:
    needs = [p.need for p in VOCABULARY if p.need is not None]
    assert len(needs) >= 12
    kinds = ("control-plane", "engine-state", "toggles", "fresh-systems", "own-writes")
    assert all(n.what and n.kind in kinds for n in needs)


def test_the_fakes_process_serves_and_stops_on_sigterm() -> None:
    process = FakesProcess()
    endpoints = process.start()
    try:
        assert endpoints.customerp_url.endswith("/api/v1")
        assert DEFAULT_API_KEY not in repr(endpoints)
        assert RemoteFake(endpoints.customerp_url).records("customers") == []
    finally:
        process.stop()
    assert process.process is not None and process.process.returncode == 0


def test_served_exchanges_are_recorded_and_the_control_plane_is_not(clients: Clients) -> None:
    live_cp, live_wc = clients[0], clients[1]
    endpoints = Endpoints(live_cp.base_url, DEFAULT_API_KEY, live_wc.base_url, DEFAULT_AUTH_CODE)
    with recorded(endpoints) as mock:
        made = live_cp.ui_create("customers", {"name": SCOPE.prefix + "Nordlys"})
        RemoteFake(live_wc.base_url).records("Organisations")  # control plane: not recorded
        live_wc.records("Organisations")
        calls = list(mock.calls)  # (the mock forgets its calls when it stops)
    answers: list[Any] = [c.response for c in calls]
    seen = [
        (c.request.method, c.request.url, a.status_code)
        for c, a in zip(calls, answers, strict=True)
    ]
    assert seen == [
        ("POST", f"{live_cp.base_url}/customers", 201),
        ("POST", f"{live_wc.base_url}/Auth/ApiLogin", 200),
        ("GET", f"{live_wc.base_url}/Organisations?Page=1&Size=500", 200),
    ]
    assert answers[0].json()["id"] == made["id"]  # the real answer, passed through
