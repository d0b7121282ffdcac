"""Scenario drafts for checklist items no scenario covers, in the suite's conventions.

Each flow has a folder of numbered features (features/README.md): ``<Flow>1`` sync, ``2``
link, ``3`` edit-source, ``4`` edit-target, ``5`` one Outline per property row; this module
adds ``6`` (merge criteria) and ``7`` (the condition of a conditional statement). New
scenarios are appended to the flow's feature file, numbered after the last one; nothing
that is there is changed. What the fakes cannot serve (another system, a property they do
not model, a step the vocabulary lacks) is still written, tagged ``@unserved:<flow or item
id>``: the talkqa plugin collects it as skipped with that reason, so it is never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checklist import Checklist, ChecklistItem, Flow
from talkqa.scaffold_facts import SERVED, ServedFlow, example_values, modelled, unmodelled

FEATURE_NUMBER = {"sync": 1, "link": 2, "edit-source": 3, "edit-target": 4, "property": 5}
FEATURE_NUMBER.update({"merge": 6, "merge-policy": 6, "creation": 6, "condition": 7})
# Features whose items are tagged per scenario; the others carry their one item on the Feature.
PER_SCENARIO = {5, 6}
PROPERTIES_SENTENCE = "The following properties are synchronized between a {source} and a {target}"
MERGE_SENTENCE = (
    "A {source} will merge with a {target} if one of the following property combinations match"
)
UNSERVED_TAG = "unserved:"


@dataclass
class FeatureDraft:
    """One feature file: its path, its text before (None: new) and after the scaffold."""

    path: Path
    before: str | None
    after: str
    added: int = 0


def flow_name(doc_slug: str, flow_slug: str) -> tuple[str, str]:
    """The folder and feature name of a flow: ``customer_organisations``,
    ``CustomerOrganisations``; flows of other documents carry the document's words too."""
    words = (
        flow_slug.split("-")
        if (doc_slug, flow_slug) in SERVED
        else [
            *doc_slug.split("-"),
            *flow_slug.split("-"),
        ]
    )
    words = [w for w in words if w]
    folder = "_".join("".join(c if c.isalnum() else "_" for c in w) for w in words)
    name = "".join("".join(c for c in w if c.isalpha()).capitalize() for w in words)
    return folder, name


def plan(checklist: Checklist, covered: set[str], features: Path) -> list[FeatureDraft]:
    """The feature files to write so that every item of ``checklist`` is covered."""
    drafts: dict[Path, FeatureDraft] = {}
    for flow_id in checklist.flows():
        missing = [i for i in checklist.items if i.flow == flow_id and i.id not in covered]
        if not missing:
            continue
        flow = checklist.flow(flow_id)
        doc_slug = flow_id.split("/", 1)[0]
        folder, name = flow_name(doc_slug, flow.slug)
        for item in missing:
            number = FEATURE_NUMBER[item.kind]
            path = features / folder / f"{name}{number}.feature"
            draft = drafts.get(path) or _open(path, name, number, flow, item)
            drafts[path] = draft
            # Appended to a feature that exists, a scenario names its item itself.
            own_tag = number in PER_SCENARIO or draft.before is not None
            draft.after = _append(draft, _scenario(flow_id, flow, item, own_tag))
    return list(drafts.values())


def _open(path: Path, name: str, number: int, flow: Flow, item: ChecklistItem) -> FeatureDraft:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        return FeatureDraft(path, text, text)
    if number == 5:
        title = PROPERTIES_SENTENCE.format(source=flow.source, target=flow.target)
        header = f"Feature: {name}{number} - {title}\n"
    elif number == 6:
        title = MERGE_SENTENCE.format(source=flow.source, target=flow.target)
        header = f"Feature: {name}{number} - {title}\n"
    else:
        header = f"@checklist:{item.id}\nFeature: {name}{number} - {item.text.rstrip('.')}\n"
    return FeatureDraft(path, None, header)


def _append(draft: FeatureDraft, body: list[str]) -> str:
    draft.added += 1
    number = _scenario_count(draft.after) + 1
    at = next(i for i, line in enumerate(body) if "[n]" in line)
    body[at] = body[at].replace("[n]", f"[{number}]", 1)
    text = draft.after.rstrip("\n") + "\n\n" + "\n".join(body) + "\n"
    return text


def _scenario_count(text: str) -> int:
    return sum(
        1
        for line in text.splitlines()
        if line.strip().startswith(("Scenario:", "Scenario Outline:"))
    )


