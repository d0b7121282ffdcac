"""The sentences of a flow section, as Sesam Talk generates them (whitespace normalised).

docutils gives the paragraphs; these patterns read one paragraph's text each.
"""

from __future__ import annotations

import re

_A = r"an?"
SYNC_EVERY = re.compile(rf"^Every (?P<src>.+?) will be synchronized with {_A} (?P<tgt>.+?)\.$")
SYNC_WHEN = re.compile(
    rf"^When {_A} (?P<src>.+?) is (?P<cond>.+?), it will be synchronized with {_A} (?P<tgt>.+?)\.$"
)
# "When a HubSpot Deal has a 100% probability of beeing sold, it  will be synchronized ..."
SYNC_WHEN_HAS = re.compile(
    rf"^When {_A} (?P<src>.+?) (?P<cond>has .+?), it will be synchronized with {_A} "
    r"(?P<tgt>.+?)\.$"
)
# Talk also writes a free-text condition before ", it will be synchronized" (tripletex-webcrm)
SYNC_IF = re.compile(rf"^(?P<cond>.+?), it will be synchronized with {_A} (?P<tgt>.+?)\.$")
LINK_REQUIRED = re.compile(
    rf"^Before any synchronization can take place, a link between {_A} (?P<src>.+?) "
    rf"and {_A} (?P<tgt>.+?) must be established\.$"
)
CREATED_FROM = re.compile(
    rf"^A new (?P<tgt>.+?) will be created from {_A} (?P<src>.+?) if it is connected to .+\.$"
)
# What a creation rule's entity must be connected to: "a Customerp Contact" or "a
# Businesscentral Salesorders, or Salesorderlines" (the system named once).
CONNECTED = re.compile(
    rf"if it is connected to {_A} (?P<types>.+?) that is synchronized into .+\.$"
)
MERGE_POLICY = re.compile(
    r"^If a matching (?P<tgt>.+?) already exists, the (?P<src>.+?) will be merged with the "
    r"existing one\.(?: If no matching .+? is found, a new .+? will be created\.)?$"
)
MERGE_TABLE = re.compile(
    rf"^An? (?P<src>.+?) will merge with {_A} (?P<tgt>.+?) if one of the following property "
    r"combinations match:$"
)
LINK = re.compile(
    rf"^Once a link between {_A} (?P<src>.+?) and {_A} (?P<tgt>.+?) is established, it will "
    r"keep in sync between the two systems, regardless of where it is edited\.$"
)
PROPERTY_TABLE = re.compile(
    rf"^The following properties are synchronized between {_A} (?P<src>.+?) and {_A} "
    r"(?P<tgt>.+?):$"
)
# This project's supplement (the official format, marked as ours): Talk moves changed data only
CHANGED_ONLY = re.compile(
    rf"^Only changed data is synchronized between {_A} (?P<src>.+?) and {_A} (?P<tgt>.+?)\.$"
)
GENERATED = re.compile(r"^Generated:\s*(?P<when>.+)$")
# A condition kept in a table cell: "OrgNr (Dependant on having wd:Q2366457 in Country.X)"
CELL_CONDITION = re.compile(r"^(?P<name>.*?)\s*\((?P<cond>Dependant on [^()]*)\)$")

DATA_TYPES = ("string", "integer", "float", "decimal", "boolean", "N/A")
NUMBERS = ("integer", "float", "decimal")  # narrowest first
QUOTED = re.compile(r'"([^"]*)"')


def data_type(cell: str) -> str | None:
    """``"string"`` -> ``string``; ``N/A`` -> ``N/A``; anything else -> None."""
    inner = cell[1:-1] if len(cell) >= 2 and cell[0] == cell[-1] == '"' else cell
    return inner if inner in DATA_TYPES else None


def several_numbers(cell: str) -> str | None:
    """A cell naming several numeric types, as some generated documents do
    (``"integer", "decimal"]``): the widest of them; anything else -> None."""
    names = QUOTED.findall(cell)
    if len(names) < 2 or any(n not in NUMBERS for n in names):
        return None
    if QUOTED.sub("", cell).strip(" ,[]"):
        return None
    return max(names, key=NUMBERS.index)


def split_condition(cell: str) -> tuple[str, str | None]:
    """``x (Dependant on ...)`` -> (``x``, ``Dependant on ...``); other cells unchanged."""
    match = CELL_CONDITION.match(cell)
    if match is None:
        return cell, None
    return match["name"], match["cond"]


def connected_types(rule: str, system: str) -> list[str]:
    """The entity types a creation rule names, without their system: ``... connected to a
    Customerp Contact that is ...`` -> ``["Contact"]``."""
    match = CONNECTED.search(rule)
    if match is None:
        return []
    names = [n.strip() for n in re.split(r",? or ", match["types"]) if n.strip()]
    wanted = "".join(system.split()).casefold()
    types = []
    for name in names:
        words = name.split()
        for count in range(len(words)):
            if "".join(words[:count]).casefold() == wanted:
                name = " ".join(words[count:])
                break
        types.append(name)
    return types
