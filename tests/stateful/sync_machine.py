"""A hypothesis state machine over both fakes and the engine: people create, edit and delete
records in either system's UI, faults are injected, sync cycles run; a plain model
(sync_model) predicts the converged state, and invariants are checked after every step."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sync_model import KINDS, ORG, PERSON, Kind, Lone, Pair, SyncModel, source_values, target_values
from sync_world import Systems

TEXT = st.sampled_from(["Nordlys", "Fjordblikk", "Ærøskøbing", "Tromsø", "Kari Nordmann"])
MAYBE = st.one_of(st.none(), TEXT)
FAULT_STATUS = st.sampled_from([500, 502, 503])


def fault_rules() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """Transient faults the engine must ride out within one cycle."""
    webcrm_paths = st.sampled_from(["*", "*", "/Organisations*", "/Persons*", "/Queries*"])
    throttle = st.builds(
        lambda path, after, times: {
            "path": path, "action": "throttle", "retry_after": after, "times": times},
        webcrm_paths, st.integers(1, 30), st.integers(1, 4),
    )  # fmt: skip
    status = st.builds(
        lambda method, path, code, times: {
            "method": method, "path": path, "action": "status", "status": code, "times": times},
        st.sampled_from(["*", "*", "GET", "PATCH"]), webcrm_paths, FAULT_STATUS, st.integers(1, 3),
    )  # fmt: skip
    commit = st.builds(
        lambda path, code: {
            "method": "PATCH", "path": path, "action": "commit_then_fail", "status": code},
        st.sampled_from(["/Organisations", "/Persons"]), st.sampled_from([500, None]),
    )  # fmt: skip
    customerp = st.builds(
        lambda method, code, times: {
            "method": method, "path": "*", "action": "status", "status": code, "times": times},
        st.sampled_from(["*", "GET", "PUT"]), FAULT_STATUS, st.integers(1, 3),
    )  # fmt: skip
    customerp_commit = st.just(
        {"method": "PUT", "path": "/c*", "action": "commit_then_fail", "status": 500}
    )
    return st.one_of(
        st.tuples(st.just("webcrm"), st.one_of(throttle, status, commit)),
        st.tuples(st.just("customerp"), st.one_of(customerp, customerp_commit)),
    )


def _writes(fake: Any) -> list[dict[str, Any]]:
    """Record writes in a fake's journal (logins aside)."""
    return [
        j
        for j in fake.journal
        if j["method"] in ("POST", "PUT", "PATCH", "DELETE") and "/Auth/" not in j["path"]
    ]


def _faulted(entry: dict[str, Any]) -> bool:
    """A journal entry of an injected fault: throttled, 5xx, or a dropped connection."""
    return entry["status"] is None or entry["status"] == 429 or entry["status"] >= 500


