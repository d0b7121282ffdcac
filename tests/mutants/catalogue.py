"""The mutant catalogue: the reference engine with one realistic sync bug injected per factory.

Select one with ``TALKQA_ENGINE=tests.mutants.catalogue:<factory>`` (the repository root on
``PYTHONPATH``). A factory takes an ``EngineConfig`` and returns a broken ``Engine``. Bugs are
injected into the engine instance where its API allows, else by patching a talksync function;
a mutant always runs in its own process (a subprocess suite run), so such a patch never leaks.
``breaks`` lists the checklist items whose scenarios must fail when the suite runs the mutant.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import talksync.creating
import talksync.engine
import talksync.flowsync
import talksync.merge
import talksync.pairs
from talksync.engine import Engine, EngineConfig
from talksync.errors import ApiError, WriteUncertain
from talksync.mapping import FlowMap, PropertyMap
from talksync.state import LinkStore

DOC = "customerp-webcrm"
ORGS, PERSONS, PRODUCTS = (
    f"{DOC}/customer-organisations",
    f"{DOC}/contact-persons",
    f"{DOC}/product-products",
)
MODULE = "tests.mutants.catalogue"
Factory = Callable[[EngineConfig], Engine]


@dataclass(frozen=True)
class Mutant:
    """One injected bug: its name, the bug in one line, and the items it must fail."""

    name: str
    bug: str
    breaks: tuple[str, ...]
    factory: str  # the callable's name in its module
    module: str = MODULE
    volume: bool = False  # only the large-volume scenarios (--volume) kill it

    @property
    def spec(self) -> str:
        """The value of ``TALKQA_ENGINE`` that selects this mutant."""
        return f"{self.module}:{self.factory}"


MUTANTS: list[Mutant] = []


def mutant(name: str, bug: str, *breaks: str) -> Callable[[Factory], Factory]:
    """Register a factory in the catalogue."""

    def register(factory: Factory) -> Factory:
        MUTANTS.append(Mutant(name, bug, breaks, factory.__name__))
        return factory

    return register


def _patch(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
    """Replace ``owner.name`` by ``make(original)``, once per process."""
    saved = f"_mutant_original_{name}"
    if hasattr(owner, saved):
        return
    original = getattr(owner, name)
    setattr(owner, saved, original)
    setattr(owner, name, make(original))


def _rewire(engine: Engine, flow_id: str, change: Callable[[PropertyMap], PropertyMap | None]):
    """Rewrite the property maps of one flow of this engine instance (None drops a row)."""
    flows: list[FlowMap] = []
    for fm in engine.flows:
        if fm.flow_id == flow_id:
            props = tuple(p for p in map(change, fm.properties) if p is not None)
            fm = dataclasses.replace(fm, properties=props)
        flows.append(fm)
    engine.flows = flows
    return engine


# -- mapping ---------------------------------------------------------------------------------
@mutant(
    "dropped-property",
    "the phone -> OrganisationTelephone row is missing from the mapping",
    f"{ORGS}/property/phone--organisationtelephone",
)
def dropped_property(config: EngineConfig) -> Engine:
    return _rewire(Engine(config), ORGS, lambda p: None if p.source == "phone" else p)


@mutant(
    "swapped-properties",
    "first_name and last_name are written to each other's webCRM fields",
    f"{PERSONS}/property/first_name--personfirstname",
    f"{PERSONS}/property/last_name--personlastname",
)
def swapped_properties(config: EngineConfig) -> Engine:
    swap = {"PersonFirstName": "PersonLastName", "PersonLastName": "PersonFirstName"}
    return _rewire(
        Engine(config),
        PERSONS,
        lambda p: dataclasses.replace(p, target=swap.get(p.target, p.target)),
    )


@mutant(
    "float-as-string",
    "prices and quantities are sent to webCRM as JSON strings, not numbers",
    f"{PRODUCTS}/property/unit_price--productprice",
    f"{PRODUCTS}/property/cost_price--productcostprice",
    f"{PRODUCTS}/property/stock_quantity--productquantity",
)
def float_as_string(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def apply_to_target(fm: FlowMap, dto: Any, values: Any) -> dict[str, Any]:
            out = original(fm, dto, values)
            return {k: str(v) if isinstance(v, float) else v for k, v in out.items()}

        return apply_to_target

    _patch(talksync.creating, "apply_to_target", make)
    _patch(talksync.pairs, "apply_to_target", make)
    return Engine(config)


@mutant(
    "wrong-organisation",
    "a Person's PersonOrganisationId is the Contact's customer_id, not translated via the link",
    f"{PERSONS}/property/customer_id--personorganisationid",
    f"{PERSONS}/sync",
)
def wrong_organisation(config: EngineConfig) -> Engine:
    _patch(talksync.flowsync.FlowSync, "resolve", lambda _: lambda self, flow, sid: int(sid))
    _patch(talksync.flowsync.FlowSync, "unresolve", lambda _: lambda self, flow, tid: int(tid))
    return Engine(config)


# -- merge -----------------------------------------------------------------------------------
@mutant(
    "latest-wins-reversed",
    "when both sides changed a property, the OLDER edit wins",
    f"{ORGS}/edit-source",
    f"{ORGS}/edit-target",
)
def latest_wins_reversed(config: EngineConfig) -> Engine:
    _patch(talksync.pairs, "source_is_newer", lambda orig: lambda s, t: not orig(s, t))
    return Engine(config)


@mutant(
    "empty-beats-old",
    "when both sides changed a property and one emptied it, the empty value wins",
    f"{ORGS}/edit-source",
    f"{ORGS}/edit-target",
    f"{PERSONS}/edit-source",
)
def empty_beats_old(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def resolve(s: Any, t: Any, *, source_newer: bool) -> Any:
            if talksync.merge.is_empty(s) or talksync.merge.is_empty(t):
                return None
            return original(s, t, source_newer=source_newer)

        return resolve

    _patch(talksync.merge, "resolve", make)
    return Engine(config)


@mutant(
    "lost-update-on-conflict",
    "when both sides changed, the newer RECORD wins whole, losing the other side's edits",
    f"{ORGS}/edit-source",
    f"{ORGS}/edit-target",
)
def lost_update_on_conflict(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def merge(s_snap: Any, t_snap: Any, s: Any, t: Any, *, source_newer: bool) -> Any:
            s_changed = any(s_snap.get(k) != v for k, v in s.items())
            t_changed = any(t_snap.get(k) != v for k, v in t.items())
            if not (s_snap and t_snap and s_changed and t_changed):
                return original(s_snap, t_snap, s, t, source_newer=source_newer)
            winner = dict(s if source_newer else t)
            return talksync.merge.Merge(
                winner,
                dict(winner),
                {k: v for k, v in winner.items() if s.get(k) != v},
                {k: v for k, v in winner.items() if t.get(k) != v},
            )

        return merge

    _patch(talksync.pairs, "merge", make)
    return Engine(config)


@mutant(
    "echo-loop",
    "every linked pair read in the change window is written again, so its own writes return",
    f"{ORGS}/link",
    f"{PERSONS}/link",
    f"{PRODUCTS}/link",
)
def echo_loop(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def merge(s_snap: Any, t_snap: Any, s: Any, t: Any, *, source_newer: bool) -> Any:
            m = original(s_snap, t_snap, s, t, source_newer=source_newer)
            return dataclasses.replace(m, to_target=dict(m.target))

        return merge

    _patch(talksync.pairs, "merge", make)
    return Engine(config)


# -- writes ----------------------------------------------------------------------------------
@mutant(
    "partial-put",
    "the Customerp PUT carries only the changed fields (and the required ones): the rest is nulled",
    f"{ORGS}/edit-target",
)
def partial_put(config: EngineConfig) -> Engine:
    required = ("name", "customer_id", "sku")

    def make(original: Any) -> Any:
        def apply_to_source(fm: FlowMap, record: Any, values: Any, unresolve: Any) -> Any:
            kept = {k: record[k] for k in required if k in record}
            kept.update({k: record[k] for k in ("id", "version") if k in record})
            return original(fm, kept, values, unresolve)

        return apply_to_source

    _patch(talksync.pairs, "apply_to_source", make)
    return Engine(config)


@mutant(
    "duplicate-on-retry",
    "a bulk create whose answer failed is sent again blindly (no reconcile by origin marker)",
    f"{ORGS}/sync",
    f"{PRODUCTS}/sync",
)
def duplicate_on_retry(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def upsert_isolated(webcrm: Any, collection: str, dtos: Any) -> Any:
            for _ in range(3):
                try:
                    return original(webcrm, collection, dtos)
                except WriteUncertain:
                    continue
            return original(webcrm, collection, dtos)

        return upsert_isolated

    _patch(talksync.creating, "upsert_isolated", make)
    return Engine(config)


@mutant(
    "bad-item-fails-batch",
    "maxLength is not checked and an item webCRM refuses aborts the cycle (no dead letter)",
    f"{ORGS}/property/phone--organisationtelephone",
)
def bad_item_fails_batch(config: EngineConfig) -> Engine:
    def make(original: Any) -> Any:
        def upsert_isolated(webcrm: Any, collection: str, dtos: Any) -> Any:
            answers = original(webcrm, collection, dtos)
            refused = [a for a in answers if a and not a.isdigit()]
            if refused:
                raise ApiError("webcrm", "PATCH", f"/{collection}", 200, refused[0])
            return answers

        return upsert_isolated

    for module in (talksync.creating, talksync.pairs):
        _patch(module, "violations", lambda _: lambda dto: [])
        _patch(module, "upsert_isolated", make)
    return Engine(config)


@mutant(
    "deletes-propagated",
    "an entity deleted on one side is deleted on the other side too (where the API allows it)",
    f"{ORGS}/link",
    f"{PRODUCTS}/link",
)
def deletes_propagated(config: EngineConfig) -> Engine:
    _patch(talksync.engine, "FlowSync", lambda original: _deleting(original))
    return Engine(config)


def _deleting(base: Any) -> Any:
    class DeletingFlowSync(base):  # type: ignore[misc,valid-type]
        def run(self) -> None:
            super().run()
            pair, ctx = self.fm.pair, self.ctx
            sources = {int(r["id"]) for r in ctx.customerp.records(pair.source_collection)}
            targets = {int(d[pair.id_field]) for d in ctx.webcrm.records(pair.target_collection)}
            for source_id, target_id in ctx.store.links(self.fm.flow_id):
                try:
                    if source_id not in sources and pair.target_collection == "Products":
                        ctx.webcrm._request("DELETE", f"/Products/{target_id}")
                    if target_id not in targets:
                        ctx.customerp._request("DELETE", f"/{pair.source_collection}/{source_id}")
                except ApiError:
                    continue

    return DeletingFlowSync


# -- dependencies, retries, toggles ----------------------------------------------------------
@mutant(
    "contact-lost-while-customer-missing",
    "a Contact whose Customer is not linked yet is skipped for good instead of waiting",
    f"{PERSONS}/sync",
)
def contact_lost_while_customer_missing(config: EngineConfig) -> Engine:
    _patch(LinkStore, "set_waiting", lambda _: lambda self, flow, source_id, reason: None)
    return Engine(config)


@mutant(
    "retry-after-ignored",
    "a 429 is retried after a short backoff instead of the Retry-After it carries",
    f"{ORGS}/sync",
)
def retry_after_ignored(config: EngineConfig) -> Engine:
    engine = Engine(config)
    policy = engine.webcrm._retry  # the one retry policy, shared by both clients

    def retry_after(response: Any, attempt: int) -> float:
        return policy.backoff(attempt)

    policy.retry_after = retry_after  # type: ignore[method-assign]
    return engine


@mutant(
    "token-never-renewed",
    "an expired webCRM access token is sent again instead of being refreshed",
    f"{PERSONS}/edit-source",
)
def token_never_renewed(config: EngineConfig) -> Engine:
    engine = Engine(config)
    engine.webcrm._renew = lambda: None  # type: ignore[method-assign]
    return engine


@mutant(
    "share-enabled-ignored",
    "Share Enabled off is ignored: the engine writes into both systems regardless",
    f"{ORGS}/sync",
    f"{ORGS}/edit-target",
)
def share_enabled_ignored(config: EngineConfig) -> Engine:
    return Engine(dataclasses.replace(config, share_enabled={"customerp": True, "webcrm": True}))


@mutant(
    "full-sync-ignored",
    "Full Sync off is ignored: entities created before onboarding propagate too",
    f"{ORGS}/sync",
)
def full_sync_ignored(config: EngineConfig) -> Engine:
    return Engine(dataclasses.replace(config, full_sync=True))


# -- conformance power (issue 12): factories in power.py, their table in power_table.py ------
_SIBLING = __name__.rpartition(".")[0]  # "tests.mutants" in a subprocess, "" under pytest
_table = import_module(f"{_SIBLING}.power_table" if _SIBLING else "power_table")
MUTANTS.extend(
    Mutant(name, bug, breaks, factory, _table.MODULE, volume)
    for name, factory, bug, breaks, volume in _table.POWER
)


def by_name(name: str) -> Mutant:
    """The catalogue entry of that name."""
    return next(m for m in MUTANTS if m.name == name)
