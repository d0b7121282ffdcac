"""Sesam Talk dataflow documents as checklists: parser, model and the checklist in force."""

from __future__ import annotations

from talkqa.checklist.errors import ChecklistError
from talkqa.checklist.items import document_items
from talkqa.checklist.loader import checklists_in_force, load_checklist
from talkqa.checklist.model import (
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
from talkqa.checklist.parser import parse_document

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
