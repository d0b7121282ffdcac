"""Customerp fake: auth, validation naming the field, 404, 409, 412, PUT, DELETE, contacts."""

from __future__ import annotations

import pytest
from customerp_client import CustomerpClient, error_of

from fakes import DEFAULT_API_KEY, CustomerpFake, InProcess


@pytest.mark.parametrize(
    "header", [None, "Bearer wrong-key", DEFAULT_API_KEY, f"Basic {DEFAULT_API_KEY}"]
)
def test_a_missing_or_wrong_api_key_gets_401(client: CustomerpClient, header: str | None) -> None:
    client.session.headers.pop("Authorization")
    headers = {"Authorization": header} if header else {}
    response = client.get("/customers", headers=headers)
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"
    assert DEFAULT_API_KEY not in response.text


def test_the_bearer_scheme_is_case_insensitive(client: CustomerpClient) -> None:
    response = client.get("/customers", headers={"Authorization": f"bearer {DEFAULT_API_KEY}"})
    assert response.status_code == 200


def test_a_configured_api_key_replaces_the_default() -> None:
    fake = CustomerpFake(api_key="other-key")
    with InProcess(fake):
        assert CustomerpClient().get("/customers").status_code == 401
        assert CustomerpClient(api_key="other-key").get("/customers").status_code == 200


def test_create_assigns_id_version_and_stamps_and_nulls_absent_fields(
    client: CustomerpClient,
) -> None:
    response = client.post("/customers", {"name": "Acme AS", "address": {"city": "Oslo"}})
    assert response.status_code == 201
    body = response.json()
    assert response.headers["ETag"] == '"1"'
    assert body["version"] == 1 and isinstance(body["id"], int)
    assert body["created_at"] == body["updated_at"] == "2024-09-11T00:00:00.001Z"
    assert body["email"] is None and body["external_ref"] is None
    assert body["address"] == {"street": None, "city": "Oslo", "postal_code": None, "country": None}


def test_read_only_fields_in_a_body_are_ignored(client: CustomerpClient) -> None:
    body = {"name": "Acme", "id": 5, "version": 99, "created_at": "x", "updated_at": "y"}
    created = client.created("customers", body)
    assert created["id"] != 5 and created["version"] == 1
    assert created["created_at"].startswith("2024-09-11T")


@pytest.mark.parametrize(
    ("collection", "body", "field"),
    [
        ("customers", {}, "name"),
        ("customers", {"name": None}, "name"),
        ("customers", {"name": "   "}, "name"),
        ("customers", {"name": 42}, "name"),
        ("customers", {"name": "x" * 201}, "name"),
        ("customers", {"name": "A", "nickname": "B"}, "nickname"),
        ("customers", {"name": "A", "address": "Oslo"}, "address"),
        ("customers", {"name": "A", "address": {"country": "Norway"}}, "address.country"),
        ("customers", {"name": "A", "address": {"country": "XX"}}, "address.country"),
        ("customers", {"name": "A", "address": {"zip": "0150"}}, "address.zip"),
        ("customers", {"name": "A", "external_ref": "r" * 101}, "external_ref"),
        ("contacts", {"first_name": "Kari"}, "customer_id"),
        ("contacts", {"customer_id": "100001"}, "customer_id"),
        ("contacts", {"customer_id": 424242}, "customer_id"),
        ("products", {"name": "Widget"}, "sku"),
        ("products", {"sku": "W-1"}, "name"),
        ("products", {"sku": "W-1", "name": "W", "unit_price": "9.90"}, "unit_price"),
        ("products", {"sku": "W-1", "name": "W", "stock_quantity": True}, "stock_quantity"),
    ],
)
def test_invalid_bodies_get_422_naming_the_field(
    client: CustomerpClient, collection: str, body: dict, field: str
) -> None:
    response = client.post(f"/{collection}", body)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["field"] == field


def test_maximum_lengths_pass_exactly_and_fail_one_over(client: CustomerpClient) -> None:
    assert client.post("/customers", {"name": "x" * 200}).status_code == 201
    assert client.post("/customers", {"name": "x" * 201}).status_code == 422
    ok = {"name": "A", "address": {"postal_code": "9" * 20}}
    assert client.post("/customers", ok).status_code == 201
    over = {"name": "A", "address": {"postal_code": "9" * 21}}
    assert error_of(client.post("/customers", over))["field"] == "address.postal_code"


