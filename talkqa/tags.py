"""Gherkin tags as pytest markers: ``@checklist:<item id>`` becomes ``checklist("<item id>")``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

CHECKLIST_TAG_PREFIX = "checklist:"
# ``@unserved:<flow or item id>``: a scaffolded scenario the fakes or the step vocabulary
# cannot carry (another system, a property the fakes do not model). Collected, then skipped
# with this reason, so the report shows it instead of dropping it (talkqa scaffold).
UNSERVED_TAG_PREFIX = "unserved:"

MARKERS = (
    "checklist(item_id): the test checks this checklist item (from a @checklist:<id> tag)",
    "supplement: the scenario checks an item of this project's supplement document",
)


def configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)


def checklist_item_id(tag: str) -> str | None:
    """The item id of a ``checklist:<id>`` tag (without its ``@``), else None."""
    if not tag.startswith(CHECKLIST_TAG_PREFIX):
        return None
    return tag[len(CHECKLIST_TAG_PREFIX) :].strip()


def unserved_reason(tag: str) -> str | None:
    """The skip reason of an ``unserved:<id>`` tag, else None."""
    if not tag.startswith(UNSERVED_TAG_PREFIX):
        return None
    what = tag[len(UNSERVED_TAG_PREFIX) :].strip()
    return (
        f"scaffolded, not served: the fakes or the step vocabulary cannot carry {what} "
        "(the comment above the scenario says why)"
    )


def apply_tag(tag: str, function: Callable[..., Any]) -> bool | None:
    """Mark ``function`` for a checklist or unserved tag and claim the tag; leave others to
    pytest-bdd."""
    reason = unserved_reason(tag)
    if reason is not None:
        pytest.mark.skip(reason=reason)(function)
        return True
    item_id = checklist_item_id(tag)
    if item_id is None:
        return None
    pytest.mark.checklist(item_id)(function)
    return True


def add_options(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--checklist-item",
        action="append",
        dest="checklist_items",
        metavar="ID",
        default=None,
        help="run only the scenarios tracing this checklist item (repeatable); the others are "
        "deselected and their items count as skipped",
    )


def select(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--checklist-item``: deselect every test tracing none of the named items."""
    wanted = set(config.getoption("checklist_items") or ())
    if not wanted:
        return
    kept: list[pytest.Item] = []
    left: list[pytest.Item] = []
    for item in items:
        ids = {m.args[0] for m in item.iter_markers("checklist") if m.args}
        (kept if ids & wanted else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
