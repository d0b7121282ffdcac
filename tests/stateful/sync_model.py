"""A plain model of what Sesam Talk's sync must converge to: per pair, the values each system
holds, merged per property after every completed cycle (latest edit wins, an old value beats an
empty one, deletes are never propagated). It knows nothing of the engine's internals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checklist import systems
from checklist.systems import FlowKinds

Values = dict[str, Any]  # source path -> canonical value (None is empty)


@dataclass(frozen=True)
class Kind:
    """One flow as the model sees it: the two collections and the modelled property rows."""

    flow: FlowKinds
    rows: tuple[tuple[str, str], ...]  # (source path, target field)
    required: tuple[str, ...]  # source paths never emptied (the systems require them)
    floats: tuple[str, ...] = ()  # source paths whose webCRM field is a (non-nullable) float

    def __repr__(self) -> str:
        return self.source  # failing examples print pairs: keep them readable

    @property
    def flow_id(self) -> str:
        return self.flow.id

    @property
    def source(self) -> str:
        """The Customerp collection."""
        return self.flow.source.collection

    @property
    def target(self) -> str:
        """The webCRM collection."""
        return self.flow.target.collection

    @property
    def id_field(self) -> str:
        return self.flow.target.id_field

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.rows]

    def target_field(self, path: str) -> str:
        return dict(self.rows)[path]

    def held_in_target(self, path: str, value: Any) -> Any:
        """What webCRM holds for a canonical value: its float fields hold 0.0 for empty."""
        return 0.0 if value is None and path in self.floats else value

    def all_held_in_target(self, values: Values) -> Values:
        return {path: self.held_in_target(path, value) for path, value in values.items()}


ORG = Kind(
    systems.CUSTOMER_ORGANISATIONS,
    (("name", "OrganisationName"), ("phone", "OrganisationTelephone"),
     ("address.city", "OrganisationCity")),
    ("name",),
)  # fmt: skip
PERSON = Kind(
    systems.CONTACT_PERSONS,
    (("first_name", "PersonFirstName"), ("title", "PersonTitle")),
    ("first_name",),
)
PRODUCT = Kind(
    systems.PRODUCT_PRODUCTS,
    (("name", "ProductCombined"), ("sku", "ProductCustom1"), ("description", "ProductComment"),
     ("unit_price", "ProductPrice"), ("stock_quantity", "ProductQuantity")),
    ("name", "sku"),
    ("unit_price", "stock_quantity"),
)  # fmt: skip
KINDS = (ORG, PERSON, PRODUCT)


def canonical(kind: Kind, path: str, value: Any) -> Any:
    """The value as the model compares it: None and "" are both the empty value; the numbers
    of float rows are floats (Customerp may hold 3, webCRM holds 3.0)."""
    if value is None or value == "":
        return None
    if path in kind.floats and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def source_values(kind: Kind, record: dict[str, Any]) -> Values:
    """The modelled values of a Customerp record (dotted paths followed)."""
    out: Values = {}
    for path in kind.paths:
        value: Any = record
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        out[path] = canonical(kind, path, value)
    return out


def target_values(kind: Kind, dto: dict[str, Any]) -> Values:
    """The modelled values of a webCRM DTO, keyed by the source path of their row."""
    return {path: canonical(kind, path, dto.get(target)) for path, target in kind.rows}


def winner(s: Any, t: Any, s_changed: bool, t_changed: bool, source_newer: bool) -> Any:
    """One property both sides disagree on after a cycle: the side that changed it wins; when
    both did, an old value beats an empty one, else the latest edited record wins."""
    if s_changed and not t_changed:
        return s
    if t_changed and not s_changed:
        return t
    if s is None:
        return t
    if t is None:
        return s
    return s if source_newer else t


@dataclass
class Pair:
    """A record a person created in Customerp, and what the model expects of its webCRM twin."""

    kind: Kind
    source_id: int
    source: Values
    customer: Pair | None = None  # the customer pair of a contact
    target_id: int | None = None  # known once a cycle linked it
    target: Values | None = None  # as webCRM holds it (an empty float is 0.0)
    agreed: tuple[Values, Values] | None = None  # both sides after the last completed cycle
    source_touched: datetime | None = None  # latest UI edit since the last completed cycle
    target_touched: datetime | None = None
    source_deleted: bool = False
    target_deleted: bool = False

    @property
    def linked(self) -> bool:
        return self.target_id is not None

    @property
    def broken(self) -> bool:
        """One side was deleted: from now on each side keeps what it holds."""
        return self.source_deleted or self.target_deleted

    @property
    def intact(self) -> bool:
        return not self.broken

    def converge(self) -> bool:
        """Apply a completed cycle; True when the pair needs its new link from the engine."""
        newly_linked = False
        if not self.linked:
            if not self.source_deleted:
                self.target = self.kind.all_held_in_target(self.source)
                newly_linked = True
        elif self.intact:
            assert self.target is not None and self.agreed is not None
            newer = _source_newer(self.source_touched, self.target_touched)
            for path in self.kind.paths:
                self._merge(path, newer)
        if self.target is not None:
            self.agreed = (dict(self.source), dict(self.target))
        self.source_touched = self.target_touched = None
        return newly_linked

    def _merge(self, path: str, source_newer: bool) -> None:
        assert self.target is not None and self.agreed is not None
        s, t = self.source[path], self.target[path]
        s_changed, t_changed = s != self.agreed[0][path], t != self.agreed[1][path]
        if s == t or not (s_changed or t_changed):
            return  # in agreement, or nobody touched it
        value = winner(s, t, s_changed, t_changed, source_newer)
        self.source[path] = value
        self.target[path] = self.kind.held_in_target(path, value)


def _source_newer(source: datetime | None, target: datetime | None) -> bool:
    if source is None:
        return target is None
    return target is None or source >= target


@dataclass
class Lone:
    """A record a person created in webCRM: it has no Customerp twin and stays alone."""

    kind: Kind
    target_id: int
    target: Values
    deleted: bool = False


@dataclass
class SyncModel:
    """Everything the model expects of both systems."""

    pairs: list[Pair] = field(default_factory=list)
    lones: list[Lone] = field(default_factory=list)

    def of(self, kind: Kind) -> list[Pair]:
        return [p for p in self.pairs if p.kind is kind]

    def contacts_of(self, customer: Pair) -> list[Pair]:
        return [p for p in self.pairs if p.customer is customer]

    def expected_counts(self) -> dict[tuple[str, str], int]:
        """How many records each collection of each system must hold right now."""
        counts: dict[tuple[str, str], int] = {}
        for kind in KINDS:
            pairs = self.of(kind)
            counts["customerp", kind.source] = sum(not p.source_deleted for p in pairs)
            counts["webcrm", kind.target] = sum(p.linked and not p.target_deleted for p in pairs)
        for lone in self.lones:
            counts["webcrm", lone.kind.target] += not lone.deleted
        return counts

    def converge(self) -> list[Pair]:
        """A cycle completed: every pair converges; returns the pairs linked by it."""
        return [p for p in self.pairs if p.converge()]
