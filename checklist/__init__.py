"""Sesam Talk dataflow documents as checklists: parser, model and the checklist in force."""

from __future__ import annotations

from checklist.errors import ChecklistError
from checklist.items import document_items
from checklist.loader import checklists_in_force, load_checklist
from checklist.model import (
    Checklist,
    ChecklistItem,
    DataType,
    Document,
    Flow,
    ItemKind,
    MergeCriterion,
    PropertyRow,
    Warning,
)
from checklist.parser import parse_document

__all__ = [
    "Checklist",
    "ChecklistError",
    "ChecklistItem",
    "DataType",
    "Document",
    "Flow",
    "ItemKind",
    "MergeCriterion",
    "PropertyRow",
    "Warning",
    "checklists_in_force",
    "document_items",
    "load_checklist",
    "parse_document",
]
