"""webCRM fake: maxLengths from the swagger, JSON types, unknown fields, PATCH per-item results,
PersonOrganisationId."""

from __future__ import annotations

import pytest
from webcrm_client import WebcrmClient

from fakes.core import HttpError
from fakes.webcrm import WebcrmFake

# (field, maxLength) as webCRM's swagger states them for OrganisationDto.
MAX_LENGTHS = [
    ("OrganisationName", 200),
    ("OrganisationAddress", 250),
    ("OrganisationCity", 50),
    ("OrganisationVatCountry", 10),
    ("OrganisationVatGroup", 20),
    ("OrganisationCompareName", 500),
]


def post_org(api: WebcrmClient, body: object):
    return api.call("POST", "/Organisations", json=body)


# --- maxLength ---
@pytest.mark.parametrize(("field", "limit"), MAX_LENGTHS)
def test_post_accepts_exactly_max_length(api: WebcrmClient, field: str, limit: int) -> None:
    response = post_org(api, {field: "x" * limit})
    assert response.status_code == 200
    assert api.get(f"/Organisations/{response.json()}").json()[field] == "x" * limit


@pytest.mark.parametrize(("field", "limit"), MAX_LENGTHS)
def test_post_refuses_max_length_plus_one_naming_the_field(
    api: WebcrmClient, webcrm: WebcrmFake, field: str, limit: int
) -> None:
    response = post_org(api, {field: "x" * (limit + 1)})
    assert response.status_code == 400
    body = response.json()
    assert list(body["Errors"]) == [field]
    assert f"maximum length of '{limit}'" in body["Message"]
    assert webcrm.records("Organisations") == []


@pytest.mark.parametrize(("field", "limit"), MAX_LENGTHS[:3])
def test_put_checks_max_length_too(api: WebcrmClient, field: str, limit: int) -> None:
    post_org(api, {"OrganisationName": "A"})
    assert api.call("PUT", "/Organisations/1", json={field: "y" * limit}).status_code == 200
    too_long = api.call("PUT", "/Organisations/1", json={field: "y" * (limit + 1)})
    assert too_long.status_code == 400
    assert field in too_long.json()["Errors"]


def test_max_length_counts_characters_not_bytes(api: WebcrmClient) -> None:
    assert post_org(api, {"OrganisationCity": "ø" * 50}).status_code == 200


def test_ui_edits_obey_max_length_too(webcrm: WebcrmFake) -> None:
    with pytest.raises(HttpError) as caught:
        webcrm.ui_create("Organisations", {"OrganisationName": "n" * 201})
    assert caught.value.status == 400 and caught.value.field == "OrganisationName"


# --- JSON types and unknown fields ---
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"OrganisationName": 5}, "OrganisationName"),
        ({"OrganisationXInt1": "7"}, "OrganisationXInt1"),
        ({"OrganisationXInt1": True}, "OrganisationXInt1"),
        ({"OrganisationXInt1": 1.5}, "OrganisationXInt1"),
        ({"OrganisationXInt1": 2**31}, "OrganisationXInt1"),
        ({"OrganisationNoAds": "yes"}, "OrganisationNoAds"),
        ({"OrganisationXDate1": "next tuesday"}, "OrganisationXDate1"),
        ({"OrganisationLastItemType": "Banana"}, "OrganisationLastItemType"),
        ({"OrganisationNmae": "typo"}, "OrganisationNmae"),
        ({"OrganisationName": ["A"]}, "OrganisationName"),
    ],
)
def test_wrong_json_type_or_unknown_field_is_400_naming_it(
    api: WebcrmClient, webcrm: WebcrmFake, body: dict, field: str
) -> None:
    response = post_org(api, body)
    assert response.status_code == 400
    assert field in response.json()["Errors"]
    assert webcrm.records("Organisations") == []


@pytest.mark.parametrize(
    "body",
    [
        {"ProductPrice": 10**400},  # valid JSON, but no double holds it
        {"ProductSortOrder": 2**31},
        {"ProductCustom1": "x", "ProductOrganisationId": -(2**31) - 1},
    ],
)
def test_numbers_beyond_the_dto_types_are_400_naming_the_field(
    api: WebcrmClient, webcrm: WebcrmFake, body: dict
) -> None:
    response = api.call("POST", "/Products", json=body)
    assert response.status_code == 400
    assert set(response.json()["Errors"]) & set(body)
    assert webcrm.records("Products") == []


@pytest.mark.parametrize(
    "raw", [b'{"ProductPrice": NaN}', b'{"ProductPrice": -Infinity}', b'{"ProductPrice": 1e999}']
)
def test_non_json_numbers_are_400_and_never_echoed_as_invalid_json(
    api: WebcrmClient, webcrm: WebcrmFake, raw: bytes
) -> None:
    headers = {"Content-Type": "application/json"}
    response = api.call("POST", "/Products", data=raw, headers=headers)
    assert response.status_code == 400
    assert response.json()["Type"] == "BadRequestException"
    assert webcrm.records("Products") == []


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_a_date_time_outside_the_utc_range_is_400_naming_the_field(
    api: WebcrmClient, moment: str
) -> None:
    response = post_org(api, {"OrganisationXDate1": moment})
    assert response.status_code == 400
    assert "OrganisationXDate1" in response.json()["Errors"]