class SyncMachine(RuleBasedStateMachine):
    """The system under test (``systems``) is given, so the same machine runs in-process and
    against served fakes: ``run_state_machine_as_test(lambda: SyncMachine(systems))``."""

    def __init__(self, systems: Systems) -> None:
        super().__init__()
        self.systems = systems
        self.engine = systems.engine(systems.fresh())
        self.model = SyncModel()
        self.faults = 0
        self.cycles = 0
        self.quiet = False  # no UI write since the last completed cycle

    def teardown(self) -> None:
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()

    # -- people in the two UIs -------------------------------------------------------------
    @initialize(customers=st.lists(st.tuples(TEXT, MAYBE, MAYBE), min_size=1, max_size=3))
    def onboard(self, customers: list[tuple[str, str | None, str | None]]) -> None:
        """Some customers, each with a contact, synchronized once."""
        for name, phone, city in customers:
            customer = self._create_customer(name, phone, city)
            self._create_contact(customer, name, phone)
        self.run_cycle()

    @rule(data=st.data(), what=st.sampled_from(["customer", "contact", "organisation"]))
    def create(self, data: st.DataObject, what: str) -> None:
        """A customer or contact created in Customerp, or an organisation in webCRM."""
        customers = [p for p in self.model.of(ORG) if p.intact]
        if what == "customer" or (what == "contact" and not customers):
            self._create_customer(data.draw(TEXT), data.draw(MAYBE), data.draw(MAYBE))
        elif what == "contact":
            self._create_contact(
                data.draw(st.sampled_from(customers)), data.draw(TEXT), data.draw(MAYBE)
            )
        else:
            self.quiet = False
            name, phone = data.draw(TEXT), data.draw(MAYBE)
            dto = self.systems.webcrm.ui_create(
                "Organisations", {"OrganisationName": name, "OrganisationTelephone": phone or ""}
            )
            self.model.lones.append(Lone(dto["OrganisationId"], target_values(ORG, dto)))

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
        path = data.draw(st.sampled_from([path for path, _ in pair.kind.rows]))
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
        self.quiet = False
        if system == "customerp":
            pairs = self._deletable_sources()
            if pairs:
                pair = data.draw(st.sampled_from(pairs))
                self.systems.customerp.ui_delete(pair.kind.source, pair.source_id)
                pair.source_deleted = True
                self.systems.tally["deletes"] += 1
            return
        targets: list[Pair | Lone] = [*self._deletable_targets()]
        targets += [lone for lone in self.model.lones if not lone.deleted]
        if targets:
            chosen = data.draw(st.sampled_from(targets))
            if isinstance(chosen, Lone):
                self.systems.webcrm.ui_delete("Organisations", chosen.target_id)
                chosen.deleted = True
            else:
                self.systems.webcrm.ui_delete(chosen.kind.target, chosen.target_id)
                chosen.target_deleted = True
                self.systems.tally["deletes"] += 1

    # -- faults, time, cycles --------------------------------------------------------------
    @rule(fault=fault_rules())
    def inject_fault(self, fault: tuple[str, dict[str, Any]]) -> None:
        system, rule_ = fault
        fake = self.systems.fake(system)
        fake.faults.clear()  # one rule per system and cycle: stacked rules could outlast any
        fake.faults.add(rule_)  # retry budget, and a cycle must ride out what is injected
        self.faults += 1
        self.systems.tally[f"faults {rule_['action']}"] += 1

    @rule(seconds=st.sampled_from([1.0, 61.0, 3601.0, 7300.0]))
    def time_passes(self, seconds: float) -> None:
        """Over 3600 s every webCRM access token issued so far has expired."""
        self.systems.clock.advance(seconds)
        if seconds > 3600:
            self.systems.tally["token expiries"] += 1

    @rule()
    def run_cycle(self) -> None:
        """A cycle with transient faults must still complete and converge."""
        self.systems.clock.advance(60)
        fakes = (self.systems.webcrm, self.systems.customerp)
        for fake in fakes:
            fake.clear_journal()
        self.engine.run_cycle()
        self.cycles += 1
        self.systems.tally["cycles"] += 1
        if any(_faulted(j) for fake in fakes for j in fake.journal):
            self.systems.tally["cycles that rode out faults"] += 1
        if self.quiet:  # nothing changed since the last cycle: no echo of its own writes
            for fake in fakes:
                assert not _writes(fake), f"{fake.name}: a quiet cycle wrote {_writes(fake)}"
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
    def _create_customer(self, name: str, phone: str | None, city: str | None) -> Pair:
        self.quiet = False
        fields = {"name": name, "phone": phone, "address": {"city": city}}
        record = self.systems.customerp.ui_create("customers", fields)
        pair = Pair(ORG, record["id"], source_values(ORG, record))
        self.model.pairs.append(pair)
        return pair

    def _create_contact(self, customer: Pair, first_name: str, title: str | None) -> Pair:
        self.quiet = False
        fields = {"customer_id": customer.source_id, "first_name": first_name, "title": title}
        record = self.systems.customerp.ui_create("contacts", fields)
        pair = Pair(PERSON, record["id"], source_values(PERSON, record), customer=customer)
        self.model.pairs.append(pair)
        return pair

    def _edit_source(self, data: st.DataObject, pair: Pair, path: str | None = None) -> None:
        self.quiet = False
        path, value = self._draw_edit(data, pair.kind, path)
        fields = {"address": {"city": value}} if path == "address.city" else {path: value}
        self.systems.customerp.ui_update(pair.kind.source, pair.source_id, fields)
        pair.source[path] = value
        pair.source_touched = self.systems.clock.now()

    def _edit_target(
        self, data: st.DataObject, chosen: Pair | Lone, path: str | None = None
    ) -> None:
        self.quiet = False
        kind = chosen.kind if isinstance(chosen, Pair) else ORG
        path, value = self._draw_edit(data, kind, path)
        fields = {kind.target_field(path): value or ""}
        assert chosen.target_id is not None and chosen.target is not None
        self.systems.webcrm.ui_update(kind.target, chosen.target_id, fields)
        chosen.target[path] = value
        if isinstance(chosen, Pair):
            chosen.target_touched = self.systems.clock.now()

    def _draw_edit(self, data: st.DataObject, kind: Kind, path: str | None) -> tuple[str, Any]:
        if path is None:
            path = data.draw(st.sampled_from([path for path, _ in kind.rows]))
        return path, data.draw(TEXT if path in kind.required else MAYBE)

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
        """After a completed cycle each system holds the model's values."""
        for kind in KINDS:
            sources = {r["id"]: r for r in self.systems.customerp.records(kind.source)}
            targets = {d[kind.id_field]: d for d in self.systems.webcrm.records(kind.target)}
            for p in self.model.of(kind):
                if not p.source_deleted:
                    assert p.source_id in sources, f"lost in Customerp: {p}"
                    assert source_values(kind, sources[p.source_id]) == p.source, p
                if p.linked and not p.target_deleted:
                    assert p.target_id in targets, f"lost in webCRM: {p}"
                    dto = targets[p.target_id]
                    assert target_values(kind, dto) == p.target, (p, dto)
                    if p.customer is not None:
                        assert dto["PersonOrganisationId"] == p.customer.target_id, (p, dto)
        lones = {d[ORG.id_field]: d for d in self.systems.webcrm.records(ORG.target)}
        for lone in self.model.lones:
            if not lone.deleted:
                assert target_values(ORG, lones[lone.target_id]) == lone.target, lone
