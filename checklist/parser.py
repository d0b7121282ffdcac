"""The domain layer: a Document (flows, rows, warnings) from docutils' sections and blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from checklist import statements as st
from checklist.errors import ChecklistError
from checklist.headings import read_heading, read_title
from checklist.model import DataType, Document, Flow, MergeCriterion, PropertyRow, Warning
from checklist.rst import Block, Section, parse_rst
from checklist.slugs import document_slug, flow_slug

NOT_A_DATAFLOW = "not a dataflow document"


@dataclass
class _Context:
    """What a section is read against: the file, the systems, the warnings so far."""

    path: str
    source_system: str
    target_system: str
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning(self.path, line, message))

    def error(self, line: int, message: str) -> ChecklistError:
        return ChecklistError(self.path, line, message)


def parse_document(path: str | Path) -> Document:
    """Parse one dataflow document; a ChecklistError names file and line of what is wrong."""
    name = str(path)
    sections = parse_rst(Path(path))
    if not sections:
        raise ChecklistError(name, 1, f"{NOT_A_DATAFLOW}: no '<Source> to <Target> Dataflow' title")
    top = sections[0]
    systems = read_title(top.title)
    if systems is None:
        raise ChecklistError(
            name,
            top.line,
            f"{NOT_A_DATAFLOW}: title {top.title!r} is not '<Source> to <Target> Dataflow'",
        )
    ctx = _Context(name, *systems)
    doc = Document(
        path=name,
        slug=document_slug(ctx.source_system, ctx.target_system),
        title=top.title,
        source_system=ctx.source_system,
        target_system=ctx.target_system,
        generated=_generated(top.blocks),
        supplement=".supplement." in Path(path).name,
    )
    for side, system in (("source", ctx.source_system), ("target", ctx.target_system)):
        if not system:
            ctx.warn(top.line, f"the title names no {side} system (the generator left it empty)")
    doc.flows = _flows([*top.sections, *sections[1:]], ctx)
    if not doc.flows:
        ctx.warn(top.line, "declares no flow: the document promises nothing (0 items)")
    doc.warnings = sorted(ctx.warnings, key=lambda w: w.line)
    return doc


def _flows(sections: list[Section], ctx: _Context) -> list[Flow]:
    """The flows of the sections, each once (a repeated section joins the first)."""
    flows: dict[str, Flow] = {}
    for section in sections:
        flow = _flow(section, ctx)
        if flow is None:
            continue
        if flow.slug in flows:
            _merge_duplicate(flows[flow.slug], flow, ctx)
        else:
            flows[flow.slug] = flow
    for flow in flows.values():
        if not flow.properties:
            ctx.warn(flow.properties_line or flow.line, f"{flow.heading!r} declares no properties")
    return list(flows.values())


def _generated(blocks: list[Block]) -> str | None:
    for block in blocks:
        match = st.GENERATED.match(block.text)
        if match:
            return match["when"]
    return None


def _flow(section: Section, ctx: _Context) -> Flow | None:
    """A flow from a section whose heading is ``<Source> <Type> to <Target> <Type>``."""
    heading = read_heading(section.title, ctx.source_system, ctx.target_system)
    if heading is None:
        if section.title.rstrip(".") != "Introduction":
            ctx.warn(section.line, f"section {section.title!r} is not a flow; ignored")
        return None
    for title_name, own in heading.respells(ctx.source_system, ctx.target_system):
        ctx.warn(
            section.line,
            f"heading {section.title!r} spells the system {title_name!r} as {own!r}; "
            "matched leniently (case and spaces aside)",
        )
    flow = Flow(
        heading=section.title,
        slug=flow_slug(heading.source_type, heading.target_type),
        source_system=heading.source_system,
        source_type=heading.source_type,
        target_system=heading.target_system,
        target_type=heading.target_type,
        line=section.line,
    )
    expecting = ""
    for block in section.blocks:
        if block.is_table:
            _table(flow, block, expecting, ctx)
            expecting = ""
        else:
            expecting = _statement(flow, block, ctx)
    if not flow.statement:
        ctx.warn(flow.line, f"{flow.heading!r} states no synchronization statement")
    return flow


def _statement(flow: Flow, block: Block, ctx: _Context) -> str:
    """Read one paragraph into the flow; returns the table it announces, if any."""
    text = block.text
    for pattern, announces in (
        (st.SYNC_EVERY, ""),
        (st.SYNC_WHEN, ""),
        (st.SYNC_WHEN_HAS, ""),
        (st.SYNC_IF, ""),
        (st.LINK_REQUIRED, ""),
        (st.CREATED_FROM, ""),
        (st.MERGE_POLICY, ""),
        (st.MERGE_TABLE, "merge"),
        (st.LINK, ""),
        (st.PROPERTY_TABLE, "properties"),
        (st.CHANGED_ONLY, ""),
    ):
        match = pattern.match(text)
        if match is None:
            continue
        _check_names(flow, match.groupdict().get("src"), match["tgt"], block.line, ctx)
        if pattern in (st.SYNC_EVERY, st.SYNC_WHEN, st.SYNC_WHEN_HAS, st.SYNC_IF, st.LINK_REQUIRED):
            flow.statement = text
        if pattern in (st.SYNC_WHEN, st.SYNC_WHEN_HAS, st.SYNC_IF):
            flow.condition = match["cond"]
        elif pattern is st.LINK_REQUIRED:
            flow.merge_policy = "link-required"
        elif pattern is st.CREATED_FROM:
            flow.creation_rule = text
            flow.connected_to = st.connected_types(text, flow.source_system)
        elif pattern is st.MERGE_POLICY:
            flow.merge_policy, flow.merge_statement = "merge", text
        elif pattern is st.LINK:
            flow.link_statement = text
        elif pattern is st.CHANGED_ONLY:
            flow.changed_only_statement = text
        return announces
    shown = text if len(text) <= 80 else text[:77] + "..."
    ctx.warn(block.line, f"statement not understood, not checked: {shown!r}")
    return ""


def _check_names(flow: Flow, src: str | None, tgt: str, line: int, ctx: _Context) -> None:
    """Warn when a statement names other types than its heading ("When a X" may be singular)."""
    src = flow.source if src is None else src
    src_ok = src == flow.source or (
        src.startswith(f"{flow.source_system} ") and flow.source.startswith(src)
    )
    if not src_ok or tgt != flow.target:
        ctx.warn(
            line,
            f"statement names {src!r} -> {tgt!r}, but the heading says "
            f"{flow.source!r} -> {flow.target!r}",
        )


def _table(flow: Flow, block: Block, expecting: str, ctx: _Context) -> None:
    header = block.header or []
    kind = expecting or {2: "merge", 3: "properties"}.get(len(header), "")
    width = {"merge": 2, "properties": 3}.get(kind)
    if width is None or len(header) != width:
        what = f"{kind} table" if kind else "table"
        expected = width or "2 (merge criteria) or 3 (properties)"
        raise ctx.error(block.line, f"{what} has {len(header)} columns, expected {expected}")
    for line, cells in block.rows:
        if len(cells) != width:
            raise ctx.error(line, f"table row has {len(cells)} cells, expected {width}")
    if kind == "merge":
        _merge_rows(flow, block, ctx)
    else:
        flow.properties_line = flow.properties_line or block.line
        _property_rows(flow, block, ctx)


def _merge_rows(flow: Flow, block: Block, ctx: _Context) -> None:
    seen = {(c.source, c.target) for c in flow.merge_criteria}
    for line, (source, target) in block.rows:
        if (source, target) in seen:
            ctx.warn(line, f"merge criterion {source} -> {target} repeated; counted once")
            continue
        seen.add((source, target))
        flow.merge_criteria.append(MergeCriterion(source, target, line))


def _property_rows(flow: Flow, block: Block, ctx: _Context) -> None:
    seen = {(p.source, p.target, p.condition): p for p in flow.properties}
    for line, (source_cell, target_cell, type_cell) in block.rows:
        declared = st.data_type(type_cell)
        if declared is None and (declared := st.several_numbers(type_cell)) is not None:
            ctx.warn(line, f"data type {type_cell!r} names several types; checked as {declared}")
        if declared is None:
            raise ctx.error(
                line,
                f"unknown data type {type_cell!r}; expected one of "
                + ", ".join(f'"{t}"' if t != "N/A" else t for t in st.DATA_TYPES),
            )
        source, source_cond = st.split_condition(source_cell)
        target, target_cond = st.split_condition(target_cell)
        condition = "; ".join(c for c in (source_cond, target_cond) if c) or None
        key = (source, target, condition)
        if key in seen:
            first = seen[key]
            note = "" if first.type == declared else f" with type {declared} (kept {first.type})"
            ctx.warn(line, f"property {source} -> {target} repeated{note}; counted once")
            continue
        row = PropertyRow(source, target, cast(DataType, declared), line, condition)
        seen[key] = row
        flow.properties.append(row)


def _merge_duplicate(first: Flow, again: Flow, ctx: _Context) -> None:
    """A repeated section: keep the first; its new rows, if any, join the first."""
    before = (len(first.properties), len(first.merge_criteria))
    _append_new(first, again)
    added = (len(first.properties) - before[0], len(first.merge_criteria) - before[1])
    detail = "ignored"
    if any(added):
        detail = f"its {added[0]} new property rows and {added[1]} new merge criteria are kept"
    ctx.warn(
        again.line,
        f"duplicate section {again.heading!r} (first at line {first.line}); {detail}",
    )


def _append_new(first: Flow, again: Flow) -> None:
    props = {(p.source, p.target, p.condition) for p in first.properties}
    first.properties.extend(
        p for p in again.properties if (p.source, p.target, p.condition) not in props
    )
    crits = {(c.source, c.target) for c in first.merge_criteria}
    first.merge_criteria.extend(
        c for c in again.merge_criteria if (c.source, c.target) not in crits
    )
    if not first.properties_line:
        first.properties_line = again.properties_line
