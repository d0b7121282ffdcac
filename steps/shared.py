"""Served fakes shared with an external engine (``--target=served --sync=external``).

The engine outside the run keeps its own state from scenario to scenario, so the fakes are
never reset and their clock is never frozen (its waits are real); like a live run, each
scenario works on its own test data (the run prefix, ``steps.live.Scope``), while faults, the
clock and the journal still go through the fakes' control plane.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from steps.live import LiveRun, Scope
from steps.targets import Endpoints, Systems
from talkqa.apis import RemoteFake


def shared_systems(endpoints: Endpoints, scope: Scope) -> Systems:
    """The served fakes shared with an external engine (``--sync=external``): never reset and
    never frozen (the engine's own state and waits span the run); each scenario sees only its
    test data (``scope``), with its journal and fault plan emptied."""
    customerp, webcrm = RemoteFake(endpoints.customerp_url), RemoteFake(endpoints.webcrm_url)
    for fake in (customerp, webcrm):
        fake.clear_journal()
        fake.faults.clear()
    scoped = (ScopedFake(customerp, scope), ScopedFake(webcrm, scope))
    return Systems(*scoped, customerp.clock(), endpoints, scope=scope)


class ScopedFake:
    """A served fake seen through one scenario's scope: ``records`` holds its test data only."""

    def __init__(self, fake: RemoteFake, scope: Scope) -> None:
        self.fake = fake
        self.scope = scope
        self.faults = fake.faults
        self.base_url = fake.base_url

    def records(self, collection: str) -> list[dict[str, Any]]:
        return [r for r in self.fake.records(collection) if self.scope.owns(collection, r)]

    def __getattr__(self, name: str) -> Any:  # ui_create, ui_update, journal, ...
        return getattr(self.fake, name)


class ControlPlaneView:
    """A served fake's records through its control plane, for the run's barrier marker: the
    steps' own reads and edits stay out of the journal and out of the way of injected faults."""

    def __init__(self, fake: RemoteFake) -> None:
        self.fake = fake

    def all_records(self, collection: str) -> Iterator[dict[str, Any]]:
        return iter(self.fake.records(collection))

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return self.fake.ui_create(collection, fields)

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        return self.fake.ui_update(collection, id, fields)


def shared_run(endpoints: Endpoints, folder: Path) -> LiveRun:
    """A run on served fakes shared with an external engine: its prefix and barrier marker."""
    views = [ControlPlaneView(RemoteFake(url)) for url in (endpoints.customerp_url,
                                                            endpoints.webcrm_url)]  # fmt: skip
    return LiveRun(views[0], views[1], folder, secrets.token_hex(4))  # type: ignore[arg-type]
