"""People at work in the fakes (control plane /_fake/people/...): bulk seeding, an edit right
after the engine read a record (or just before it writes it), late commits, other
integrations' API edits and a system clock ahead or behind; in-process and served."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests

from fakes import CustomerpFake, FakeClock, InProcess, WebcrmFake, serve_fakes
from fakes.core import parse_iso
from talkqa.apis.control import RemoteFake

KEY = {"Authorization": "Bearer cp-test-key"}


@pytest.fixture(params=["in-process", "served"])
def customerp(request: pytest.FixtureRequest) -> Iterator[tuple[CustomerpFake, object, str]]:
    """The fake, its people (Python or over HTTP) and its API root."""
    fake = CustomerpFake(clock=FakeClock())
    if request.param == "in-process":
        with InProcess(fake):
            yield fake, fake.people, fake.base_url
    else:
        with serve_fakes(fake) as urls:
            yield fake, RemoteFake(urls["customerp"]).people, urls["customerp"]


def session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


def test_seeding_creates_every_record_in_one_call(customerp):
    fake, people, _ = customerp
    ids = people.seed("customers", [{"name": f"Nordlys {n}"} for n in range(1, 1202)])
    assert len(ids) == 1201 == len(set(ids))
    names = [r["name"] for r in fake.records("customers")]
    assert names[0] == "Nordlys 1" and names[-1] == "Nordlys 1201"


def test_an_edit_after_read_lands_right_after_the_read_that_returned_the_record(customerp):
    fake, people, root = customerp
    record = fake.ui_create("customers", {"name": "Nordlys"})
    other = fake.ui_create("customers", {"name": "Fjordblikk"})
    people.edit_after_read("customers", record["id"], {"name": "Nordlys Kraft"})
    api = session()
    api.get(f"{root}/customers/{other['id']}", headers=KEY)  # not that record: nothing yet
    assert fake.records("customers")[0]["name"] == "Nordlys"
    read = api.get(f"{root}/customers", headers=KEY).json()["data"]
    assert read[0]["name"] == "Nordlys"  # the reader saw the record before the edit
    assert fake.records("customers")[0]["name"] == "Nordlys Kraft"
    assert [e["done"] if isinstance(e, dict) else e.done for e in people.pending] == [True]


def test_an_edit_after_read_lands_before_a_write_of_a_record_not_read(customerp):
    fake, people, root = customerp
    record = fake.ui_create("customers", {"name": "Nordlys"})
    people.edit_after_read("customers", record["id"], {"phone": "+47 22 33 44 55"})
    answer = session().put(
        f"{root}/customers/{record['id']}",
        json={"name": "Nordlys Kraft"},
        headers={**KEY, "If-Match": '"1"'},
    )
    assert answer.status_code == 412  # the person's edit came first: version 2 now
    assert fake.records("customers")[0]["phone"] == "+47 22 33 44 55"


def test_a_late_edit_is_stamped_in_the_past_and_the_clock_goes_on(customerp):
    fake, people, _ = customerp
    first = fake.ui_create("customers", {"name": "Nordlys"})
    newest = fake.ui_create("customers", {"name": "Fjordblikk"})
    stamp = parse_iso(newest["updated_at"]) - timedelta(milliseconds=500)
    people.late_edit("customers", first["id"], {"name": "Nordlys Kraft"}, stamp)
    late = fake.records("customers")[0]
    assert parse_iso(late["updated_at"]) == stamp and late["version"] == 2
    later = fake.ui_create("customers", {"name": "Havbris"})
    assert later["updated_at"] > newest["updated_at"]


def test_skew_moves_the_systems_stamps_not_the_shared_clock(customerp):
    fake, people, _ = customerp
    people.set_skew(-5)
    record = fake.ui_create("customers", {"name": "Nordlys"})
    assert parse_iso(record["updated_at"]) < fake.clock.now() - timedelta(seconds=4)
    fake.reset()
    assert parse_iso(fake.ui_create("customers", {"name": "Nordlys"})["updated_at"]) > (
        fake.clock.now() - timedelta(seconds=1)
    )


def test_webcrm_api_edits_are_stamped_as_the_api_user():
    fake = WebcrmFake(clock=FakeClock())
    org = fake.ui_create("Organisations", {"OrganisationName": "Nordlys"})
    assert org["OrganisationUpdatedBy"] != "API"
    edited = fake.people.api_edit(
        "Organisations", org["OrganisationId"], {"OrganisationCity": "Tromsø"}
    )
    assert edited["OrganisationUpdatedBy"] == "API"
    assert edited["OrganisationName"] == "Nordlys" and edited["OrganisationCity"] == "Tromsø"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("people/seed/customers", {"records": []}, "records"),
        ("people/skew", {"seconds": "five"}, "seconds"),
        ("people/skew", {"seconds": 10**6}, "seconds"),
        ("people/late-edit/customers/100001", {"fields": {}, "stamp": "yesterday"}, "stamp"),
    ],
)
def test_bad_people_requests_are_422_naming_the_field(path, body, field):
    fake = CustomerpFake(clock=FakeClock())
    fake.ui_create("customers", {"name": "Nordlys"})
    with serve_fakes(fake) as urls:
        answer = session().post(f"{urls['customerp']}/_fake/{path}", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == field