def test_a_body_that_is_not_an_object_is_400(client: CustomerpClient) -> None:
    response = client.post("/customers", ["Acme"])
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_unknown_ids_get_404(client: CustomerpClient) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = client.call(method, "/customers/999", json={"name": "A"})
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_a_duplicate_sku_gets_409_on_create_and_replace(client: CustomerpClient) -> None:
    first = client.created("products", {"sku": "W-1", "name": "Widget"})
    second = client.created("products", {"sku": "W-2", "name": "Gadget"})
    response = client.post("/products", {"sku": "W-1", "name": "Copy"})
    assert response.status_code == 409
    assert error_of(response) | {"message": ""} == {
        "code": "conflict",
        "field": "sku",
        "message": "",
    }
    put = client.put(f"/products/{second['id']}", {"sku": "W-1", "name": "Gadget"})
    assert put.status_code == 409
    same = client.put(f"/products/{first['id']}", {"sku": "W-1", "name": "Widget v2"})
    assert same.status_code == 200


def test_a_sku_is_free_again_after_its_product_is_deleted(client: CustomerpClient) -> None:
    product = client.created("products", {"sku": "W-1", "name": "Widget"})
    assert client.delete(f"/products/{product['id']}").status_code == 204
    assert client.post("/products", {"sku": "W-1", "name": "Again"}).status_code == 201


def test_put_replaces_all_writable_fields_and_bumps_version(
    client: CustomerpClient, customerp: CustomerpFake
) -> None:
    created = client.customer(email="a@example.com", phone="+47 1", address={"city": "Oslo"})
    customerp.clock.advance(60)
    response = client.put(f"/customers/{created['id']}", {"name": "Acme Norge AS"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Acme Norge AS"
    assert body["email"] is None and body["phone"] is None and body["address"] is None
    assert body["version"] == 2 and response.headers["ETag"] == '"2"'
    assert body["created_at"] == created["created_at"]
    assert body["updated_at"] == "2024-09-11T00:01:00.002Z"


@pytest.mark.parametrize("if_match", ['"1"', "1", 'W/"1"', "*"])
def test_if_match_with_the_current_version_allows_the_write(
    client: CustomerpClient, if_match: str
) -> None:
    created = client.customer()
    response = client.put(
        f"/customers/{created['id']}", {"name": "B"}, headers={"If-Match": if_match}
    )
    assert response.status_code == 200


def test_if_match_with_a_stale_version_gets_412_and_changes_nothing(
    client: CustomerpClient,
) -> None:
    created = client.customer()
    client.put(f"/customers/{created['id']}", {"name": "B"})
    stale = {"If-Match": '"1"'}
    response = client.put(f"/customers/{created['id']}", {"name": "C"}, headers=stale)
    assert response.status_code == 412
    assert error_of(response)["code"] == "precondition_failed"
    assert client.delete(f"/customers/{created['id']}", headers=stale).status_code == 412
    assert client.get(f"/customers/{created['id']}").json()["name"] == "B"


def test_an_unparsable_if_match_is_400(client: CustomerpClient) -> None:
    created = client.customer()
    response = client.put(f"/customers/{created['id']}", {"name": "B"}, headers={"If-Match": "x"})
    assert response.status_code == 400
    assert error_of(response)["field"] == "If-Match"


def test_delete_removes_the_record(client: CustomerpClient, customerp: CustomerpFake) -> None:
    created = client.customer()
    response = client.delete(f"/customers/{created['id']}")
    assert response.status_code == 204 and response.content == b""
    assert client.get(f"/customers/{created['id']}").status_code == 404
    assert customerp.records("customers") == []


def test_a_customer_with_contacts_cannot_be_deleted_until_they_are(
    client: CustomerpClient,
) -> None:
    customer = client.customer()
    contact = client.created("contacts", {"customer_id": customer["id"], "first_name": "Kari"})
    response = client.delete(f"/customers/{customer['id']}")
    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"
    assert client.delete(f"/contacts/{contact['id']}").status_code == 204
    assert client.delete(f"/customers/{customer['id']}").status_code == 204


def test_moving_a_contact_frees_its_old_customer_for_deletion(client: CustomerpClient) -> None:
    old, new = client.customer("Old"), client.customer("New")
    contact = client.created("contacts", {"customer_id": old["id"]})
    moved = client.put(f"/contacts/{contact['id']}", {"customer_id": new["id"]})
    assert moved.status_code == 200
    assert client.delete(f"/customers/{old['id']}").status_code == 204
    assert client.delete(f"/customers/{new['id']}").status_code == 409


def test_ids_of_the_three_collections_never_collide(client: CustomerpClient) -> None:
    customer = client.customer()
    contact = client.created("contacts", {"customer_id": customer["id"]})
    product = client.created("products", {"sku": "S", "name": "N"})
    assert len({customer["id"], contact["id"], product["id"]}) == 3


def test_every_write_ticks_the_shared_clock_by_one_millisecond(client: CustomerpClient) -> None:
    stamps = [client.customer(f"C{i}")["updated_at"] for i in range(3)]
    assert stamps == [
        "2024-09-11T00:00:00.001Z",
        "2024-09-11T00:00:00.002Z",
        "2024-09-11T00:00:00.003Z",
    ]
