"""Customerp fake: cursor paging, limit bounds and the updated_since filter."""

from __future__ import annotations

from typing import Any

import pytest
from customerp_client import CustomerpClient, error_of

from fakes import CustomerpFake


def pages(client: CustomerpClient, query: str) -> list[dict[str, Any]]:
    """Every page of /customers for the query, following next_cursor."""
    out, cursor = [], None
    while True:
        suffix = f"&cursor={cursor}" if cursor else ""
        response = client.get(f"/customers?{query}{suffix}")
        assert response.status_code == 200, response.text
        out.append(response.json())
        cursor = out[-1]["next_cursor"]
        if cursor is None:
            return out


def test_an_empty_collection_is_one_empty_page(client: CustomerpClient) -> None:
    assert client.get("/customers").json() == {"data": [], "next_cursor": None}


@pytest.mark.parametrize(("count", "limit", "sizes"), [(4, 2, [2, 2]), (5, 2, [2, 2, 1])])
def test_pages_follow_the_cursor_and_end_with_a_null_cursor(
    client: CustomerpClient, count: int, limit: int, sizes: list[int]
) -> None:
    ids = [client.customer(f"C{i}")["id"] for i in range(count)]
    got = pages(client, f"limit={limit}")
    assert [len(p["data"]) for p in got] == sizes
    assert [r["id"] for p in got for r in p["data"]] == ids


def test_the_default_limit_is_100(client: CustomerpClient, customerp: CustomerpFake) -> None:
    for i in range(101):
        customerp.ui_create("customers", {"name": f"C{i}"})
    first = client.get("/customers").json()
    assert len(first["data"]) == 100 and first["next_cursor"] is not None


@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten", "", "1.5"])
def test_a_limit_outside_1_to_500_is_400(client: CustomerpClient, limit: str) -> None:
    response = client.get(f"/customers?limit={limit}")
    assert response.status_code == 400
    assert error_of(response)["field"] == "limit"


@pytest.mark.parametrize("limit", ["1", "500"])
def test_limits_1_and_500_are_accepted(client: CustomerpClient, limit: str) -> None:
    client.customer()
    assert client.get(f"/customers?limit={limit}").status_code == 200


@pytest.mark.parametrize("cursor", ["garbage!", "YWZ0ZXI6eA", "Zm9vOjEy"])
def test_a_forged_cursor_is_400(client: CustomerpClient, cursor: str) -> None:
    response = client.get(f"/customers?cursor={cursor}")
    assert response.status_code == 400
    assert error_of(response)["field"] == "cursor"


def test_an_unknown_query_parameter_is_400_naming_it(client: CustomerpClient) -> None:
    response = client.get("/customers?updatedSince=2024-01-01T00:00:00Z")
    assert response.status_code == 400
    assert error_of(response)["field"] == "updatedSince"


def test_a_record_deleted_between_pages_does_not_break_the_cursor(
    client: CustomerpClient,
) -> None:
    ids = [client.customer(f"C{i}")["id"] for i in range(4)]
    first = client.get("/customers?limit=2").json()
    client.delete(f"/customers/{ids[1]}")
    client.delete(f"/customers/{ids[2]}")
    second = client.get(f"/customers?limit=2&cursor={first['next_cursor']}").json()
    assert [r["id"] for r in second["data"]] == [ids[3]]
    assert second["next_cursor"] is None


def test_updated_since_is_inclusive_and_keeps_later_updates(
    client: CustomerpClient, customerp: CustomerpFake
) -> None:
    old = client.customer("Old")
    customerp.clock.advance(3600)
    new = client.customer("New")
    client.put(f"/customers/{old['id']}", {"name": "Old, edited"})
    since = new["updated_at"]
    got = client.get(f"/customers?updated_since={since}").json()["data"]
    assert [r["name"] for r in got] == ["Old, edited", "New"]
    later = client.get("/customers?updated_since=2024-09-11T01:00:00.003Z").json()["data"]
    assert [r["name"] for r in later] == ["Old, edited"]


def test_updated_since_accepts_offsets_and_rounds_sub_milliseconds_up(
    client: CustomerpClient,
) -> None:
    client.customer()  # stamped 00:00:00.001Z
    assert client.get("/customers?updated_since=2024-09-11T02:00:00.001%2B02:00").json()["data"]
    assert not client.get("/customers?updated_since=2024-09-11T00:00:00.0011Z").json()["data"]


def test_updated_since_combines_with_paging(
    client: CustomerpClient, customerp: CustomerpFake
) -> None:
    ids = [client.customer(f"C{i}")["id"] for i in range(6)]
    customerp.clock.advance(10)
    for id in ids[::2]:
        client.put(f"/customers/{id}", {"name": "edited"})
    got = pages(client, "limit=2&updated_since=2024-09-11T00:00:05Z")
    assert [r["id"] for p in got for r in p["data"]] == ids[::2]
    assert [len(p["data"]) for p in got] == [2, 1]


def test_a_bad_updated_since_is_400(client: CustomerpClient) -> None:
    response = client.get("/customers?updated_since=yesterday")
    assert response.status_code == 400
    assert error_of(response)["field"] == "updated_since"
