"""The one JSON shape of a parsed checklist: ``talkqa checklist --json`` prints it and the
machine report (``checklist.json``) embeds its documents."""

from __future__ import annotations

from typing import Any

from checklist.model import Checklist, Document


def document_json(doc: Document) -> dict[str, Any]:
    """A document with its flows, property rows, merge criteria and warnings."""
    return {
        "path": doc.path,
        "slug": doc.slug,
        "title": doc.title,
        "source_system": doc.source_system,
        "target_system": doc.target_system,
        "generated": doc.generated,
        "supplement": doc.supplement,
        "flows": [
            {
                "heading": flow.heading,
                "source": flow.source,
                "target": flow.target,
                "condition": flow.condition,
                "merge_criteria": [
                    {"source": c.source, "target": c.target} for c in flow.merge_criteria
                ],
                "properties": [
                    {"source": p.source, "target": p.target, "type": p.type}
                    for p in flow.properties
                ],
            }
            for flow in doc.flows
        ],
        "warnings": [str(w) for w in doc.warnings],
    }


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """``{"documents": [...], "items": [{"id", "kind", "flow", "text", "document",
    "supplement"}]}``."""
    return {
        "documents": [document_json(doc) for doc in checklist.documents],
        "items": [
            {
                "id": it.id,
                "kind": it.kind,
                "flow": it.flow,
                "text": it.text,
                "document": it.document,
                "supplement": it.supplement,
            }
            for it in checklist.items
        ],
    }
