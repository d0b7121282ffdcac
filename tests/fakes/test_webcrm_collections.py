"""webCRM fake: paging, get, POST, PUT (strict replace), DELETE, read-only fields, UI edits."""

from __future__ import annotations

import pytest
import requests
from webcrm_client import WebcrmClient

from fakes.core import FakeClock, HttpError
from fakes.webcrm import BASE_URL, WebcrmFake


def add_organisations(webcrm: WebcrmFake, count: int) -> None:
    for n in range(1, count + 1):
        webcrm.ui_create("Organisations", {"OrganisationName": f"Org {n}"})


def ids(response, field: str = "OrganisationId") -> list[int]:
    assert response.status_code == 200, response.text
    return [row[field] for row in response.json()]


# --- paging ---
def test_pages_are_bare_arrays_in_id_order_until_a_short_then_empty_page(
    api: WebcrmClient, webcrm: WebcrmFake
) -> None:
    add_organisations(webcrm, 5)
    pages = [ids(api.get("/Organisations", params={"Page": p, "Size": 2})) for p in (1, 2, 3, 4)]
    assert pages == [[1, 2], [3, 4], [5], []]


def test_size_one_answers_one_record_per_page(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    add_organisations(webcrm, 3)
    assert ids(api.get("/Organisations", params={"Page": 3, "Size": 1})) == [3]


def test_size_1000_is_the_largest_page(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    add_organisations(webcrm, 1001)
    assert len(ids(api.get("/Organisations", params={"Size": 1000}))) == 1000
    assert ids(api.get("/Organisations", params={"Page": 2, "Size": 1000})) == [1001]


def test_default_page_size_is_50(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    add_organisations(webcrm, 51)
    assert ids(api.get("/Organisations")) == list(range(1, 51))


def test_query_parameter_names_are_case_insensitive(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    add_organisations(webcrm, 3)
    assert ids(api.get("/Organisations", params={"page": 2, "size": 2})) == [3]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"Size": 1001}, "Size"),
        ({"Size": 0}, "Size"),
        ({"Size": -5}, "Size"),
        ({"Size": "ten"}, "Size"),
        ({"Page": 0}, "Page"),
        ({"Page": -1}, "Page"),
        ({"Page": 1_000_001}, "Page"),
        ({"Page": "1.5"}, "Page"),
    ],
)
@pytest.mark.parametrize("path", ["/Organisations", "/Persons", "/Products"])
def test_bad_page_or_size_is_400_naming_the_parameter(
    api: WebcrmClient, path: str, params: dict, field: str
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 400
    assert field in response.json()["Errors"]


# --- get, create ---
def test_post_answers_the_new_id_and_get_returns_the_full_dto(
    api: WebcrmClient, clock: FakeClock
) -> None:
    response = api.call(
        "POST", "/Organisations", json={"OrganisationName": "Acme", "OrganisationCity": "Oslo"}
    )
    assert response.status_code == 200
    new_id = response.json()
    assert new_id == 1
    dto = api.get(f"/Organisations/{new_id}").json()
    assert dto["OrganisationName"] == "Acme"
    assert dto["OrganisationCity"] == "Oslo"
    assert dto["OrganisationAddress"] == ""
    assert dto["OrganisationCreatedAt"] == dto["OrganisationUpdatedAt"] == "2024-09-11T00:00:00.001"
    assert dto["OrganisationCreatedBy"] == dto["OrganisationUpdatedBy"] == "API"
    assert dto["OrganisationXDate1"] is None  # every property present: null where unset


def test_get_unknown_id_is_404(api: WebcrmClient) -> None:
    response = api.get("/Organisations/42")
    assert response.status_code == 404
    assert response.json()["Type"] == "NotFoundException"


def test_every_write_ticks_the_clock_so_updated_at_strictly_increases(
    api: WebcrmClient, clock: FakeClock
) -> None:
    for name in ("A", "B", "C"):
        api.call("POST", "/Organisations", json={"OrganisationName": name})
    stamps = [row["OrganisationUpdatedAt"] for row in api.get("/Organisations").json()]
    assert stamps == sorted(set(stamps))
    assert stamps[-1] == "2024-09-11T00:00:00.003"


def test_read_only_fields_are_ignored_on_post_and_put(api: WebcrmClient) -> None:
    server_owned = {
        "OrganisationId": 99,
        "OrganisationCreatedAt": "2001-01-01T00:00:00",
        "OrganisationCreatedBy": "mallory",
        "OrganisationUpdatedAt": "2001-01-01T00:00:00",
        "OrganisationUpdatedBy": "mallory",
    }
    new_id = api.call(
        "POST", "/Organisations", json={"OrganisationName": "A", **server_owned}
    ).json()
    assert new_id == 1
    put = api.call("PUT", "/Organisations/1", json={"OrganisationName": "B", **server_owned})
    assert put.status_code == 200
    dto = api.get("/Organisations/1").json()
    assert dto["OrganisationId"] == 1
    assert dto["OrganisationName"] == "B"
    assert dto["OrganisationCreatedAt"] == "2024-09-11T00:00:00.001"
    assert dto["OrganisationUpdatedAt"] == "2024-09-11T00:00:00.002"
    assert {dto["OrganisationCreatedBy"], dto["OrganisationUpdatedBy"]} == {"API"}


# --- PUT ---
def test_put_replaces_the_whole_dto_clearing_absent_writable_fields(api: WebcrmClient) -> None:
    full = {"OrganisationName": "Acme", "OrganisationCity": "Oslo", "OrganisationXInt1": 7}
    api.call("POST", "/Organisations", json=full)
    response = api.call("PUT", "/Organisations/1", json={"OrganisationName": "Acme AS"})
    assert response.status_code == 200
    dto = api.get("/Organisations/1").json()
    assert dto["OrganisationName"] == "Acme AS"
    assert dto["OrganisationCity"] == ""
    assert dto["OrganisationXInt1"] == 0


def test_put_of_a_dto_read_back_changes_nothing_but_the_update_stamp(api: WebcrmClient) -> None:
    api.call(
        "POST",
        "/Organisations",
        json={"OrganisationName": "Acme", "OrganisationXDate1": "2024-01-02"},
    )
    before = api.get("/Organisations/1").json()
    api.call("PUT", "/Organisations/1", json=before)
    after = api.get("/Organisations/1").json()
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"OrganisationUpdatedAt"}


