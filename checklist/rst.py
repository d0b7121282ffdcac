"""The raw layer: read a file, parse it with docutils, return sections of blocks with lines.

docutils' ``list-table`` rejects a table that has only its header row ("Insufficient data
supplied ... no data remaining for table body") and drops it; Sesam Talk documents are
full of such tables (a flow that declares no property). ``TolerantListTable`` accepts them
as empty tables and also keeps rows of uneven length, so that the domain layer can name
the exact row that has the wrong number of cells.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import docutils.core
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.tables import ListTable

from checklist.errors import ChecklistError

_SETTINGS = {
    "report_level": 5,  # collect messages in the tree, print nothing
    "halt_level": 5,
    "warning_stream": io.StringIO(),
    "doctitle_xform": False,  # keep the title as the outer section
    "sectsubtitle_xform": False,
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "input_encoding": "utf-8",
}


class TolerantListTable(ListTable):
    """A ``list-table`` that keeps header-only tables and rows of uneven length."""

    def check_list_content(self, node: Any) -> tuple[int, list[int | None]]:
        list_node = node[0] if len(node) == 1 else None
        if not isinstance(list_node, nodes.bullet_list) or not all(
            isinstance(item, nodes.Element)
            and len(item) == 1
            and isinstance(item[0], nodes.bullet_list)
            for item in list_node
        ):
            return super().check_list_content(node)  # type: ignore[no-any-return]
        num_cols = max(len(cast(nodes.Element, cast(nodes.Element, item)[0])) for item in list_node)
        return num_cols, self.get_column_widths(num_cols)  # type: ignore[no-any-return]

    def check_table_dimensions(self, rows: Any, header_rows: int, stub_columns: int) -> None:
        if header_rows and header_rows == len(rows):
            return  # a header-only table: empty, not an error
        super().check_table_dimensions(rows, header_rows, stub_columns)


@dataclass
class Block:
    """A paragraph (``text``) or a table (``header`` and ``rows`` of cell texts)."""

    line: int
    text: str = ""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return self.header is not None


@dataclass
class Section:
    """A section: its title, the line of the title, its blocks and its subsections."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def read_text(path: Path) -> str:
    """The file's text with LF line endings, or a ChecklistError naming what is wrong."""
    name = str(path)
    if path.is_dir():
        raise ChecklistError(name, 0, "is a directory, not a dataflow document")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ChecklistError(name, 0, "no such file") from None
    except OSError as exc:
        raise ChecklistError(name, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ChecklistError(
            name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise ChecklistError(name, 0, "empty file, not a dataflow document")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_control_characters(name, text)
    return text


# C0 controls but tab and line feed, DEL and the C1 controls: never in a generated document,
# and docutils would read past them (a NUL-truncated or binary-corrupted file looks clean).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _refuse_control_characters(name: str, text: str) -> None:
    match = _CONTROL.search(text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    code = ord(match.group())
    label = _CONTROL_NAMES.get(code, "control character")
    raise ChecklistError(
        name, line, f"control character U+{code:04X} ({label}) at column {column}; not clean text"
    )


_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0C: "form feed", 0x0B: "vertical tab"}


@contextmanager
def _tolerant_list_table() -> Iterator[None]:
    """Use TolerantListTable for one parse, then give docutils its own list-table back."""
    directives.register_directive("list-table", TolerantListTable)
    try:
        yield
    finally:
        directives.register_directive("list-table", ListTable)


def parse_rst(path: Path) -> list[Section]:
    """Parse a file with docutils into top-level sections; reST errors are ChecklistErrors."""
    text = read_text(path)
    settings = {**_SETTINGS, "warning_stream": io.StringIO()}
    with _tolerant_list_table():
        doctree = docutils.core.publish_doctree(
            text, source_path=str(path), settings_overrides=settings
        )
    for msg in doctree.findall(nodes.system_message):
        if msg["level"] >= 3:
            detail = " ".join(msg[0].astext().split()) if len(msg) else msg.astext()
            raise ChecklistError(str(path), msg.get("line") or 0, f"reStructuredText: {detail}")
    return [
        _section(node, str(path)) for node in doctree.children if isinstance(node, nodes.section)
    ]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _section(node: nodes.section, path: str) -> Section:
    title = node[0]
    # docutils gives a title the line of its underline; people count the text's line.
    section = Section(_clean(title.astext()), max((title.line or 1) - 1, 1))
    for child in node.children[1:]:
        if isinstance(child, nodes.section):
            section.sections.append(_section(child, path))
        elif isinstance(child, nodes.paragraph):
            section.blocks.append(Block(child.line or section.line, text=_clean(child.astext())))
        elif isinstance(child, nodes.table):
            section.blocks.append(_table(child, path, section.line))
    return section


def _row_line(row: nodes.row, default: int) -> int:
    for par in row.findall(nodes.paragraph):
        if par.line:
            return int(par.line)
    return default


def _table(table: nodes.table, path: str, default_line: int) -> Block:
    line = table.line or default_line
    head = next(table.findall(nodes.thead), None)
    body = next(table.findall(nodes.tbody), None)
    header_rows = list(head.findall(nodes.row)) if head is not None else []
    body_rows = list(body.findall(nodes.row)) if body is not None else []
    if not header_rows:
        raise ChecklistError(path, line, "list-table has no :header-rows: option (expected 1)")
    header = [_clean(entry.astext()) for entry in header_rows[-1].findall(nodes.entry)]
    rows = [
        (_row_line(row, line), [_clean(e.astext()) for e in row.findall(nodes.entry)])
        for row in body_rows
    ]
    return Block(line, header=header, rows=rows)
