"""Benchmark of the fakes' in-process cost (figures only; nothing here asserts timings).

Run: ``.venv/bin/python benchmarks/bench_fakes.py``. Prints, per case, the median of
several rounds in microseconds or milliseconds per operation:

* a bare ``responses`` callback returning a constant (the floor any in-process fake pays);
* an in-process GET of one Customerp record through the whole fake pipeline
  (goal: at most 3x the bare callback);
* the same GET with 10,000 records stored (the cost must not grow with the records);
* a webCRM ``GET /Organisations?Page=1&Size=1000`` in-process, and the serialisation of
  that page alone (goal: under 20 ms);
* webCRM requests one at a time, in-process, with 1000 organisations stored: ``GET
  /Organisations/{id}``, ``PUT /Organisations/{id}``, ``PATCH /Organisations`` (one item) and the
  engine's ``/Queries`` change filter (goal: each within 1.2x of the figure before issue 14).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable

import requests
import responses

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
)


def per_op(action: Callable[[], object], n: int, rounds: int = 5) -> float:
    """Median seconds per call of ``action`` over ``rounds`` rounds of ``n`` calls."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            action()
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples)


def session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


def bare_callback(n: int) -> float:
    body = b'{"id": 1, "name": "Acme"}'
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(
            "GET",
            re.compile(r"^https://bare\.example\.com/.*"),
            callback=lambda request: (200, {"Content-Type": "application/json"}, body),
        )
        s = session()
        return per_op(lambda: s.get("https://bare.example.com/api/v1/customers/1").content, n)


def customerp_get(n: int, records: int) -> float:
    fake = CustomerpFake(clock=FakeClock())
    for i in range(records):
        fake.store.create("customers", {"name": f"Customer {i}", "address": {"city": "Oslo"}})
    with InProcess(fake):
        s = session()
        s.headers["Authorization"] = f"Bearer {DEFAULT_API_KEY}"
        url = f"{fake.base_url}/customers/{100001 + records // 2}"
        assert s.get(url).status_code == 200
        return per_op(lambda: s.get(url).content, n)


def webcrm_page() -> tuple[float, float]:
    clock = FakeClock()
    fake = WebcrmFake(clock=clock)
    for i in range(1000):
        fake.ui_create(
            "Organisations",
            {"OrganisationName": f"Organisation {i}", "OrganisationCity": "Oslo"},
        )
    store = fake.webcrm_store
    serialise = per_op(
        lambda: store.dto_json("Organisations", store.page("Organisations", 1, 1000)), 20
    )
    with InProcess(fake):
        s = session()
        token = s.post(f"{fake.base_url}/Auth/ApiLogin", data={"authCode": DEFAULT_AUTH_CODE})
        s.headers["Authorization"] = f"Bearer {token.json()['AccessToken']}"
        url = f"{fake.base_url}/Organisations?Page=1&Size=1000"

        assert len(s.get(url).json()) == 1000

        def get_page() -> None:
            assert s.get(url).status_code == 200
            clock.advance(1)  # stay well inside the 250/minute rate limit

        full = per_op(get_page, 10)
    return serialise, full


def webcrm_encode_on_write() -> float:
    """Seconds to encode 1000 organisation DTOs: the cost writes pay so pages only join bytes."""
    fake = WebcrmFake(clock=FakeClock())
    for i in range(1000):
        fake.ui_create("Organisations", {"OrganisationName": f"Organisation {i}"})
    table = fake.webcrm_store.tables["Organisations"]
    rows = list(table.rows.values())

    def encode_all() -> None:
        for row in rows:
            table.put(row)

    return per_op(encode_all, 5)


def webcrm_requests(n: int) -> dict[str, float]:
    """Seconds per in-process webCRM request of the kinds the reference engine sends."""
    clock = FakeClock()
    fake = WebcrmFake(clock=clock)
    fake.rate_limit.limit = 10**9  # measure the fake, not the throttle
    for i in range(1000):
        fake.ui_create("Organisations", {"OrganisationName": f"Organisation {i}"})
    dto = fake.records("Organisations")[499]
    base = fake.base_url
    script = "SELECT * FROM Organisation WHERE OrganisationUpdatedAt >= '2024-09-11T00:00:00.990'"
    with InProcess(fake):
        s = session()
        token = s.post(f"{base}/Auth/ApiLogin", data={"authCode": DEFAULT_AUTH_CODE})
        s.headers["Authorization"] = f"Bearer {token.json()['AccessToken']}"
        calls: dict[str, Callable[[], object]] = {
            "GET /Organisations/{id}": lambda: s.get(f"{base}/Organisations/500").content,
            "PUT /Organisations/{id}": lambda: s.put(f"{base}/Organisations/500", json=dto).content,
            "PATCH /Organisations (1)": lambda: (
                s.patch(f"{base}/Organisations", json=[dto]).content
            ),
            "GET /Queries changed-since": lambda: (
                s.get(f"{base}/Queries", params={"script": script, "Page": 1, "Size": 500}).content
            ),
        }
        for call in calls.values():
            call()
        return {name: per_op(call, n) for name, call in calls.items()}


def main() -> None:
    n = 2000
    bare = bare_callback(n)
    one = customerp_get(n, records=10)
    many = customerp_get(n, records=10_000)
    serialise, full = webcrm_page()
    print(f"bare responses callback (constant):      {bare * 1e6:8.1f} us/request")
    print(
        f"customerp GET one record (10 stored):    {one * 1e6:8.1f} us/request  "
        f"({one / bare:.2f}x bare; goal <= 3x)"
    )
    print(
        f"customerp GET one record (10,000 stored): {many * 1e6:7.1f} us/request  "
        f"({many / bare:.2f}x bare)"
    )
    print(f"webcrm Size=1000 Organisations, serialise: {serialise * 1e3:6.2f} ms  (goal < 20 ms)")
    print(f"webcrm GET Page=1&Size=1000 in-process:    {full * 1e3:6.2f} ms  (whole request)")
    encode = webcrm_encode_on_write()
    print(f"webcrm encode 1000 DTOs (paid on write):   {encode * 1e3:6.2f} ms  (once per change)")
    for name, seconds in webcrm_requests(n // 4).items():
        print(f"webcrm {name + ':':33} {seconds * 1e6:8.1f} us/request  (1000 stored)")


if __name__ == "__main__":
    main()
