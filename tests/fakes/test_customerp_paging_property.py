"""Customerp paging, as a property: any history of writes, any limit, any updated_since."""

from __future__ import annotations

from typing import Any

from customerp_client import CustomerpClient
from hypothesis import given, settings
from hypothesis import strategies as st

from fakes import CustomerpFake, FakeClock, InProcess

# A history step: ("create", seconds to wait first) | ("update" | "delete", index, seconds).
steps = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 5), st.integers(0, 90)),
        st.tuples(st.sampled_from(["update", "delete"]), st.integers(0, 20), st.integers(0, 90)),
    ),
    max_size=25,
)


def replay(client: CustomerpClient, fake: CustomerpFake, history: list[tuple]) -> None:
    live: list[int] = []
    for kind, index, wait in history:
        fake.clock.advance(wait)
        if kind == "create":
            live.append(client.customer(f"C{len(live)}")["id"])
        elif live:
            id = live[index % len(live)]
            if kind == "update":
                client.put(f"/customers/{id}", {"name": "edited"})
            else:
                client.delete(f"/customers/{id}")
                live.remove(id)


def all_pages(client: CustomerpClient, query: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(100):
        body = client.get(f"/customers?{query}&cursor={cursor}").json()
        rows += body["data"]
        if body["next_cursor"] is None:
            return rows
        assert body["data"], "a page with a next cursor must not be empty"
        cursor = body["next_cursor"]
    raise AssertionError("paging did not end")


@settings(max_examples=40, deadline=None)
@given(history=steps, limit=st.integers(1, 6), since_offset=st.integers(-1, 400))
def test_paging_returns_exactly_the_matching_records_in_id_order(
    history: list[tuple], limit: int, since_offset: int
) -> None:
    fake = CustomerpFake(clock=FakeClock())
    with InProcess(fake):
        client = CustomerpClient()
        replay(client, fake, history)
        everything = fake.records("customers")
        assert all_pages(client, f"limit={limit}") == everything
        if since_offset >= 0 and everything:
            stamps = sorted(r["updated_at"] for r in everything)
            since = stamps[min(since_offset, len(stamps) - 1)]
            expected = [r for r in everything if r["updated_at"] >= since]
            got = all_pages(client, f"limit={limit}&updated_since={since}")
            assert got == expected
