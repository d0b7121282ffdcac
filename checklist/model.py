"""The checklist model: documents, flows, property rows and the items QA checks."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

DataType = Literal["string", "integer", "float", "decimal", "boolean", "N/A"]
ItemKind = Literal[
    "sync",
    "link",
    "edit-source",
    "edit-target",
    "merge",
    "merge-policy",
    "creation",
    "property",
    "condition",
    "changed-data",
]


@dataclass(frozen=True)
class PropertyRow:
    """One row of a flow's property table: source path -> target property, declared type."""

    source: str
    target: str
    type: DataType
    line: int = 0
    condition: str | None = None  # e.g. "Dependant on having wd:Q17517 in phone_numbers.name"


@dataclass(frozen=True)
class MergeCriterion:
    """One row of a merge table: the source property that must equal the target property."""

    source: str
    target: str
    line: int = 0


@dataclass
class Flow:
    """One section of a dataflow document: a source entity type synced with a target type."""

    heading: str
    slug: str  # e.g. "customer-organisations"; unique within a document
    source_system: str
    source_type: str
    target_system: str
    target_type: str
    line: int = 0
    condition: str | None = None  # "of type Agent" for a conditional statement
    merge_policy: Literal["create", "merge", "link-required"] = "create"
    merge_criteria: list[MergeCriterion] = field(default_factory=list)
    properties: list[PropertyRow] = field(default_factory=list)
    # The statements as written (whitespace normalised), used for item texts:
    statement: str = ""  # "Every ... will be synchronized with a ..." (or "Before any ...")
    link_statement: str = ""  # "Once a link between ... regardless of where it is edited."
    merge_statement: str = ""  # "If a matching ... If no matching ... created."
    creation_rule: str | None = None  # "A new X will be created from a Y if it is connected to"
    connected_to: list[str] = field(default_factory=list)  # the creation rule's types: Contact
    properties_line: int = 0  # line of the property table
    changed_only_statement: str = ""  # "Only changed data is synchronized between ..."

    @property
    def source(self) -> str:
        """The source as the document names it, e.g. ``Customerp Customer``."""
        return " ".join(filter(None, (self.source_system, self.source_type)))

    @property
    def target(self) -> str:
        """The target as the document names it, e.g. ``Webcrm Organisations``."""
        return " ".join(filter(None, (self.target_system, self.target_type)))


@dataclass(frozen=True)
class Warning:
    """A document warning: parses, but a reader should know (empty table, duplicate)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass
class Document:
    """One parsed dataflow document."""

    path: str
    slug: str  # derived from the title, e.g. "customerp-webcrm"
    title: str
    source_system: str
    target_system: str
    generated: str | None
    flows: list[Flow] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    supplement: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    """One checkable statement, with a stable id such as
    ``customerp-webcrm/customer-organisations/edit-target``."""

    id: str
    kind: ItemKind
    flow: str  # "<document slug>/<flow slug>"
    text: str
    document: str  # path of the document the item comes from
    supplement: bool = False
    line: int = 0
    property: PropertyRow | None = None
    criterion: MergeCriterion | None = None


@dataclass
class Checklist:
    """The checklist in force: one or more documents (official plus supplements) and items."""

    documents: list[Document]
    items: list[ChecklistItem]

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def flow(self, flow_id: str) -> Flow:
        """The flow ``<doc slug>/<flow slug>`` with the rows of all its documents.

        Property rows are merged by (source, target, condition) and merge criteria by
        (source, target): a supplement repeating an official row adds nothing. A merge
        policy ("link required", "merged") or creation rule any document declares holds.
        """
        doc_slug, _, flow_slug = flow_id.partition("/")
        merged: Flow | None = None
        for doc in self.documents:
            for fl in doc.flows if doc.slug == doc_slug else []:
                if fl.slug != flow_slug:
                    continue
                if merged is None:
                    merged = replace(fl, properties=[], merge_criteria=[])
                props = {(p.source, p.target, p.condition) for p in merged.properties}
                merged.properties.extend(
                    p for p in fl.properties if (p.source, p.target, p.condition) not in props
                )
                if merged.merge_policy == "create" and fl.merge_policy != "create":
                    merged.merge_policy = fl.merge_policy  # a policy any document declares
                merged.merge_statement = merged.merge_statement or fl.merge_statement
                if not merged.creation_rule and fl.creation_rule:
                    merged.creation_rule, merged.connected_to = fl.creation_rule, fl.connected_to
                crits = {(m.source, m.target) for m in merged.merge_criteria}
                merged.merge_criteria.extend(
                    m for m in fl.merge_criteria if (m.source, m.target) not in crits
                )
        if merged is None:
            raise KeyError(flow_id)
        return merged

    def flows(self) -> list[str]:
        """Flow ids (``<doc slug>/<flow slug>``) in document order, each once."""
        return list(dict.fromkeys(it.flow for it in self.items))
