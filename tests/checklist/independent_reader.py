"""An independent reading of Sesam Talk documents: line by line, no docutils, no patterns
shared with ``checklist``. It knows only the generator's layout: a title between ``=`` lines,
sections underlined with ``-``, a flow is a section that states a synchronization, and
``list-table`` rows of 3 cells (properties) or 2 cells (merge criteria)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FLOW_SENTENCES = ("will be synchronized with", "must be established", "Once a link between")


def squash(text: str) -> str:
    """Headings compared as the generator means them: case and spaces aside."""
    return "".join(text.split()).casefold()


@dataclass
class Reading:
    """What a document promises, by squashed flow heading."""

    flows: dict[str, str] = field(default_factory=dict)  # squashed -> heading as written
    properties: set[tuple[str, str, str, str]] = field(default_factory=set)
    merge_rows: set[tuple[str, str, str]] = field(default_factory=set)


def read(path: Path) -> Reading:
    lines = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    sections: list[tuple[str, list[str]]] = []
    for number, line in enumerate(lines):
        underline = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if line.strip() and underline and set(underline) == {"-"}:
            sections.append((" ".join(line.split()), []))
        elif sections and not _is_underline(line):
            sections[-1][1].append(line)
    reading = Reading()
    for heading, body in sections:
        text = " ".join(body)
        if not any(sentence in text for sentence in FLOW_SENTENCES):
            continue
        key = squash(heading)
        reading.flows.setdefault(key, heading)
        for table in _tables(body):
            header, rows = table[0], table[1:]
            for row in rows:
                if len(header) == 3 and len(row) == 3:
                    reading.properties.add((key, _bare(row[0]), _bare(row[1]), row[2].strip('"')))
                elif len(header) == 2 and len(row) == 2:
                    reading.merge_rows.add((key, row[0], row[1]))
    return reading


def _is_underline(line: str) -> bool:
    return bool(line.strip()) and set(line.strip()) == {"-"}


def _tables(body: list[str]) -> list[list[list[str]]]:
    """The rows (lists of cell texts) of every list-table in a section body."""
    tables: list[list[list[str]]] = []
    inside = False
    for line in body:
        stripped = line.strip()
        if stripped.startswith(".. list-table::"):
            tables.append([])
            inside = True
        elif inside and stripped.startswith("* - "):
            tables[-1].append([" ".join(stripped[4:].split())])
        elif inside and stripped.startswith("- ") and tables[-1]:
            tables[-1][-1].append(" ".join(stripped[2:].split()))
        elif inside and stripped == "-" and tables[-1]:
            tables[-1][-1].append("")
        elif inside and stripped and not stripped.startswith(":") and line[:1] not in " \t":
            inside = False
    return tables


def _bare(cell: str) -> str:
    """A cell without its ``(Dependant on ...)`` condition, which the reading sets aside."""
    cut = cell.find(" (Dependant on ")
    return cell[:cut] if cut >= 0 and cell.endswith(")") else cell