def test_early_years_keep_four_digits_so_timestamps_sort_as_text(api: WebcrmClient) -> None:
    post_org(api, {"OrganisationXDate1": "0999-05-06T07:08:09"})
    assert api.get("/Organisations/1").json()["OrganisationXDate1"] == "0999-05-06T07:08:09.000"


def test_number_fields_take_integers_and_floats(api: WebcrmClient) -> None:
    api.call("POST", "/Products", json={"ProductPrice": 10, "ProductCostPrice": 2.5})
    dto = api.get("/Products/1").json()
    assert (dto["ProductPrice"], dto["ProductCostPrice"]) == (10.0, 2.5)


def test_null_means_unset(api: WebcrmClient) -> None:
    post_org(api, {"OrganisationName": None, "OrganisationXInt1": None, "OrganisationXDate1": None})
    dto = api.get("/Organisations/1").json()
    assert (dto["OrganisationName"], dto["OrganisationXInt1"]) == ("", 0)
    assert dto["OrganisationXDate1"] is None


def test_date_times_are_stored_in_webcrm_form(api: WebcrmClient) -> None:
    post_org(
        api, {"OrganisationXDate1": "2024-03-01T10:20:30Z", "OrganisationXDate2": "2024-03-02"}
    )
    dto = api.get("/Organisations/1").json()
    assert dto["OrganisationXDate1"] == "2024-03-01T10:20:30.000"
    assert dto["OrganisationXDate2"] == "2024-03-02T00:00:00.000"


@pytest.mark.parametrize("raw", [b"{not json", b"", b"[1, 2]", b'"text"'])
def test_malformed_or_non_object_body_is_400(api: WebcrmClient, raw: bytes) -> None:
    headers = {"Content-Type": "application/json"}
    response = api.call("POST", "/Organisations", data=raw, headers=headers)
    assert response.status_code == 400
    assert response.json()["Message"]


# --- PATCH ---
def test_patch_inserts_replaces_and_reports_per_item(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    post_org(api, {"OrganisationName": "Old", "OrganisationCity": "Oslo"})
    items = [
        {"OrganisationName": "New"},
        {"OrganisationId": 1, "OrganisationName": "Renamed"},
        {"OrganisationId": 0, "OrganisationName": "x" * 201},
        {"OrganisationId": 77, "OrganisationName": "Ghost"},
        {"OrganisationId": None, "OrganisationName": "Third"},
    ]
    response = api.call("PATCH", "/Organisations", json=items)
    assert response.status_code == 200
    results = response.json()
    assert results[:2] == ["2", "1"]
    assert results[2].startswith("Error:") and "OrganisationName" in results[2]
    assert results[3].startswith("Error:") and "77" in results[3]
    assert results[4] == "3"
    names = {r["OrganisationId"]: r["OrganisationName"] for r in webcrm.records("Organisations")}
    assert names == {1: "Renamed", 2: "New", 3: "Third"}
    assert webcrm.records("Organisations")[0]["OrganisationCity"] == ""  # full replace


def test_patch_with_a_wrongly_typed_item_is_400_and_writes_nothing(
    api: WebcrmClient, webcrm: WebcrmFake
) -> None:
    items = [{"OrganisationName": "Fine"}, {"OrganisationName": 12}]
    response = api.call("PATCH", "/Organisations", json=items)
    assert response.status_code == 400
    assert "[1].OrganisationName" in response.json()["Errors"]
    assert webcrm.records("Organisations") == []


@pytest.mark.parametrize("body", [{"OrganisationName": "A"}, "x", 3])
def test_patch_body_must_be_an_array(api: WebcrmClient, body: object) -> None:
    response = api.call("PATCH", "/Organisations", json=body)
    assert response.status_code == 400
    assert "body" in response.json()["Errors"]


def test_patch_of_an_empty_array_answers_an_empty_array(api: WebcrmClient) -> None:
    response = api.call("PATCH", "/Persons", json=[])
    assert (response.status_code, response.json()) == (200, [])


# --- PersonOrganisationId ---
def test_person_needs_an_existing_organisation(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    for body in ({"PersonFirstName": "Ada"}, {"PersonFirstName": "Ada", "PersonOrganisationId": 3}):
        response = api.call("POST", "/Persons", json=body)
        assert response.status_code == 400
        assert list(response.json()["Errors"]) == ["PersonOrganisationId"]
    post_org(api, {"OrganisationName": "Acme"})
    response = api.call(
        "POST", "/Persons", json={"PersonFirstName": "Ada", "PersonOrganisationId": 1}
    )
    assert response.status_code == 200
    assert webcrm.records("Persons")[0]["PersonOrganisationId"] == 1


def test_person_put_and_patch_check_the_organisation(api: WebcrmClient) -> None:
    post_org(api, {"OrganisationName": "Acme"})
    api.call("POST", "/Persons", json={"PersonFirstName": "Ada", "PersonOrganisationId": 1})
    put = api.call("PUT", "/Persons/1", json={"PersonFirstName": "Ada", "PersonOrganisationId": 9})
    assert put.status_code == 400
    assert "PersonOrganisationId" in put.json()["Errors"]
    patch = api.call("PATCH", "/Persons", json=[{"PersonId": 1, "PersonOrganisationId": 9}])
    assert patch.status_code == 200
    assert patch.json()[0].startswith("Error:") and "PersonOrganisationId" in patch.json()[0]
