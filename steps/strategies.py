"""Hypothesis strategies for entities, derived from the fakes' schemas and the checklist rows.

For each property row of a flow, the generated side's field gets values that both systems
accept: strings up to the smaller maxLength of the two sides (exactly at it, too), empty and
missing values, Norwegian and Danish letters, emoji and surrounding whitespace; numbers with
edges (0, negatives, fractions, large magnitudes); ISO country codes where Customerp wants one.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from checklist.systems import SOURCE, TARGET, EntityKind, counterpart
from fakes import ISO_3166_ALPHA2
from steps.scene import checklist
from steps.systems import (
    REFERENCES,
    customerp_field,
    max_length,
    modelled,
    webcrm_field,
    with_path,
)

NORDIC = "æøåÆØÅäöüé"
EMOJI = ("🐟", "🍓", "🇳🇴", "👩‍💻", "☕")
TYPED_LENGTH = 60  # free text beyond the boundary values: long enough, and quick to sync
# Edges of a JSON number as a "double" (webCRM's format for prices and quantities).
DOUBLE_EDGES = (0.0, -0.0, 0.01, -1.5, 1e9, 123456789.25, 2.5e-7)
# Bounds of the integer formats the webCRM swagger uses.
INTEGER_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

_letters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))


def text(limit: int | None, required: bool) -> st.SearchStrategy[str | None]:
    """Strings a person could type, within ``limit`` characters; boundaries included."""
    alphabet = st.one_of(_letters, st.sampled_from(NORDIC), st.sampled_from(" -.,'&/"))
    typed = TYPED_LENGTH if limit is None else min(limit, TYPED_LENGTH)
    body = st.text(alphabet, min_size=1, max_size=typed)
    padded = body.map(lambda s: f"  {s} ")
    emoji = st.lists(st.sampled_from(EMOJI), min_size=1, max_size=3).map("".join)
    choices = [body, padded, emoji]
    if limit is not None:  # exactly at the maxLength
        choices.append(st.sampled_from(NORDIC).map(lambda c: c * limit))
    values = st.one_of(*choices).filter(lambda s: limit is None or len(s) <= limit)
    if required:
        return values.filter(lambda s: bool(s.strip()))
    return st.one_of(values, st.just(""), st.none())


def number(spec: Any) -> st.SearchStrategy[float | int | None]:
    """Numbers of the webCRM property's type and format: edges, integers, finite floats, empty."""
    if spec.json_type == "integer":
        low, high = INTEGER_BOUNDS.get(spec.format or "int32", INTEGER_BOUNDS["int32"])
        return st.one_of(st.sampled_from((0, 1, -1, low, high)), st.integers(low, high), st.none())
    finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
    integral = st.integers(min_value=-(10**6), max_value=10**9).map(float)
    return st.one_of(st.sampled_from(DOUBLE_EDGES), integral, finite, st.none())


def country(required: bool) -> st.SearchStrategy[str | None]:
    codes = st.sampled_from(sorted(ISO_3166_ALPHA2))
    return codes if required else st.one_of(codes, st.none())


def value_for(source: EntityKind, row: Any, side: str) -> st.SearchStrategy[Any]:
    """Values for one property row, valid on both sides; ``side`` is the generated side."""
    field = customerp_field(source.collection, row.source)
    target = counterpart(source).collection
    if field.kind == "number" or row.type in ("float", "decimal", "integer"):
        return number(webcrm_field(target, row.target))
    if field.kind == "country":
        return country(field.required and side == SOURCE)
    limits = [
        max_length(SOURCE, source.collection, row.source),
        max_length(TARGET, target, row.target),
    ]
    bounded = [n for n in limits if n is not None]
    return text(min(bounded) if bounded else None, field.required)


def entity_values(source: EntityKind, side: str) -> st.SearchStrategy[dict[str, Any]]:
    """A dict of field values for the generated side (Customerp record or webCRM DTO fields).

    Required fields are always present; optional ones may be missing altogether. References
    between entities (customer_id, PersonOrganisationId) are never generated.
    """
    rows = [
        r
        for r in modelled(source.flow_id, checklist().flow(source.flow_id).properties)
        if (SOURCE, r.source) not in REFERENCES
    ]
    parts = []
    for row in rows:
        name = row.source if side == SOURCE else row.target
        value = value_for(source, row, side)
        required = customerp_field(source.collection, row.source).required
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
