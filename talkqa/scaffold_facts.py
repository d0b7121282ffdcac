"""What the scaffold knows of the fakes: the flows they serve, the words the step vocabulary
uses for them, the properties they model, and example values that fit both schemas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from checklist import Flow, systems


@dataclass(frozen=True)
class ServedFlow:
    """A flow in the vocabulary's words: ``Customerp Customer "Nordlys"`` -> ``Webcrm
    Organisation``, with the fakes' collections behind the two kinds."""

    source_system: str
    source: str
    target_system: str
    target: str
    alias: str
    source_collection: str = ""
    target_collection: str = ""

    @classmethod
    def of_document(cls, flow: Flow) -> ServedFlow:
        """A flow the fakes do not serve, in the document's own words (never run)."""
        return cls(
            flow.source_system,
            flow.source_type,
            flow.target_system,
            flow.target_type,
            "Nordlys",
        )


# The aliases the features give a first entity of each source kind.
ALIASES = {"Customer": "Nordlys", "Contact": "Kari", "Product": "Tørrfisk"}

# The flows the fakes serve (the system facts table), in the vocabulary's words.
SERVED: dict[tuple[str, str], ServedFlow] = {
    (systems.DOCUMENT, flow.slug): ServedFlow(
        flow.source.system,
        flow.source.name,
        flow.target.system,
        flow.target.name,
        ALIASES.get(flow.source.name, "Nordlys"),
        flow.source.collection,
        flow.target.collection,
    )
    for flow in systems.FLOWS
}


@cache
def _customerp() -> dict[str, dict[str, Any]]:
    """Customerp's fields by collection, nested address parts as ``address.<part>``."""
    from fakes import CUSTOMERP_ADDRESS, CUSTOMERP_FIELDS

    out: dict[str, dict[str, Any]] = {}
    for collection, fields in CUSTOMERP_FIELDS.items():
        table = out.setdefault(collection, {})
        for f in fields:
            if f.kind == "address":
                table.update({f"{f.name}.{p.name}": p for p in CUSTOMERP_ADDRESS})
            else:
                table[f.name] = f
    return out


@cache
def _webcrm() -> dict[str, dict[str, Any]]:
    from fakes import webcrm_schemas

    return {name: dict(schema.fields) for name, schema in webcrm_schemas().items()}


def unmodelled(flow: ServedFlow, source: str, target: str) -> str:
    """Why the fakes cannot carry a row (``""`` when they can): a property one of them lacks,
    a webCRM property that is read-only, or a reference whose values name other entities."""
    source_field = _customerp().get(flow.source_collection, {}).get(source)
    target_field = _webcrm().get(flow.target_collection, {}).get(target)
    missing = []
    if source_field is None:
        missing.append(f"{flow.source_system} {flow.source_collection} have no {source}")
    if target_field is None:
        missing.append(f"{flow.target_system} {flow.target_collection} have no {target}")
    if source_field is None or target_field is None:
        return "the fakes' " + " and ".join(missing)
    if target_field.read_only:
        return f"{flow.target_system} {flow.target_collection} {target} is read-only"
    if source_field.kind == "id":
        return f"{source} refers to another entity; the scaffold cannot choose its values"
    return ""


def modelled(flow: ServedFlow, source: str, target: str) -> bool:
    """Whether both fakes have the row's properties (a writable one on webCRM's side)."""
    return not unmodelled(flow, source, target)


def example_values(flow: ServedFlow, source: str, target: str, type_: str) -> tuple[str, str]:
    """Two values, one edited in each system, valid for both properties and the type."""
    if type_ == "integer":
        return "42", "7"
    if type_ in ("float", "decimal"):
        return "249.5", "89.95"
    if type_ == "boolean":
        return "true", "false"
    source_field = _customerp().get(flow.source_collection, {}).get(source)
    if getattr(source_field, "kind", "") == "country" or "country" in target.lower():
        return "NO", "DK"
    if "mail" in source.lower() or "mail" in target.lower():
        there, back = "post@nordlys.example.no", "kontakt@fjordblikk.example.dk"
    else:
        there, back = "Nordlys Ærø 7", "Fjordblikk 42"
    limit = min(_max_length(flow, source, target) or 200, 200)
    return there[:limit].strip(), back[:limit].strip()


def _max_length(flow: ServedFlow, source: str, target: str) -> int | None:
    target_field = _webcrm().get(flow.target_collection, {}).get(target)
    source_field = _customerp().get(flow.source_collection, {}).get(source)
    limits = [
        getattr(target_field, "max_length", None),
        getattr(source_field, "max_length", None),
    ]
    known = [n for n in limits if isinstance(n, int)]
    return min(known) if known else None
