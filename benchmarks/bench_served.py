"""Throughput of the served fakes over loopback HTTP (figures only; nothing asserts timings).

Run: ``.venv/bin/python -m benchmarks.bench_served [--requests N] [--json PATH]``. Prints
answered requests per second (best of several rounds), CPU microseconds per answered request
(least of the rounds; client and server share the process) and failed calls, for one Customerp
record GET:

* ``keep_alive``: one ``requests`` session, so one HTTP/1.1 connection reused;
* ``new_connection``: a fresh session, so a new TCP connection, per request;
* ``threads_4``: four threads, each with its own keep-alive session;
* ``post_chunked``: a POST whose body is sent with ``Transfer-Encoding: chunked``;
* ``first_sync_seconds``: the engine's first sync of ``--customers`` customers (2N contacts,
  N products) against both fakes served (wall seconds, best of three).

It served to compare the ``http.server`` transport with the werkzeug WSGI one
(README, *Benchmarks*).
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests

from fakes import CustomerpFake, FakeClock, serve_fakes

API_KEY = "bench-key"
ROUNDS = 5


def _session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    s.headers["Authorization"] = f"Bearer {API_KEY}"
    return s


def _best_rate(action: Callable[[], object], n: int, workers: int = 1) -> dict[str, Any]:
    """Best answered requests per second over ``ROUNDS`` rounds of ``n`` calls per worker,
    the least CPU time per answered request (client and server: one process), and how many
    calls failed (an error or a status >= 400) in all rounds."""
    best, cpu, failed = 0.0, float("inf"), [0]
    for _ in range(ROUNDS):
        answered = [0]
        threads = [
            threading.Thread(target=_repeat, args=(action, n, answered, failed))
            for _ in range(workers)
        ]
        started, cpu_started = time.perf_counter(), time.process_time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if answered[0]:
            best = max(best, answered[0] / (time.perf_counter() - started))
            cpu = min(cpu, (time.process_time() - cpu_started) / answered[0])
    cpu_us = round(cpu * 1e6) if cpu != float("inf") else None
    return {"rps": round(best), "cpu_us": cpu_us, "failed": failed[0]}


def _repeat(action: Callable[[], object], n: int, answered: list[int], failed: list[int]) -> None:
    for _ in range(n):
        try:
            action()
        except requests.RequestException:
            failed[0] += 1  # a lost update under threads only makes the count low
        else:
            answered[0] += 1


def _chunks(body: bytes) -> Iterator[bytes]:
    yield body[: len(body) // 2]
    yield body[len(body) // 2 :]


def measure(n: int) -> dict[str, Any]:
    """Requests per second for each way of calling the served Customerp fake."""
    fake = CustomerpFake(clock=FakeClock(), api_key=API_KEY)
    record = fake.store.create("customers", {"name": "Acme", "address": {"city": "Oslo"}})
    body = json.dumps({"name": "Chunked Ltd", "address": {"city": "Bergen"}}).encode()
    with serve_fakes(fake, host="127.0.0.1") as urls:
        url = f"{urls['customerp']}/customers/{record['id']}"
        keep = _session()
        local = threading.local()

        def fresh_connection_get() -> None:
            with _session() as fresh:
                fresh.get(url).raise_for_status()

        def threaded_get() -> None:
            if not hasattr(local, "session"):
                local.session = _session()
            local.session.get(url).raise_for_status()

        def chunked_post() -> None:
            keep.post(
                f"{urls['customerp']}/customers",
                data=_chunks(body),
                headers={"Content-Type": "application/json"},
            ).raise_for_status()

        return {
            "requests_per_round": n,
            "keep_alive": _best_rate(lambda: keep.get(url).raise_for_status(), n),
            "new_connection": _best_rate(fresh_connection_get, n),
            "threads_4": _best_rate(threaded_get, n // 4, workers=4),
            "post_chunked": _best_rate(chunked_post, n),
        }


def first_sync_seconds(customers: int) -> float:
    """Best of three wall times of a served first sync (benchmarks/transport.py)."""
    from benchmarks.transport import first_sync_seconds as timed

    return round(min(timed(customers, served=True) for _ in range(3)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, metavar="N")
    parser.add_argument("--customers", type=int, default=1000, metavar="N")
    parser.add_argument("--json", default=None, metavar="PATH")
    args = parser.parse_args()
    figures = measure(args.requests)
    figures["first_sync_customers"] = args.customers
    figures["first_sync_seconds"] = first_sync_seconds(args.customers)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
