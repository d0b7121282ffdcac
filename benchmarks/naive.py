"""The naive strategy the engine is compared with: read every Customerp record, then one
webCRM ``POST`` per entity with the harness's plain clients, waiting out each 429 as told."""

from __future__ import annotations

from benchmarks.world import World
from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE
from talkqa.apis import CustomerpApi, WebcrmApi


class NaiveSync:
    """One write request per entity: what a first integration script would do."""

    def __init__(self, world: World) -> None:
        self.world = world
        sleep = world.clock.advance  # the fakes' clock: a Retry-After is waited out at once
        self.customerp = CustomerpApi(world.customerp.base_url, DEFAULT_API_KEY, sleep)
        self.webcrm = WebcrmApi(world.webcrm.base_url, DEFAULT_AUTH_CODE, sleep)

    @property
    def requests(self) -> dict[str, int]:
        return {"customerp": self.customerp.http.requests, "webcrm": self.webcrm.http.requests}

    @property
    def throttled(self) -> int:
        return self.webcrm.http.throttled

    def run(self) -> None:
        orgs: dict[int, int] = {}
        for c in self.customerp.all_records("customers"):
            orgs[c["id"]] = self.webcrm.create("Organisations", {"OrganisationName": c["name"]})
        for p in self.customerp.all_records("contacts"):
            person = {
                "PersonOrganisationId": orgs[p["customer_id"]],
                "PersonFirstName": p["first_name"],
                "PersonLastName": p["last_name"],
            }
            self.webcrm.create("Persons", person)
        for p in self.customerp.all_records("products"):
            self.webcrm.create("Products", {"ProductCombined": p["name"]})
