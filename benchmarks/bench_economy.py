"""Economy of the reference engine (a benchmark script, not a test): webCRM requests for the
first sync of N customers, 2N contacts and N products against the minimum, then a cycle with
no edits and a cycle after 10 edits, all through the in-process fakes on one FakeClock.

    .venv/bin/python benchmarks/bench_economy.py               # N = 10,000
    .venv/bin/python benchmarks/bench_economy.py --customers 1000
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

from fakes import CustomerpFake, FakeClock, InProcess, WebcrmFake
from talksync import EngineConfig, create_engine

ROOT = Path(__file__).resolve().parents[1]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]
PAGE = 1000


def fill(customerp: CustomerpFake, customers: int) -> None:
    for i in range(customers):
        c = customerp.ui_create(
            "customers",
            {"name": f"Customer {i}", "phone": f"+47 {i:08d}", "address": {"city": "Oslo"}},
        )
        for j in range(2):
            customerp.ui_create(
                "contacts",
                {"customer_id": c["id"], "first_name": f"First{i}.{j}", "last_name": "Last"},
            )
        customerp.ui_create(
            "products", {"sku": f"SKU-{i}", "name": f"Product {i}", "unit_price": 10.0 + i}
        )


def minimum_first_sync(customers: int) -> int:
    """Login, one (empty) page per webCRM collection, bulk writes of 1000."""
    writes = sum(math.ceil(n / PAGE) for n in (customers, 2 * customers, customers))
    return 1 + 3 + writes


def edit_ten(webcrm: WebcrmFake, customerp: CustomerpFake) -> None:
    for c in customerp.records("customers")[:5]:
        customerp.ui_update("customers", c["id"], {"phone": "+47 99999999"})
    for o in webcrm.records("Organisations")[-5:]:
        webcrm.ui_update("Organisations", o["OrganisationId"], {"OrganisationCity": "Bergen"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    args = parser.parse_args()
    clock = FakeClock()
    webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
    started = time.perf_counter()
    fill(customerp, args.customers)
    print(f"filled {args.customers} customers in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, InProcess(webcrm, customerp):
        engine = create_engine(
            EngineConfig(
                customerp_url=customerp.base_url,
                customerp_api_key="cp-test-key",
                webcrm_url=webcrm.base_url,
                webcrm_auth_code="wc-test-auth-code",
                state_path=Path(tmp) / "state.db",
                checklist=CHECKLIST,
                clock=clock.now,
                sleep=clock.advance,
            )
        )
        minimum = minimum_first_sync(args.customers)
        for label, before in (
            ("first sync", None),
            ("no-edit cycle", None),
            ("10-edit cycle", edit_ten),
        ):
            if before is not None:
                before(webcrm, customerp)
            clock.advance(300)  # cycles run every few minutes
            webcrm.clear_journal()
            started = time.perf_counter()
            summary = engine.run_cycle()
            seconds = time.perf_counter() - started
            writes = sum(
                1
                for j in webcrm.journal
                if j["method"] in ("PATCH", "PUT", "POST") and not j["path"].startswith("/Auth/")
            )
            ratio = f" = {summary.requests['webcrm'] / minimum:.2f}x minimum {minimum}"
            print(
                f"{label}: webCRM requests {summary.requests['webcrm']}"
                f"{ratio if label == 'first sync' else ''} (writes {writes}), "
                f"Customerp requests {summary.requests['customerp']}, "
                f"Talk updates {summary.talk_updates}, {seconds:.1f} s"
            )
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
