"""Titles and flow headings, read the way Talk's generator writes them.

The generator is not consistent: a heading may spell a system differently from the title
(``Businesscentral Items to Exact Online Items`` in ``Business Central to Exact Online
Dataflow``) and a system name may be empty (``Asana to  Dataflow``, ``Asana Teams to
Organisations``). System names are therefore matched leniently: case and spaces aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE = re.compile(r"^(?P<src>.+?) to (?P<tgt>.+) Dataflow$")
# docutils' title text has its whitespace collapsed: "Asana to  Dataflow" reads "Asana to Dataflow"
TITLE_NO_TARGET = re.compile(r"^(?P<src>.+?) to Dataflow$")
TITLE_NO_SOURCE = re.compile(r"^to (?P<tgt>.+) Dataflow$")


def read_title(title: str) -> tuple[str, str] | None:
    """``(source system, target system)`` of a ``<Source> to <Target> Dataflow`` title; a
    system the generator left empty is ``""``; None when the title is not of that form."""
    for pattern in (TITLE, TITLE_NO_TARGET, TITLE_NO_SOURCE):
        match = pattern.match(title)
        if match is not None:
            groups = match.groupdict()
            return groups.get("src", "") or "", groups.get("tgt", "") or ""
    return None


def squashed(system: str) -> str:
    """A system name compared leniently: ``Business Central`` and ``Businesscentral`` agree."""
    return "".join(system.split()).casefold()


@dataclass(frozen=True)
class Heading:
    """A flow heading split into its systems (as the heading spells them) and types."""

    source_system: str
    source_type: str
    target_system: str
    target_type: str

    def respells(self, source_system: str, target_system: str) -> list[tuple[str, str]]:
        """The (title's, heading's) spellings of the systems that differ."""
        pairs = [(source_system, self.source_system), (target_system, self.target_system)]
        return [(title, own) for title, own in pairs if title != own]


def read_heading(heading: str, source_system: str, target_system: str) -> Heading | None:
    """``<Source> <Type> to <Target> <Type>`` with the title's systems, matched leniently;
    the exact spelling wins over a lenient one. None when the heading is not a flow."""
    candidates = []
    for match in re.finditer(" to ", heading):
        left, right = heading[: match.start()], heading[match.end() :]
        source = _system_prefix(left, source_system)
        target = _system_prefix(right, target_system)
        if source is not None and target is not None:
            candidates.append(Heading(source[0], source[1], target[0], target[1]))
    exact = [c for c in candidates if not c.respells(source_system, target_system)]
    best = exact or candidates
    return best[0] if best else None


def _system_prefix(text: str, system: str) -> tuple[str, str] | None:
    """``(system as written, the rest)`` when ``text`` starts with ``system`` (leniently)
    followed by a non-empty type; None otherwise."""
    words = text.split()
    wanted = squashed(system)
    for count in range(len(words)):
        written = " ".join(words[:count])
        if squashed(written) == wanted:
            return written, " ".join(words[count:])
        if len(squashed(written)) > len(wanted):
            break
    return None
