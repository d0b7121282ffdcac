"""The world of the engine integration tests: both fakes on one FakeClock, engines on one
state file, and the flow ids (a module of its own: test modules import it by name)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakes import FakeClock
from talksync import Engine, EngineConfig, create_engine

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]
ORGS = "customerp-webcrm/customer-organisations"
PERSONS = "customerp-webcrm/contact-persons"
PRODUCTS = "customerp-webcrm/product-products"


@dataclass
class World:
    """The two fakes, their clock, and a way to build engines on one state file."""

    clock: FakeClock
    webcrm: Any
    customerp: Any
    state_path: Path
    engines: list[Engine] = field(default_factory=list)
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(seconds)

    def engine(self, **overrides: Any) -> Engine:
        config = EngineConfig(
            customerp_url=self.customerp.base_url,
            customerp_api_key="cp-test-key",
            webcrm_url=self.webcrm.base_url,
            webcrm_auth_code="wc-test-auth-code",
            state_path=self.state_path,
            checklist=CHECKLIST,
            **{"clock": self.clock.now, "sleep": self.sleep, **overrides},
        )
        engine = create_engine(config)
        self.engines.append(engine)
        return engine

    def cycle(self, engine: Engine, minutes: float = 1.0):
        """Let some time pass (as between scheduled cycles), then run one cycle."""
        self.clock.advance(60 * minutes)
        return engine.run_cycle()

    def customer(self, name: str = "Acme", **fields: Any) -> dict[str, Any]:
        return self.customerp.ui_create("customers", {"name": name, **fields})

    def org_of(self, engine: Engine, customer_id: int) -> dict[str, Any]:
        target = dict(engine.links(ORGS))[customer_id]
        return next(
            o for o in self.webcrm.records("Organisations") if o["OrganisationId"] == target
        )

    def writes(self, fake: Any) -> list[dict[str, Any]]:
        return [
            j for j in fake.journal if j["method"] not in ("GET",) and "/Auth/" not in j["path"]
        ]
