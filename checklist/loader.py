"""The checklist in force: documents merged per slug, official first, supplements marked."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.items import document_items
from checklist.model import Checklist, ChecklistItem, Document, Warning
from checklist.parser import parse_document

# Parsed documents by (path as given, resolved path, mtime, size): a suite builds an engine
# per scenario, each loading the same documents, and docutils costs ~0.1 s per parse.
# Callers get deep copies, so one caller's changes never reach another.
_PARSED: dict[tuple[str, str, int, int], Document] = {}


def load_checklist(paths: Iterable[str | Path]) -> Checklist:
    """Parse each document once and merge those with the same slug.

    The official documents of a slug come first; a supplement (``*.supplement.*``) adds
    only the items the official documents lack, marked ``supplement=True``.
    """
    unique = list(dict.fromkeys(str(p) for p in paths))
    parsed = [_parse_once(p) for p in unique]
    order = list(dict.fromkeys(doc.slug for doc in parsed))
    documents = sorted(parsed, key=lambda d: (order.index(d.slug), d.supplement))
    items: dict[str, ChecklistItem] = {}
    for doc in documents:
        repeated = 0
        for item in document_items(doc):
            if item.id in items:
                repeated += 1
            else:
                items[item.id] = item
        if repeated and not doc.supplement:
            doc.warnings.append(
                Warning(doc.path, 0, f"{repeated} items repeat an earlier document; counted once")
            )
    return Checklist(documents=documents, items=list(items.values()))


def _parse_once(path: str) -> Document:
    """``parse_document``, remembered while the file is unchanged."""
    try:
        stat = os.stat(path)
    except OSError:
        return parse_document(path)  # reports the missing file or directory as usual
    key = (path, str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = parse_document(path)
    return copy.deepcopy(_PARSED[key])


def checklists_in_force(root: str | Path | None = None) -> list[Path]:
    """The documents listed in ``[tool.talkqa] checklists`` of the nearest pyproject.toml.

    The search starts at ``root`` (default: the current directory) and goes upwards;
    paths listed there are relative to it; the paths returned are absolute.
    """
    start = Path(root if root is not None else Path.cwd()).resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ChecklistError(str(pyproject), 0, f"not valid TOML: {exc}") from None
        listed = config.get("tool", {}).get("talkqa", {}).get("checklists")
        if listed is None:
            continue
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise ChecklistError(
                str(pyproject), 0, "[tool.talkqa] checklists must be a list of paths"
            )
        return [folder / p for p in listed]
    raise ChecklistError(str(start), 0, "no pyproject.toml with [tool.talkqa] checklists found")
