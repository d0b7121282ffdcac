"""The command binding of the engine interface: one sync cycle = one run of a command.

The harness runs the command once per cycle with the settings in environment variables
(``ENVIRONMENT``); exit status 0 means the cycle completed, anything else that it failed; the
command may print one JSON object on its last stdout line (``engine_api.SUMMARY_KEYS``). The
names and meanings here are the ones docs/engine-protocol.md documents; the harness's command
driver writes them and ``talkqa sync --engine-protocol`` reads them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from checklist.systems import KINDS
from talkqa.engine_api import EngineConfig

CUSTOMERP_URL = "CUSTOMERP_URL"
CUSTOMERP_API_KEY = "CUSTOMERP_API_KEY"
WEBCRM_URL = "WEBCRM_URL"
WEBCRM_AUTH_CODE = "WEBCRM_AUTH_CODE"
STATE_DIR = "TALKQA_STATE_DIR"
CHECKLISTS = "TALKQA_CHECKLISTS"
SHARE_ENABLED = {
    "customerp": "TALKQA_SHARE_ENABLED_CUSTOMERP",
    "webcrm": "TALKQA_SHARE_ENABLED_WEBCRM",
}
FULL_SYNC = "TALKQA_FULL_SYNC"
SCOPE_PREFIX = "TALKQA_SCOPE_PREFIX"
CLOCK_URL = "TALKQA_CLOCK_URL"
CYCLE = "TALKQA_CYCLE"

# name -> what it holds (the table of docs/engine-protocol.md)
ENVIRONMENT = {
    CUSTOMERP_URL: "Customerp's API root, e.g. http://127.0.0.1:40123/api/v1",
    CUSTOMERP_API_KEY: "Customerp's API key (a bearer token)",
    WEBCRM_URL: "webCRM's API root, e.g. http://127.0.0.1:40124",
    WEBCRM_AUTH_CODE: "webCRM's auth code for POST /Auth/ApiLogin",
    STATE_DIR: "a folder the engine owns for the scenario: the same for every cycle of it",
    CHECKLISTS: "the dataflow documents in force, separated by the OS path separator",
    SHARE_ENABLED["customerp"]: "Share Enabled for Customerp: true or false",
    SHARE_ENABLED["webcrm"]: "Share Enabled for webCRM: true or false",
    FULL_SYNC: "Full Sync: true or false",
    SCOPE_PREFIX: "optional: see only records whose scope field starts with it",
    CLOCK_URL: "optional: the systems' clock (GET: now; POST advance_seconds: a sleep)",
    CYCLE: "the number of this cycle in the scenario, from 1",
}

# The field of each collection the scope prefix applies to (live test data carries it there).
SCOPE_FIELDS = {kind.collection: kind.scope_field for kind in KINDS}
TRUE, FALSE = "true", "false"
CLOCK_TIMEOUT = 10.0


def flag(value: bool) -> str:
    return TRUE if value else FALSE


def read_flag(env: Mapping[str, str], name: str) -> bool:
    """A protocol boolean (unset: true); ValueError naming the variable otherwise."""
    text = env.get(name, TRUE).strip().lower()
    if text in (TRUE, "1", "yes", "on"):
        return True
    if text in (FALSE, "0", "no", "off"):
        return False
    raise ValueError(f"{name}: expected true or false, got {text!r}")


def environment(
    config: EngineConfig, cycle: int, scope_prefix: str | None, clock_url: str | None
) -> dict[str, str]:
    """The protocol's variables for one run of the command (the harness side)."""
    env = {
        CUSTOMERP_URL: config.customerp_url,
        CUSTOMERP_API_KEY: config.customerp_api_key,
        WEBCRM_URL: config.webcrm_url,
        WEBCRM_AUTH_CODE: config.webcrm_auth_code,
        STATE_DIR: str(config.state_dir),
        CHECKLISTS: os.pathsep.join(str(p) for p in config.checklist),
        FULL_SYNC: flag(config.full_sync),
        CYCLE: str(cycle),
    }
    for system, name in SHARE_ENABLED.items():
        env[name] = flag(config.share_enabled.get(system, True))
    if scope_prefix:
        env[SCOPE_PREFIX] = scope_prefix
    if clock_url:
        env[CLOCK_URL] = clock_url
    return env


@dataclass(frozen=True)
class PrefixScope:
    """``TALKQA_SCOPE_PREFIX`` as a scope: a record is seen when its scope field starts with it."""

    prefix: str

    def __call__(self, collection: str, record: dict[str, Any]) -> bool:
        value = record.get(SCOPE_FIELDS.get(collection, ""))
        return isinstance(value, str) and value.startswith(self.prefix)


class ProtocolClock:
    """``TALKQA_CLOCK_URL``: ``now()`` asks it for the systems' time, ``sleep(s)`` moves it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()
        self.session.trust_env = False

    def _call(self, method: str, body: Any = None) -> datetime:
        response = self.session.request(method, self.url, json=body, timeout=CLOCK_TIMEOUT)
        response.raise_for_status()
        text = str(response.json()["now"])
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    def now(self) -> datetime:
        return self._call("GET")

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._call("POST", {"advance_seconds": seconds})


def checklists_from(env: Mapping[str, str]) -> list[Path] | None:
    """``TALKQA_CHECKLISTS`` as paths (None: unset)."""
    text = env.get(CHECKLISTS, "").strip()
    return [Path(p) for p in text.split(os.pathsep) if p] if text else None
