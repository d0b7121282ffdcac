"""A minimal sync engine written from docs/engine-protocol.md alone, runnable in both bindings.

It synchronizes only Customer names to webCRM Organisations (one flow, one property), so it
passes the "exactly one Organisation per Customer" scenarios and fails the rest, item by item.

* command binding: ``--engine-command "python docs/examples/minimal_engine.py"``
* Python binding: ``TALKQA_ENGINE=docs.examples.minimal_engine:create_engine`` (repository
  root on ``PYTHONPATH``)
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import requests

FLOW = "customerp-webcrm/customer-organisations"
COUNTS = ("created", "updated", "unchanged", "waiting", "dead_lettered")


@dataclass
class Summary:
    flows: dict[str, Any]
    requests: dict[str, int] = field(default_factory=lambda: {"customerp": 0, "webcrm": 0})
    talk_updates: int = 0


class MinimalEngine:
    def __init__(self, config: Any) -> None:
        self.config = config
        self.state = sqlite3.connect(str(config.state_path))
        self.state.execute("CREATE TABLE IF NOT EXISTS links (source INTEGER, target INTEGER)")
        self.updates = 0

    def run_cycle(self) -> Summary:
        cfg = self.config
        customerp = requests.Session()
        customerp.headers["Authorization"] = f"Bearer {cfg.customerp_api_key}"
        webcrm = requests.Session()
        login = webcrm.post(
            cfg.webcrm_url + "/Auth/ApiLogin", data={"authCode": cfg.webcrm_auth_code}
        )
        login.raise_for_status()
        webcrm.headers["Authorization"] = f"Bearer {login.json()['AccessToken']}"
        answer = customerp.get(cfg.customerp_url + "/customers", params={"limit": 500})
        answer.raise_for_status()
        linked = {source for (source,) in self.state.execute("SELECT source FROM links")}
        created = 0
        for customer in answer.json()["data"]:
            if customer["id"] in linked or not cfg.share_enabled.get("webcrm", True):
                continue
            made = webcrm.post(
                cfg.webcrm_url + "/Organisations", json={"OrganisationName": customer["name"]}
            )
            made.raise_for_status()
            self.state.execute("INSERT INTO links VALUES (?, ?)", (customer["id"], made.json()))
            self.state.commit()
            created += 1
        self.updates += created
        counts = dict.fromkeys(COUNTS, 0) | {"created": created}
        return Summary({FLOW: SimpleNamespace(**counts)}, talk_updates=created)

    def links(self, flow_id: str) -> list[tuple[int, int]]:
        if flow_id != FLOW:
            return []
        return [(s, t) for s, t in self.state.execute("SELECT source, target FROM links")]

    def dead_letters(self) -> list[tuple[str, str, int, str]]:
        return []

    def talk_updates(self) -> int:
        return self.updates

    def close(self) -> None:
        self.state.close()


def create_engine(config: Any) -> MinimalEngine:
    """The Python binding's factory."""
    return MinimalEngine(config)


def main() -> int:
    """The command binding: one cycle, settings from the environment, one JSON line."""
    env = os.environ
    config = SimpleNamespace(
        customerp_url=env["CUSTOMERP_URL"],
        customerp_api_key=env["CUSTOMERP_API_KEY"],
        webcrm_url=env["WEBCRM_URL"],
        webcrm_auth_code=env["WEBCRM_AUTH_CODE"],
        state_path=Path(env["TALKQA_STATE_DIR"]) / "minimal.sqlite",
        share_enabled={"webcrm": env.get("TALKQA_SHARE_ENABLED_WEBCRM", "true") == "true"},
    )
    engine = create_engine(config)
    try:
        summary = engine.run_cycle()
    except requests.RequestException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        links = engine.links(FLOW)
        engine.close()
    print(
        json.dumps(
            {
                "flows": {flow: vars(counts) for flow, counts in summary.flows.items()},
                "talk_updates": summary.talk_updates,
                "links": {FLOW: links},
                "dead_letters": [],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
