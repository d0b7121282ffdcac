"""The naive strategy the engine is compared with: read every Customerp record, then one
webCRM ``POST`` per entity with a plain requests client, waiting out each 429 as told."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import requests

from benchmarks.world import API_KEY, AUTH_CODE, CUSTOMERP_PAGE, World


class NaiveSync:
    """One write request per entity: what a first integration script would do."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.session = requests.Session()
        self.session.trust_env = False
        self.requests = {"customerp": 0, "webcrm": 0}
        self.throttled = 0

    def run(self) -> None:
        cp = self.world.customerp.base_url
        wc = self.world.webcrm.base_url
        token: dict[str, str] = {}
        self._login(token)
        orgs: dict[int, int] = {}
        for c in self._read(f"{cp}/customers"):
            orgs[c["id"]] = self._post(
                f"{wc}/Organisations", token, {"OrganisationName": c["name"]}
            )
        for p in self._read(f"{cp}/contacts"):
            person = {
                "PersonOrganisationId": orgs[p["customer_id"]],
                "PersonFirstName": p["first_name"],
                "PersonLastName": p["last_name"],
            }
            self._post(f"{wc}/Persons", token, person)
        for p in self._read(f"{cp}/products"):
            self._post(f"{wc}/Products", token, {"ProductCombined": p["name"]})

    def _login(self, token: dict[str, str]) -> None:
        """Log in (again when the token of 3600 s has expired) and keep the bearer header."""
        self.requests["webcrm"] += 1
        url = f"{self.world.webcrm.base_url}/Auth/ApiLogin"
        login = self.session.post(url, data={"authCode": AUTH_CODE})
        token["Authorization"] = f"Bearer {login.json()['AccessToken']}"

    def _read(self, url: str) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"limit": CUSTOMERP_PAGE}
        while True:
            self.requests["customerp"] += 1
            body = self.session.get(
                url, params=params, headers={"Authorization": f"Bearer {API_KEY}"}
            ).json()
            yield from body["data"]
            if not body["next_cursor"]:
                return
            params["cursor"] = body["next_cursor"]

    def _post(self, url: str, token: dict[str, str], dto: dict[str, Any]) -> int:
        while True:
            self.requests["webcrm"] += 1
            response = self.session.post(url, json=dto, headers=token)
            if response.status_code == 401:
                self._login(token)
            elif response.status_code == 429:
                self.throttled += 1
                self.world.clock.advance(float(response.headers["Retry-After"]))
            else:
                response.raise_for_status()
                return int(response.json())
