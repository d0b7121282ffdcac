"""The reference sync engine: Sesam Talk's behaviour between Customerp and webCRM, one cycle
at a time, with its state in SQLite (see DESIGN.md section 4)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from checklist.slugs import flow_id
from talksync.clients import CustomerpClient, WebcrmClient
from talksync.clock import (
    Clock,
    Sleeper,
    format_customerp,
    parse_timestamp,
    system_clock,
    system_sleep,
)
from talksync.context import CycleContext, FlowCounts, Hook, Progress, no_hook
from talksync.errors import ConfigError
from talksync.flowsync import FlowSync
from talksync.mapping import FlowMap, flow_map, order_flows
from talksync.reading import Scope, marker_key
from talksync.retry import RetryPolicy
from talksync.state import LinkStore


def _both_shared() -> dict[str, bool]:
    return {"customerp": True, "webcrm": True}


class Settings(Protocol):
    """What a caller must hand the engine: the fields of the harness's engine interface
    (documented in docs/engine-protocol.md; this engine imports nothing of the harness)."""

    @property
    def customerp_url(self) -> str: ...
    @property
    def customerp_api_key(self) -> str: ...
    @property
    def webcrm_url(self) -> str: ...
    @property
    def webcrm_auth_code(self) -> str: ...
    @property
    def state_path(self) -> Path: ...
    @property
    def checklist(self) -> Sequence[Path]: ...
    @property
    def share_enabled(self) -> Mapping[str, bool]: ...
    @property
    def full_sync(self) -> bool: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def sleep(self) -> Sleeper: ...
    @property
    def scope(self) -> Scope: ...


@dataclass
class EngineConfig:
    """Everything an engine needs. Credentials are kept out of the repr.

    The interface's fields first; the rest tunes this engine (tests, the command line).
    """

    customerp_url: str
    customerp_api_key: str = field(repr=False)
    webcrm_url: str
    webcrm_auth_code: str = field(repr=False)
    state_path: Path
    checklist: list[Path]
    share_enabled: dict[str, bool] = field(default_factory=_both_shared)
    full_sync: bool = True
    clock: Clock = system_clock
    sleep: Sleeper = system_sleep
    overlap_seconds: float = 1.0  # change filters start this much before the previous read
    jitter_seed: int | None = 0  # seeds the retry jitter (None: from the OS, for production)
    hook: Hook = no_hook  # called at each write boundary (context.WRITE_BOUNDARIES)
    progress: Progress | None = None
    # (collection, record) -> True when the record is in scope; None (the default): every
    # record. Out-of-scope records in either system are ignored: never read as changes,
    # linked, created, written or matched by merge criteria (e.g. live test data only).
    scope: Scope = None

    @classmethod
    def adopt(cls, settings: Settings) -> EngineConfig:
        """This engine's config from any object with the interface's fields (its own: as is)."""
        if isinstance(settings, cls):
            return settings
        names = [f.name for f in dataclasses.fields(cls)]
        given = {name: getattr(settings, name) for name in names if hasattr(settings, name)}
        given["checklist"] = list(given["checklist"])
        given["share_enabled"] = dict(given.get("share_enabled") or _both_shared())
        return cls(**given)


class DeadLetter(NamedTuple):
    """An entity this engine will never write, and why."""

    flow: str
    side: str  # "source" (Customerp) or "target" (webCRM)
    entity_id: int
    reason: str


@dataclass
class CycleSummary:
    """What one cycle did: per flow, requests per system, and Talk updates (billed saves)."""

    flows: dict[str, FlowCounts]
    requests: dict[str, int]
    talk_updates: int

    @property
    def dead_lettered(self) -> int:
        return sum(c.dead_lettered for c in self.flows.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "flows": {flow_id: asdict(c) for flow_id, c in self.flows.items()},
            "requests": dict(self.requests),
            "talk_updates": self.talk_updates,
        }


class Engine:
    """Runs sync cycles for the flows of the checklist in force."""

    def __init__(self, config: Settings, *, load: Callable[[list[Path]], Any] | None = None):
        config = EngineConfig.adopt(config)
        if str(config.state_path) == ":memory:":
            raise ConfigError("state_path must be a file (an in-memory state is not crash safe)")
        self.config = config
        self.flows = _flow_maps(config.checklist, load)
        retry = RetryPolicy(
            sleep=config.sleep, clock=config.clock, rng=random.Random(config.jitter_seed)
        )
        self.customerp = CustomerpClient(config.customerp_url, config.customerp_api_key, retry)
        self.webcrm = WebcrmClient(config.webcrm_url, config.webcrm_auth_code, retry, config.clock)
        self.store = LinkStore(Path(config.state_path))
        try:
            self.store.claim(",".join(sorted({fm.flow_id.split("/")[0] for fm in self.flows})))
        except ConfigError:
            self.store.close()
            raise

    def __repr__(self) -> str:
        return f"Engine(state_path={str(self.config.state_path)!r}, flows={len(self.flows)})"

    def close(self) -> None:
        self.store.close()

    def run_cycle(self) -> CycleSummary:
        """One cycle: every flow in dependency order (organisations before persons)."""
        self._full_sync_turned_on()
        ctx = self._context()
        before = {"customerp": self.customerp.requests, "webcrm": self.webcrm.requests}
        for fm in self.flows:
            FlowSync(fm, ctx).run()
        return CycleSummary(
            flows={fm.flow_id: ctx.counts.get(fm.flow_id, FlowCounts()) for fm in self.flows},
            requests={
                "customerp": self.customerp.requests - before["customerp"],
                "webcrm": self.webcrm.requests - before["webcrm"],
            },
            talk_updates=ctx.talk_updates,
        )

    def links(self, flow_id: str) -> list[tuple[int, int]]:
        """(source id, target id) of every link of a flow."""
        return self.store.links(flow_id)

    def dead_letters(self) -> list[DeadLetter]:
        """(flow id, "source"|"target", id of the entity not written, reason)."""
        return [DeadLetter(*letter) for letter in self.store.dead_letters()]

    def talk_updates(self) -> int:
        """Talk updates (billed saves) over all cycles."""
        return int(self.store.meta("talk_updates") or 0)

    def _context(self) -> CycleContext:
        cfg = self.config
        return CycleContext(
            store=self.store,
            customerp=self.customerp,
            webcrm=self.webcrm,
            clock=cfg.clock,
            share_source=cfg.share_enabled.get("customerp", True),
            share_target=cfg.share_enabled.get("webcrm", True),
            full_sync=cfg.full_sync,
            onboarded=self._onboarded(),
            overlap=timedelta(seconds=cfg.overlap_seconds),
            hook=cfg.hook,
            progress=cfg.progress,
            scope=cfg.scope,
        )

    def _full_sync_turned_on(self) -> None:
        """Full Sync turned on after cycles without it: the data from before onboarding was
        never read, so every flow reads everything once (links keep it from duplicating)."""
        now = "on" if self.config.full_sync else "off"
        before = self.store.meta("full_sync")
        if before == now:
            return
        with self.store.transaction():
            if before == "off":
                for fm in self.flows:
                    for side in ("source", "target"):
                        self.store.set_meta(marker_key(fm.flow_id, side), "")
            self.store.set_meta("full_sync", now)

    def _onboarded(self) -> datetime:
        """When the first cycle started (Full Sync off propagates only what came after)."""
        stored = parse_timestamp(self.store.meta("onboarded"))
        if stored is not None:
            return stored
        now = self.config.clock()
        with self.store.transaction():
            self.store.set_meta("onboarded", format_customerp(now))
        return now


def _flow_maps(paths: list[Path], load: Callable[[list[Path]], Any] | None) -> list[FlowMap]:
    """The flows of the checklist in force, with rows of all its documents, in order."""
    if load is None:
        from checklist import load_checklist

        load = load_checklist
    checklist = load([Path(p) for p in paths])
    maps = []
    for doc_slug, flow_slug in dict.fromkeys(
        (doc.slug, fl.slug) for doc in checklist.documents for fl in doc.flows
    ):
        maps.append(flow_map(doc_slug, checklist.flow(flow_id(doc_slug, flow_slug))))
    if not maps:
        raise ConfigError("the checklist in force declares no flow")
    return order_flows(maps)
