"""Hypothesis strategies for entities, derived from the fakes' schemas and the checklist rows.

For each property row of a flow, the generated side's field gets values that both systems
accept: strings up to the smaller maxLength of the two sides (exactly at it, too), empty and
missing values, Norwegian and Danish letters, emoji and surrounding whitespace; numbers with
edges (0, negatives, fractions, large magnitudes); ISO country codes where Customerp wants one.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from fakes.customerp.countries import ISO_3166_ALPHA2
from fakes.customerp.schema import ADDRESS
from fakes.customerp.schema import FIELDS as CUSTOMERP_FIELDS
from steps.scene import checklist
from steps.systems import REFERENCES, SOURCE, TARGET, Kind, counterpart, max_length, with_path

NORDIC = "æøåÆØÅäöüé"
EMOJI = ("🐟", "🍓", "🇳🇴", "👩‍💻", "☕")
DEFAULT_MAX = 200
NUMBER_EDGES = (0.0, -0.0, 0.01, -1.5, 1e9, 123456789.25, 2.5e-7)

_letters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))


def text(limit: int, required: bool) -> st.SearchStrategy[str | None]:
    """Strings a person could type, within ``limit`` characters; boundaries included."""
    alphabet = st.one_of(_letters, st.sampled_from(NORDIC), st.sampled_from(" -.,'&/"))
    body = st.text(alphabet, min_size=1, max_size=min(limit, 60))
    padded = body.map(lambda s: f"  {s} ")
    emoji = st.lists(st.sampled_from(EMOJI), min_size=1, max_size=3).map("".join)
    boundary = st.sampled_from(NORDIC).map(lambda c: (c * limit)[:limit])
    values = st.one_of(body, padded, emoji, boundary).filter(lambda s: len(s) <= limit)
    if required:
        return values.filter(lambda s: bool(s.strip()))
    return st.one_of(values, st.just(""), st.none())


def number() -> st.SearchStrategy[float | None]:
    """Prices and quantities: edges, integers and finite floats, or empty."""
    finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
    integral = st.integers(min_value=-(10**6), max_value=10**9).map(float)
    return st.one_of(st.sampled_from(NUMBER_EDGES), integral, finite, st.none())


def country(required: bool) -> st.SearchStrategy[str | None]:
    codes = st.sampled_from(sorted(ISO_3166_ALPHA2))
    return codes if required else st.one_of(codes, st.none())


def _customerp_field(collection: str, path: str) -> tuple[str, bool]:
    """(kind, required) of a Customerp field at a dotted path."""
    head, _, rest = path.partition(".")
    spec = {f.name: f for f in CUSTOMERP_FIELDS[collection]}[head]
    if rest:
        sub = {f.name: f for f in ADDRESS}[rest]
        return sub.kind, sub.required
    return spec.kind, spec.required


def value_for(source: Kind, row: Any, side: str) -> st.SearchStrategy[Any]:
    """Values for one property row, valid on both sides; ``side`` is the generated side."""
    kind_, required = _customerp_field(source.collection, row.source)
    if kind_ == "number" or row.type in ("float", "integer"):
        return number()
    if kind_ == "country":
        return country(required and side == SOURCE)
    target_collection = counterpart(source).collection
    limits = [
        max_length(SOURCE, source.collection, row.source),
        max_length(TARGET, target_collection, row.target),
    ]
    limit = min((n for n in limits if n is not None), default=DEFAULT_MAX)
    return text(limit, required)


def entity_values(source: Kind, side: str) -> st.SearchStrategy[dict[str, Any]]:
    """A dict of field values for the generated side (Customerp record or webCRM DTO fields).

    Required fields are always present; optional ones may be missing altogether. References
    between entities (customer_id, PersonOrganisationId) are never generated.
    """
    rows = [
        r
        for r in checklist().flow(source.flow_id).properties
        if (SOURCE, r.source) not in REFERENCES
    ]
    parts = []
    for row in rows:
        name = row.source if side == SOURCE else row.target
        value = value_for(source, row, side)
        required = _customerp_field(source.collection, row.source)[1]
        parts.append(
            st.tuples(st.just(name), value if required else st.one_of(value, st.just(_MISSING)))
        )
    return st.tuples(*parts).map(_assemble)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def _assemble(pairs: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for path, value in pairs:
        if value is not _MISSING:
            record.update(with_path(record, path, value))
    return record
