"""The control plane under /_fake/, over HTTP (in-process and served) and as Python calls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from customerp_client import CustomerpClient, error_of

from fakes import CustomerpFake, FakeClock, InProcess, serve_fakes


@dataclass
class Setup:
    fake: CustomerpFake
    api: CustomerpClient
    control: requests.Session
    root: str

    def ctl(self, method: str, path: str, body: object = None) -> requests.Response:
        return self.control.request(method, f"{self.root}/_fake{path}", json=body)


@pytest.fixture(params=["in-process", "served"])
def setup(request: pytest.FixtureRequest) -> Iterator[Setup]:
    fake = CustomerpFake(clock=FakeClock())
    session = requests.Session()
    session.trust_env = False  # no Authorization header: the control plane needs none
    if request.param == "in-process":
        with InProcess(fake):
            yield Setup(fake, CustomerpClient(), session, fake.base_url)
    else:
        with serve_fakes(fake) as urls:
            root = urls["customerp"]
            yield Setup(fake, CustomerpClient(root), session, root)


def test_clock_can_be_read_set_and_advanced(setup: Setup) -> None:
    start = {"now": "2024-09-11T00:00:00.000Z", "frozen": True}
    assert setup.ctl("GET", "/clock").json() == start
    advanced = setup.ctl("POST", "/clock", {"advance_seconds": 61.5})
    assert advanced.json() == {"now": "2024-09-11T00:01:01.500Z", "frozen": True}
    moved = setup.ctl("POST", "/clock", {"now": "2025-01-01T00:00:00Z"})
    assert moved.json() == {"now": "2025-01-01T00:00:00.000Z", "frozen": True}
    assert setup.fake.clock.now().year == 2025


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"advance_seconds": -1},
        {"advance_seconds": "1"},
        {"now": "soon"},
        {"now": 1, "x": 2},
        {"now": 20240101},
        {"advance_seconds": 1e308},  # past what datetime holds
        {"advance_seconds": 10**400},
        {"now": "9999-12-31T23:59:59.999Z"},  # the next write's tick would overflow
        {"now": "0001-01-01T00:00:00+01:00"},  # before year 1 in UTC
        {"frozen": False},  # an in-process FakeClock never runs by itself
        {"frozen": "yes"},
        {"now": "2025-01-01T00:00:00Z", "advance_seconds": 1},
    ],
)
def test_a_bad_clock_body_is_422_and_leaves_the_clock_alone(setup: Setup, body: dict) -> None:
    response = setup.ctl("POST", "/clock", body)
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"
    assert setup.ctl("GET", "/clock").json() == {"now": "2024-09-11T00:00:00.000Z", "frozen": True}


@pytest.mark.parametrize("raw", [b'{"advance_seconds": NaN}', b'{"advance_seconds": Infinity}'])
def test_non_json_numbers_to_the_clock_are_400(setup: Setup, raw: bytes) -> None:
    response = setup.control.post(f"{setup.root}/_fake/clock", data=raw)
    assert response.status_code == 400
    assert setup.fake.clock.now().isoformat() == "2024-09-11T00:00:00+00:00"


def test_ui_create_update_delete_act_like_a_person_in_the_ui(setup: Setup) -> None:
    created = setup.ctl("POST", "/records/customers", {"name": "Acme", "address": {"city": "Oslo"}})
    assert created.status_code == 201
    record = created.json()
    setup.ctl("POST", "/clock", {"advance_seconds": 60})
    patch = {"email": "post@acme.no", "address": {"country": "NO"}}
    updated = setup.ctl("PATCH", f"/records/customers/{record['id']}", patch)
    assert updated.status_code == 200
    after = updated.json()
    assert after["name"] == "Acme" and after["email"] == "post@acme.no"
    assert after["address"] == {
        "street": None,
        "city": "Oslo",
        "postal_code": None,
        "country": "NO",
    }
    assert after["version"] == 2 and after["updated_at"] == "2024-09-11T00:01:00.002Z"
    assert setup.ctl("GET", "/records/customers").json() == [after]
    assert setup.ctl("DELETE", f"/records/customers/{record['id']}").status_code == 204
    assert setup.ctl("GET", "/records/customers").json() == []


def test_ui_edits_are_validated_like_the_api(setup: Setup) -> None:
    record = setup.ctl("POST", "/records/customers", {"name": "Acme"}).json()
    response = setup.ctl("PATCH", f"/records/customers/{record['id']}", {"name": None})
    assert response.status_code == 422
    assert error_of(response)["field"] == "name"
    missing = setup.ctl("PATCH", "/records/customers/1", {"name": "x"})
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/records/Organisations"), ("POST", "/records/nope"), ("DELETE", "/records/x/1")],
)
def test_an_unknown_collection_is_404_naming_the_known_ones(
    setup: Setup, method: str, path: str
) -> None:
    response = setup.ctl(method, path, {"name": "x"})
    assert response.status_code == 404
    assert "customers, contacts, products" in error_of(response)["message"]


def test_an_unknown_control_path_is_404(setup: Setup) -> None:
    assert setup.ctl("GET", "/nothing").status_code == 404


def test_the_journal_lists_api_calls_but_not_control_calls(setup: Setup) -> None:
    setup.api.customer()
    setup.api.get("/customers/1")
    setup.ctl("GET", "/records/customers")
    now = setup.ctl("GET", "/clock").json()["now"]
    journal = setup.ctl("GET", "/journal").json()
    assert [{k: e[k] for k in ("method", "path", "status", "at")} for e in journal] == [
        {"method": "POST", "path": "/customers", "status": 201, "at": now},
        {"method": "GET", "path": "/customers/1", "status": 404, "at": now},
    ]  # "at": the fake clock's time of each answer
    assert journal[0]["wall"] <= journal[1]["wall"]  # real seconds, in arrival order
    assert setup.ctl("DELETE", "/journal").status_code == 204
    assert setup.fake.journal == []


def test_faults_can_be_added_listed_and_cleared(setup: Setup) -> None:
    rules = [{"method": "GET", "path": "/customers", "action": "status", "status": 503}]
    added = setup.ctl("POST", "/faults", {"rules": rules})
    assert added.status_code == 201
    assert setup.ctl("GET", "/faults").json()["rules"][0]["status"] == 503
    assert setup.api.get("/customers").status_code == 503
    setup.ctl("POST", "/faults", {"rules": [{"action": "status", "times": None}]})
    assert setup.ctl("DELETE", "/faults").status_code == 204
    assert setup.api.get("/customers").status_code == 200


def test_a_bad_fault_rule_is_422_naming_it_and_adds_nothing(setup: Setup) -> None:
    response = setup.ctl("POST", "/faults", {"rules": [{"action": "status"}, {"action": "x"}]})
    assert response.status_code == 422
    assert error_of(response)["field"] == "rules[1].action"
    assert setup.fake.faults.rules == []
    assert setup.ctl("POST", "/faults", {"rule": []}).status_code == 422


def test_faults_never_touch_the_control_plane(setup: Setup) -> None:
    setup.fake.faults.add({"action": "status", "times": None})
    assert setup.ctl("GET", "/clock").status_code == 200


def test_reset_empties_records_journal_and_faults_but_keeps_the_clock(setup: Setup) -> None:
    setup.api.customer()
    setup.fake.faults.add({"action": "status", "path": "/nothing"})
    setup.ctl("POST", "/clock", {"advance_seconds": 5})
    assert setup.ctl("POST", "/reset").status_code == 204
    assert setup.fake.records("customers") == []
    assert setup.fake.journal == [] and setup.fake.faults.rules == []
    assert setup.ctl("GET", "/clock").json()["now"] == "2024-09-11T00:00:05.001Z"
    assert setup.api.customer()["id"] == 100001


def test_malformed_json_to_the_control_plane_is_400(setup: Setup) -> None:
    response = setup.control.post(f"{setup.root}/_fake/clock", data=b"{not json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_python_records_are_copies_the_caller_cannot_corrupt() -> None:
    fake = CustomerpFake()
    fake.ui_create("customers", {"name": "Acme", "address": {"city": "Oslo"}})
    copy = fake.records("customers")[0]
    copy["address"]["city"] = "Bergen"
    assert fake.records("customers")[0]["address"]["city"] == "Oslo"


def test_python_ui_edits_bump_version_and_updated_at_and_delete() -> None:
    clock = FakeClock()
    fake = CustomerpFake(clock=clock)
    record = fake.ui_create("products", {"sku": "S-1", "name": "Widget"})
    clock.advance(30)
    changed = fake.ui_update("products", record["id"], {"unit_price": 12.5})
    assert changed["name"] == "Widget" and changed["unit_price"] == 12.5
    assert changed["version"] == 2
    assert changed["updated_at"] == "2024-09-11T00:00:30.002Z"
    fake.ui_delete("products", record["id"])
    assert fake.records("products") == []


def test_python_journal_clear_and_reset() -> None:
    fake = CustomerpFake()
    with InProcess(fake):
        CustomerpClient().get("/products")
    [entry] = fake.journal
    assert entry == {
        "method": "GET", "path": "/products", "status": 200, "at": "2024-09-11T00:00:00.000Z",
        "wall": entry["wall"],
    }  # fmt: skip
    assert isinstance(entry["wall"], float)
    fake.clear_journal()
    assert fake.journal == []
    fake.ui_create("customers", {"name": "A"})
    fake.reset()
    assert fake.records("customers") == []


def test_the_api_key_is_not_kept_in_the_fake_so_no_repr_can_show_it() -> None:
    fake = CustomerpFake(api_key="very-secret-key")
    assert "very-secret-key" not in repr(fake)
    assert "very-secret-key" not in repr(vars(fake))
