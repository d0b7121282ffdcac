"""Checklist items of a document: one per statement, with ids derived from content only."""

from __future__ import annotations

from collections.abc import Callable

from checklist import slugs
from checklist.model import ChecklistItem, Document, Flow, ItemKind, PropertyRow
from checklist.slugs import pair_slug, slug


def document_items(doc: Document) -> list[ChecklistItem]:
    """The items of every flow of ``doc``, in document order."""
    return [item for flow in doc.flows for item in flow_items(doc, flow)]


def flow_items(doc: Document, flow: Flow) -> list[ChecklistItem]:
    """sync, link, edit-source, edit-target, condition, merge policy, creation rule, merge
    criteria, property rows."""
    flow_id = slugs.flow_id(doc.slug, flow.slug)

    def item(kind: ItemKind, suffix: str, text: str, line: int, **extra: object) -> ChecklistItem:
        return ChecklistItem(
            id=f"{flow_id}/{suffix}",
            kind=kind,
            flow=flow_id,
            text=text,
            document=doc.path,
            supplement=doc.supplement,
            line=line,
            **extra,  # type: ignore[arg-type]
        )

    src, tgt = flow.source, flow.target
    items = [
        item("sync", "sync", _sync_text(flow), flow.line),
        item(
            "link", "link", flow.link_statement or f"A {src} stays linked to its {tgt}.", flow.line
        ),
        item(
            "edit-source", "edit-source", f"An edit to a linked {src} reaches its {tgt}.", flow.line
        ),
        item(
            "edit-target", "edit-target", f"An edit to a linked {tgt} reaches its {src}.", flow.line
        ),
    ]
    if flow.condition is not None:
        text = f"A {src} not meeting the condition ({flow.condition}) is not synchronized."
        items.append(item("condition", "condition", text, flow.line))
    if flow.merge_statement:
        items.append(item("merge-policy", "merge-policy", flow.merge_statement, flow.line))
    if flow.creation_rule:
        items.append(item("creation", "creation", flow.creation_rule, flow.line))
    if flow.changed_only_statement:
        items.append(item("changed-data", "changed-data", flow.changed_only_statement, flow.line))
    return items + _row_items(flow, item)


def _row_items(flow: Flow, item: Callable[..., ChecklistItem]) -> list[ChecklistItem]:
    """One item per merge criterion and one per property row."""
    items = []
    for crit in flow.merge_criteria:
        text = (
            f"A {flow.source} merges with an existing {flow.target} "
            f"when {crit.source} equals {crit.target}."
        )
        suffix = f"merge/{pair_slug(crit.source, crit.target)}"
        items.append(item("merge", suffix, text, crit.line, criterion=crit))
    suffixes = _property_suffixes(flow.properties)
    for row, suffix in zip(flow.properties, suffixes, strict=True):
        items.append(item("property", suffix, property_text(flow, row), row.line, property=row))
    return items


def property_text(flow: Flow, row: PropertyRow) -> str:
    """``Customerp Customer address.city -> Webcrm Organisations OrganisationCity (string)``."""
    text = f"{flow.source} {row.source} -> {flow.target} {row.target} ({row.type})"
    return f"{text}, when: {row.condition}" if row.condition else text


def _sync_text(flow: Flow) -> str:
    """The statement as written; a merge policy and a creation rule are items of their own."""
    return flow.statement or f"Every {flow.source} is synchronized with a {flow.target}."


def _property_suffixes(rows: list[PropertyRow]) -> list[str]:
    """``property/<source>--<target>``; rows that differ only by condition get it appended."""
    bases = [f"property/{pair_slug(r.source, r.target)}" for r in rows]
    return [
        f"{base}--{slug(row.condition)}" if row.condition and bases.count(base) > 1 else base
        for base, row in zip(bases, rows, strict=True)
    ]