def test_put_unknown_id_is_404(api: WebcrmClient) -> None:
    assert api.call("PUT", "/Organisations/5", json={"OrganisationName": "x"}).status_code == 404


# --- DELETE ---
def test_products_can_be_deleted(api: WebcrmClient) -> None:
    api.call("POST", "/Products", json={"ProductPrice": 10.5})
    assert api.call("DELETE", "/Products/1").status_code == 200
    assert api.get("/Products/1").status_code == 404
    assert api.call("DELETE", "/Products/1").status_code == 404


@pytest.mark.parametrize("path", ["/Organisations/1", "/Persons/1"])
def test_delete_is_not_an_operation_on_organisations_or_persons(
    api: WebcrmClient, path: str
) -> None:
    assert api.call("DELETE", path).status_code == 405


def test_unknown_route_is_404(api: WebcrmClient) -> None:
    assert api.get("/Opportunity").status_code == 404
    assert api.get("/Organisations/1/Opportunities").status_code == 404


def test_oversized_body_is_413_and_writes_nothing(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    webcrm.max_body = 1000
    response = api.call("POST", "/Organisations", json={"OrganisationComment": "c" * 1000})
    assert response.status_code == 413
    assert response.json()["Type"] == "PayloadTooLargeException"
    assert webcrm.records("Organisations") == []


# --- UI edits (control plane) and reset ---
def test_ui_update_changes_only_the_given_fields_and_stamps_the_ui_user(
    webcrm: WebcrmFake, clock: FakeClock
) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme", "OrganisationCity": "Oslo"})
    clock.advance(60)
    dto = webcrm.ui_update("Organisations", 1, {"OrganisationCity": "Bergen"})
    assert dto["OrganisationName"] == "Acme"
    assert dto["OrganisationCity"] == "Bergen"
    assert dto["OrganisationUpdatedAt"] == "2024-09-11T00:01:00.002"
    assert dto["OrganisationUpdatedBy"] == "webCRM User"


def test_ui_delete_of_an_organisation_deletes_its_persons(webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    webcrm.ui_create("Organisations", {"OrganisationName": "Other"})
    webcrm.ui_create("Persons", {"PersonFirstName": "Ada", "PersonOrganisationId": 1})
    webcrm.ui_create("Persons", {"PersonFirstName": "Bo", "PersonOrganisationId": 2})
    webcrm.ui_delete("Organisations", 1)
    assert [p["PersonFirstName"] for p in webcrm.records("Persons")] == ["Bo"]


def test_ui_edits_bypass_auth_and_are_not_journaled(webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Products", {"ProductPrice": 1.0})
    assert webcrm.journal == []
    assert webcrm.records("Products")[0]["ProductUpdatedBy"] == "webCRM User"


def test_ui_create_over_http_answers_validation_errors_in_webcrms_shape(
    webcrm: WebcrmFake,
) -> None:
    url = f"{webcrm.base_url}/_fake/records/Persons"
    response = requests.post(url, json={"PersonFirstName": "Ada", "PersonOrganisationId": 5})
    assert response.status_code == 400
    assert list(response.json()["Errors"]) == ["PersonOrganisationId"]
    assert requests.get(f"{webcrm.base_url}/_fake/records/Customers").status_code == 404


def test_ui_edit_of_unknown_collection_is_refused(webcrm: WebcrmFake) -> None:
    with pytest.raises(HttpError) as caught:
        webcrm.ui_create("Customers", {"name": "x"})
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/customers"), ("POST", "/Organisation"), ("PATCH", "/persons/1")],
)
def test_an_unknown_control_plane_collection_is_404_naming_the_known_ones(
    webcrm: WebcrmFake, method: str, path: str
) -> None:
    response = requests.request(method, f"{BASE_URL}/_fake/records{path}", json={})
    assert response.status_code == 404
    body = response.json()
    assert body["Type"] == "NotFoundException"
    assert all(name in body["Message"] for name in ("Organisations", "Persons", "Products"))


def test_reset_empties_data_restarts_ids_and_clears_the_journal(
    api: WebcrmClient, webcrm: WebcrmFake
) -> None:
    api.call("POST", "/Organisations", json={"OrganisationName": "A"})
    webcrm.reset()
    assert webcrm.records("Organisations") == []
    assert webcrm.journal == []
    api.login()
    assert api.call("POST", "/Organisations", json={"OrganisationName": "B"}).json() == 1