# --- scenario bodies ---------------------------------------------------------------------------
def _scenario(flow_id: str, flow: Flow, item: ChecklistItem, own_tag: bool) -> list[str]:
    """The lines of one scenario (title with ``[n]``) for ``item``."""
    doc_slug, _, flow_slug = flow_id.partition("/")
    served = SERVED.get((doc_slug, flow_slug))
    tags = [f"@checklist:{item.id}"] if own_tag else []
    unserved, why = _unserved(served, flow_id, flow, item)
    notes = []
    if unserved:
        tags.append(f"@{UNSERVED_TAG}{unserved}")
        notes = [f"  # Skipped, not dropped: {why}."]
    words = served or ServedFlow.of_document(flow)
    # A system the generator left unnamed leaves a double space: close it (tables aside).
    lines = [
        line if line.lstrip().startswith("|") else re.sub(r"(?<=\S)  +", " ", line)
        for line in _BODIES[item.kind](words, flow, item)
    ]
    head = [f"  {' '.join(tags)}"] if tags else []
    return [*notes, *head, *lines]


def _unserved(
    served: ServedFlow | None, flow_id: str, flow: Flow, item: ChecklistItem
) -> tuple[str, str]:
    """``(flow or item id, why)`` when the fakes or the vocabulary cannot carry the item."""
    if served is None:
        return flow_id, f"the fakes serve no {flow.source} or {flow.target}"
    if item.kind == "condition":
        return item.id, "the step vocabulary has no step for the condition"
    if item.kind == "creation" and not _connects_by_contact(served, flow):
        return item.id, "the step vocabulary has no step for what the entity is connected to"
    row = item.property or item.criterion
    why = unmodelled(served, row.source, row.target) if row is not None else ""
    if why:
        return item.id, why
    if item.kind in ("merge", "merge-policy") and served.target not in ("Organisation", "Product"):
        return (
            item.id,
            f"the step vocabulary cannot create a {served.target_system} {served.target}",
        )
    if item.kind in ("edit-source", "edit-target") and not _editable_row(served, flow):
        return item.id, "the flow declares no string property the fakes model to edit"
    return "", ""


def _editable_row(served: ServedFlow, flow: Flow) -> tuple[str, str, str] | None:
    for row in flow.properties:
        if row.type == "string" and modelled(served, row.source, row.target):
            return row.source, row.target, row.type
    return None


def _given(words: ServedFlow) -> list[str]:
    if words.source == "Contact" and words.source_system == "Customerp":
        return [
            '    Given a Customerp Customer "Nordlys"',
            f'    And a Customerp Contact "{words.alias}" of Customer "Nordlys"',
        ]
    return [f'    Given a {words.source_system} {words.source} "{words.alias}"']


