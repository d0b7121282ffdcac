"""The world of the engine integration tests: both fakes on one FakeClock, engines on one
state file, and the flow ids (a module of its own: test modules import it by name)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE, FakeClock
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
            customerp_api_key=DEFAULT_API_KEY,
            webcrm_url=self.webcrm.base_url,
            webcrm_auth_code=DEFAULT_AUTH_CODE,
            state_path=self.state_path,
            **{"checklist": CHECKLIST, "clock": self.clock.now, "sleep": self.sleep, **overrides},
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


MERGE_ON_VAT = """
If a matching Webcrm Organisations already exists, the Customerp Customer will be merged with \
the existing one.
If no matching Webcrm Organisations is found, a new Webcrm Organisations will be created.

A Customerp Customer will merge with a Webcrm Organisations if one of the following property \
combinations match:

.. list-table::
   :header-rows: 1

   * - Customerp Customer Property
     - Webcrm Organisations Property
   * - vat_number
     - OrganisationVatNumber

"""
PHONE_ROW = """   * - phone
     - OrganisationTelephone
     - "string"
"""
PHONE_TO_FAX_ROW = """   * - phone
     - OrganisationFax
     - "string"
"""


LINK_REQUIRED = (
    "Before any synchronization can take place, a link between a Customerp Customer and a "
    "Webcrm Organisations must be established.\n"
)


def supplement_variant(
    folder: Path,
    *,
    merge_on_vat: bool = False,
    phone_to_fax: bool = False,
    link_required: bool = False,
    created_if_connected_to: str | None = None,
):
    """The checklist in force with a supplement changed as a project might change it: a merge
    table on the Customer flow, and/or a second target (OrganisationFax) for ``phone``."""
    text = CHECKLIST[1].read_text(encoding="utf-8")
    statement = "Every Customerp Customer will be synchronized with a Webcrm Organisations.\n"
    if merge_on_vat:
        assert text.count(statement) == 1
        text = text.replace(statement, statement + MERGE_ON_VAT)
    if link_required:  # as businesscentral-tripletex: a merge table, but no "If no matching"
        assert text.count(statement) == 1
        text = text.replace(statement, LINK_REQUIRED)
        text = "\n".join(line for line in text.split("\n") if not line.startswith("If "))
    if created_if_connected_to:
        rule = (
            "A new Webcrm Organisations will be created from a Customerp Customer if it is "
            f"connected to a Customerp {created_if_connected_to} that is synchronized into Webcrm."
        )
        text = text.replace(LINK_REQUIRED, LINK_REQUIRED + "\n" + rule + "\n", 1)
    if phone_to_fax:
        assert text.count(PHONE_ROW) == 1
        text = text.replace(PHONE_ROW, PHONE_ROW + PHONE_TO_FAX_ROW)
    path = folder / "customerp-webcrm.variant.supplement.rst"
    path.write_text(text, encoding="utf-8")
    return [CHECKLIST[0], path]
