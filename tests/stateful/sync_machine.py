"""A hypothesis state machine over both fakes and the engine: people create, edit and delete
customers, contacts and products in either system's UI, faults are injected, sync cycles run;
a plain model (sync_model) predicts the converged state, and invariants are checked after
every step."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sync_faults import WRITE_METHODS, commit_then_fail, fault_rules, faulted, writes
from sync_model import (
    KINDS,
    ORG,
    PERSON,
    PRODUCT,
    Kind,
    Lone,
    Pair,
    SyncModel,
    canonical,
    source_values,
    target_values,
)
from sync_world import Systems

TEXT = st.sampled_from(["Nordlys", "Fjordblikk", "Ærøskøbing", "Tromsø", "Kari Nordmann"])
MAYBE = st.one_of(st.none(), TEXT)
AMOUNTS = st.sampled_from([None, 0.0, 3, 19.5, 259.5, 1000.25])  # JSON int or float
ANSWER_LOST = st.sampled_from([500, None])  # a 5xx answer, or the connection dropped
SOURCE_KINDS = {"customer": ORG, "contact": PERSON, "product": PRODUCT}


class SyncMachine(RuleBasedStateMachine):
    """The system under test (``systems``) is given, so the same machine runs in-process and
    against served fakes: ``run_state_machine_as_test(lambda: SyncMachine(systems))``."""

    def __init__(self, systems: Systems) -> None:
        super().__init__()
        self.systems = systems
        self.engine = systems.engine(systems.fresh())
        self.model = SyncModel()
        self.skus = itertools.count(1)  # Customerp refuses a second product with a used sku
        self.quiet = False  # no UI write since the last completed cycle

    def teardown(self) -> None:
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()

    # -- people in the two UIs -------------------------------------------------------------
    @initialize(data=st.data(), customers=st.integers(1, 3))
    def onboard(self, data: st.DataObject, customers: int) -> None:
        """Some customers, each with a contact, and products, synchronized once."""
        for _ in range(customers):
            customer = self._create_source(data, ORG)
            self._create_source(data, PERSON, customer)
            self._create_source(data, PRODUCT)
        self.run_cycle()

    @rule(data=st.data(), what=st.sampled_from([*SOURCE_KINDS, "organisation", "webcrm product"]))
    def create(self, data: st.DataObject, what: str) -> None:
        """A customer, contact or product created in Customerp, or an organisation or product
        in webCRM (those have no Customerp twin and stay alone)."""
        if what in SOURCE_KINDS:
            self._create_in_customerp(data, SOURCE_KINDS[what])
            return
        self.quiet = False
        kind = ORG if what == "organisation" else PRODUCT
        values = {path: self._draw_value(data, kind, path) for path in kind.paths}
        dto = self.systems.webcrm.ui_create(kind.target, self._target_fields(kind, values))
        self.model.lones.append(Lone(kind, dto[kind.id_field], target_values(kind, dto)))

    @rule(data=st.data(), system=st.sampled_from(["customerp", "webcrm"]))
    def edit(self, data: st.DataObject, system: str) -> None:
        """A person changes one property of a record in that system's UI."""
        if system == "customerp":
            sources = [p for p in self.model.pairs if not p.source_deleted]
            if sources:
                self._edit_source(data, data.draw(st.sampled_from(sources)))
            return
        targets: list[Pair | Lone] = [*self._editable_targets()]
        targets += [lone for lone in self.model.lones if not lone.deleted]
        if targets:
            self._edit_target(data, data.draw(st.sampled_from(targets)))

    @rule(data=st.data(), target_first=st.booleans())
    def edit_in_both_systems(self, data: st.DataObject, target_first: bool) -> None:
        """The same property of a linked pair edited in both systems (latest wins, old beats
        empty)."""
        pairs = [p for p in self._editable_targets() if not p.source_deleted]
        if not pairs:
            return
        pair = data.draw(st.sampled_from(pairs))
        path = data.draw(st.sampled_from(pair.kind.paths))
        self.systems.tally["edits in both systems"] += 1
        if target_first:
            self._edit_target(data, pair, path)
            self._edit_source(data, pair, path)
        else:
            self._edit_source(data, pair, path)
            self._edit_target(data, pair, path)

    @rule(data=st.data(), system=st.sampled_from(["customerp", "webcrm"]))
    def delete(self, data: st.DataObject, system: str) -> None:
        """A person deletes a record in that system's UI (never propagated)."""
        if system == "customerp":
            pairs = self._deletable_sources()
            if pairs:
                pair = data.draw(st.sampled_from(pairs))
                self.quiet = False
                self.systems.customerp.ui_delete(pair.kind.source, pair.source_id)
                pair.source_deleted = True
                self.systems.tally[f"deletes of {pair.kind.source}"] += 1
            return
        targets: list[Pair | Lone] = [*self._deletable_targets()]
        targets += [lone for lone in self.model.lones if not lone.deleted]
        if targets:
            chosen = data.draw(st.sampled_from(targets))
            self.quiet = False
            assert chosen.target_id is not None
            self.systems.webcrm.ui_delete(chosen.kind.target, chosen.target_id)
            if isinstance(chosen, Lone):
                chosen.deleted = True
            else:
                chosen.target_deleted = True
                self.systems.tally[f"deletes of {chosen.kind.target}"] += 1

    # -- faults, time, cycles --------------------------------------------------------------
    @rule(fault=fault_rules())
    def inject_fault(self, fault: tuple[str, dict[str, Any]]) -> None:
        system, rule_ = fault
        fake = self.systems.fake(system)
        fake.faults.clear()  # one rule per system and cycle: stacked rules could outlast any
        fake.faults.add(rule_)  # retry budget, and a cycle must ride out what is injected
        self.systems.tally[f"faults {rule_['action']}"] += 1

    @rule(seconds=st.sampled_from([1.0, 61.0, 3601.0, 7300.0]))
    def time_passes(self, seconds: float) -> None:
        """Over 3600 s every webCRM access token issued so far has expired."""
        self.systems.clock.advance(seconds)
        if seconds > 3600:
            self.systems.tally["token expiries"] += 1

    @rule(data=st.data(), what=st.sampled_from(list(SOURCE_KINDS)), status=ANSWER_LOST)
    def create_through_commit_then_fail(self, data: st.DataObject, what: str, status: Any) -> None:
        """A record created in Customerp whose webCRM insert is committed, then answered with a
        5xx or a dropped connection: the engine must link what was created, not create it
        again. Pending edits are synced first, so the create is the collection's only write; the
        fault waits on every write method (POST, PUT, PATCH), whichever the engine creates with."""
        if not self.quiet:
            self.run_cycle()
        pair = self._create_in_customerp(data, SOURCE_KINDS[what])
        webcrm = self.systems.webcrm
        webcrm.faults.clear()
        path = f"/{pair.kind.target}"
        for method in WRITE_METHODS:
            webcrm.faults.add({**commit_then_fail(method, f"{path}*", status), "times": 1})
        self.run_cycle()
        webcrm.faults.clear()  # the rules the engine's path did not meet must not linger
        if any(j["path"].startswith(path) and faulted(j) for j in writes(webcrm)):
            self.systems.tally["creates through commit-then-fail"] += 1

    @rule()
    def run_cycle(self) -> None:
        """A cycle with transient faults must still complete and converge."""
        self.systems.clock.advance(60)
        fakes = (self.systems.webcrm, self.systems.customerp)
        for fake in fakes:
            fake.clear_journal()
        self.engine.run_cycle()
        self.systems.tally["cycles"] += 1
        if any(faulted(j) for fake in fakes for j in fake.journal):
            self.systems.tally["cycles that rode out faults"] += 1
        if self.quiet:  # nothing changed since the last cycle: no echo of its own writes
            for fake in fakes:
                assert not writes(fake), f"{fake.name}: a quiet cycle wrote {writes(fake)}"
        self.quiet = True
        for fake in fakes:
            fake.faults.clear()
        for pair in self.model.converge():
            pair.target_id = dict(self.engine.links(pair.kind.flow_id)).get(pair.source_id)
            assert pair.target_id is not None, f"{pair.kind.source} {pair.source_id} not linked"
        self._check_values()

    # -- invariants ------------------------------------------------------------------------
    @invariant()
    def links_are_one_to_one_and_as_modelled(self) -> None:
        for kind in KINDS:
            links = self.engine.links(kind.flow_id)
            sources, targets = [s for s, _ in links], [t for _, t in links]
            assert len(set(sources)) == len(links) and len(set(targets)) == len(links), links
            expected = {(p.source_id, p.target_id) for p in self.model.of(kind) if p.linked}
            assert set(links) == expected, f"{kind.flow_id}: links {links} != {expected}"

    @invariant()
    def nothing_duplicated_nothing_lost_no_delete_propagated(self) -> None:
        for (system, collection), count in self.model.expected_counts().items():
            held = self.systems.fake(system).records(collection)
            assert len(held) == count, f"{system} {collection}: {len(held)} records, not {count}"
        for kind in KINDS:
            held_sources = {r["id"] for r in self.systems.customerp.records(kind.source)}
            held_targets = {d[kind.id_field] for d in self.systems.webcrm.records(kind.target)}
            for p in self.model.of(kind):
                assert p.source_deleted or p.source_id in held_sources, f"lost {p}"
                assert not p.linked or p.target_deleted or p.target_id in held_targets, f"lost {p}"

    # -- helpers ---------------------------------------------------------------------------
    def _create_in_customerp(self, data: st.DataObject, kind: Kind) -> Pair:
        customers = [p for p in self.model.of(ORG) if p.intact]
        if kind is PERSON and not customers:
            kind = ORG
        customer = data.draw(st.sampled_from(customers)) if kind is PERSON else None
        return self._create_source(data, kind, customer)

    def _create_source(self, data: st.DataObject, kind: Kind, customer: Pair | None = None) -> Pair:
        self.quiet = False
        fields: dict[str, Any] = {}
        for path in kind.paths:
            _nest(fields, path, self._draw_value(data, kind, path))
        if customer is not None:
            fields["customer_id"] = customer.source_id
        record = self.systems.customerp.ui_create(kind.source, fields)
        pair = Pair(kind, record["id"], source_values(kind, record), customer=customer)
        self.model.pairs.append(pair)
        return pair

    def _edit_source(self, data: st.DataObject, pair: Pair, path: str | None = None) -> None:
        self.quiet = False
        path = path or data.draw(st.sampled_from(pair.kind.paths))
        value = self._draw_value(data, pair.kind, path)
        self.systems.customerp.ui_update(pair.kind.source, pair.source_id, _nest({}, path, value))
        pair.source[path] = canonical(pair.kind, path, value)
        pair.source_touched = self.systems.clock.now()

    def _edit_target(
        self, data: st.DataObject, chosen: Pair | Lone, path: str | None = None
    ) -> None:
        self.quiet = False
        kind = chosen.kind
        path = path or data.draw(st.sampled_from(kind.paths))
        value = self._draw_value(data, kind, path)
        assert chosen.target_id is not None and chosen.target is not None
        self.systems.webcrm.ui_update(
            kind.target, chosen.target_id, self._target_fields(kind, {path: value})
        )
        chosen.target[path] = kind.held_in_target(path, canonical(kind, path, value))
        if isinstance(chosen, Pair):
            chosen.target_touched = self.systems.clock.now()

    def _draw_value(self, data: st.DataObject, kind: Kind, path: str) -> Any:
        """A value a person types: skus stay unique, required fields are never emptied."""
        if path == "sku":
            return f"SKU-{next(self.skus)}"
        label = f"{kind.source}.{path}"
        if path in kind.floats:
            return data.draw(AMOUNTS, label=label)
        return data.draw(TEXT if path in kind.required else MAYBE, label=label)

    @staticmethod
    def _target_fields(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
        """webCRM's UI: an emptied text field is "", an emptied number is left to webCRM."""
        return {
            kind.target_field(path): value if path in kind.floats else value or ""
            for path, value in values.items()
        }

    def _editable_targets(self) -> list[Pair]:
        return [p for p in self.model.pairs if p.linked and not p.target_deleted]

    def _deletable_sources(self) -> list[Pair]:
        """Customerp refuses to delete a customer that still has contacts."""
        return [
            p
            for p in self.model.pairs
            if not p.source_deleted
            and not any(not c.source_deleted for c in self.model.contacts_of(p))
        ]

    def _deletable_targets(self) -> list[Pair]:
        """Organisations with Persons are left alone (webCRM's UI deletes those with them)."""
        return [p for p in self._editable_targets() if not self.model.contacts_of(p)]

    def _check_values(self) -> None:
        """After a completed cycle each system holds the model's values (numbers as numbers)."""
        for kind in KINDS:
            sources = {r["id"]: r for r in self.systems.customerp.records(kind.source)}
            targets = {d[kind.id_field]: d for d in self.systems.webcrm.records(kind.target)}
            for p in self.model.of(kind):
                if not p.source_deleted:
                    assert p.source_id in sources, f"lost in Customerp: {p}"
                    _check_held(kind, p, sources[p.source_id], p.source, in_webcrm=False)
                if p.linked and not p.target_deleted:
                    assert p.target_id in targets, f"lost in webCRM: {p}"
                    dto = targets[p.target_id]
                    _check_held(kind, p, dto, p.target, in_webcrm=True)
                    if p.customer is not None:
                        assert dto["PersonOrganisationId"] == p.customer.target_id, (p, dto)
            for lone in self.model.lones:
                if lone.kind is kind and not lone.deleted:
                    _check_held(kind, lone, targets[lone.target_id], lone.target, in_webcrm=True)


def _check_held(
    kind: Kind, what: Any, record: dict[str, Any], expected: Any, *, in_webcrm: bool
) -> None:
    """One record holds the expected values, numbers as JSON numbers: webCRM's float fields
    hold floats, Customerp holds a number or null."""
    read = target_values if in_webcrm else source_values
    held = read(kind, record)
    system = "webCRM" if in_webcrm else "Customerp"
    assert held == expected, f"{system} holds {held}, the model expects {expected} ({what})"
    for path in kind.floats:
        value = record[kind.target_field(path)] if in_webcrm else record[path]
        types = (float,) if in_webcrm else (int, float, type(None))
        assert type(value) in types, f"{kind.source} {path}: {value!r} is not a number ({what})"


def _nest(fields: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set a dotted path (``address.city``) in a Customerp body; returns the body."""
    *parents, last = path.split(".")
    node = fields
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return fields