def _sync(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    a = words.alias
    if flow.merge_policy == "link-required":
        return [
            f"  Scenario: [n] A {words.source_system} {words.source} without a link is not "
            f"synchronized with a {words.target_system} {words.target}",
            *_given(words),
            "    When the engine runs a sync cycle",
            f'    Then "{a}" is not synchronized with a {words.target_system} {words.target}',
            f"    And {words.target_system} holds 0 {words.target}s",
        ]
    return [
        f"  Scenario: [n] A new {words.source_system} {words.source} is synchronized with a "
        f"{words.target_system} {words.target}",
        *_given(words),
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is synchronized with a {words.target_system} {words.target}',
        f'    And every property of "{a}" is equal in both systems',
    ]


def _link(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    a = words.alias
    return [
        f"  Scenario: [n] A linked {words.source_system} {words.source} stays linked to the same "
        f"{words.target_system} {words.target}",
        *_given(words),
        "    And the engine has synchronized both systems",
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is synchronized with the same {words.target_system} {words.target}'
        " as before",
        "    And no record was written to either system",
    ]


def _edit(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    rows = [r for r in flow.properties if r.type == "string"] or flow.properties
    first = (rows[0].source, rows[0].target, rows[0].type) if rows else ("name", "name", "string")
    row = _editable_row(words, flow) or first  # an unserved flow: the document's first row
    a = words.alias
    from_source = item.kind == "edit-source"
    edited, arrives = (
        (words.source_system, words.target_system)
        if from_source
        else (words.target_system, words.source_system)
    )
    prop, other = (row[0], row[1]) if from_source else (row[1], row[0])
    value = example_values(words, row[0], row[1], row[2])[0 if from_source else 1]
    noun = words.target if from_source else words.source
    return [
        f"  Scenario: [n] {prop} edited in {edited} reaches the {arrives} {noun}",
        *_given(words),
        "    And the engine has synchronized both systems",
        f'    And "{a}" was edited in {edited}: {prop} = "{value}"',
        "    When the engine runs a sync cycle",
        f'    Then {arrives} holds "{value}" in {other} of "{a}" as a JSON {row[2]}',
    ]


def _property(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    row = item.property
    assert row is not None
    a = words.alias
    article = "an" if row.type[:1] in "aeiou" else "a"
    there, back = example_values(words, row.source, row.target, row.type)
    table = [
        ["edited in", "property", "arrives in", "as", "type", "value"],
        [words.source_system, row.source, words.target_system, row.target, row.type, there],
        [words.target_system, row.target, words.source_system, row.source, row.type, back],
    ]
    return [
        f"  Scenario Outline: [n] {row.source} is synchronized with {row.target} "
        f'as {article} "{row.type}"',
        *_given(words),
        "    And the engine has synchronized both systems",
        f'    And "{a}" was edited in <edited in>: <property> = "<value>"',
        "    When the engine runs a sync cycle",
        f'    Then <arrives in> holds "<value>" in <as> of "{a}" as a JSON <type>',
        "",
        "    Examples:",
        *_table(table),
    ]


def _merge(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    crit = item.criterion
    assert crit is not None
    value = example_values(words, crit.source, crit.target, "string")[0]
    a, existing = words.alias, "Gamle Bryggeri"
    return [
        f"  Scenario: [n] A {words.source_system} {words.source} merges with an existing "
        f"{words.target_system} {words.target} when {crit.source} equals {crit.target}",
        f'    Given a {words.target_system} {words.target} "{existing}"',
        f'    And "{existing}" was edited in {words.target_system}: {crit.target} = "{value}"',
        *(line.replace("    Given", "    And", 1) for line in _given(words)),
        f'    And "{a}" was edited in {words.source_system}: {crit.source} = "{value}"',
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is synchronized with a {words.target_system} {words.target}',
        f"    And {words.target_system} holds 1 {words.target}",
    ]


def _merge_policy(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    a, existing = words.alias, "Gamle Bryggeri"
    return [
        f"  Scenario: [n] If no matching {words.target_system} {words.target} is found, a new "
        f"{words.target_system} {words.target} is created",
        f'    Given a {words.target_system} {words.target} "{existing}"',
        *(line.replace("    Given", "    And", 1) for line in _given(words)),
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is synchronized with a {words.target_system} {words.target}',
        f"    And {words.target_system} holds 2 {words.target}s",
    ]


def _connects_by_contact(served: ServedFlow, flow: Flow) -> bool:
    """A rule the vocabulary can state: a Customer connected to a Contact of it."""
    return served.source == "Customer" and flow.connected_to == ["Contact"]


def _creation(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    a = words.alias
    if not _connects_by_contact(words, flow):
        return [
            f"  Scenario: [n] A {words.source_system} {words.source} that is connected is "
            f"created in {words.target_system}",
            *_given(words),
            "    When the engine runs a sync cycle",
            f'    Then "{a}" is synchronized with a {words.target_system} {words.target}',
        ]
    return [
        f"  Scenario: [n] A {words.source_system} {words.source} connected to a "
        f"{words.source_system} Contact is created in {words.target_system}, another is not",
        f'    Given a {words.source_system} Customer "{a}"',
        f'    And a {words.source_system} Customer "Fjordblikk"',
        f'    And a {words.source_system} Contact "Kari" of Customer "{a}"',
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is synchronized with a {words.target_system} {words.target}',
        f'    And "Fjordblikk" is not synchronized with a {words.target_system} {words.target}',
    ]


def _condition(words: ServedFlow, flow: Flow, item: ChecklistItem) -> list[str]:
    a = words.alias
    return [
        f"  Scenario: [n] A {words.source_system} {words.source} that is not {flow.condition} "
        "is not synchronized",
        *_given(words),
        "    When the engine runs a sync cycle",
        f'    Then "{a}" is not synchronized with a {words.target_system} {words.target}',
    ]


_BODIES = {
    "sync": _sync,
    "link": _link,
    "edit-source": _edit,
    "edit-target": _edit,
    "property": _property,
    "merge": _merge,
    "merge-policy": _merge_policy,
    "creation": _creation,
    "condition": _condition,
}


def _table(rows: list[list[str]]) -> Iterable[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        yield "      | " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"


def test_module(folder: Path) -> tuple[Path, str]:
    """The module a new feature folder needs: pytest-bdd 9 does not collect .feature files."""
    words = folder.name.replace("_", " ")
    return folder / f"test_{folder.name}.py", (
        f'"""Collects the {words} features: pytest-bdd 9 does not collect .feature files."""\n\n'
        "from __future__ import annotations\n\n"
        "from pytest_bdd import scenarios\n\n"
        'scenarios(".")\n'
    )
