"""``talkqa checklist --json`` agrees with an independent, line-based reading of every Sesam
Talk document this repository holds: the same flows, property rows and merge rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from independent_reader import Reading, read, squash

from talkqa.cli import main

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
DOCUMENTS = sorted(
    [*HERE.joinpath("samples").glob("*.rst"), *HERE.joinpath("corpus").glob("*.rst")]
    + [*ROOT.joinpath("checklists").glob("*.rst")]
)


def parsed(path: Path, capsys: pytest.CaptureFixture[str]) -> Reading:
    """What ``talkqa checklist --json`` says the document promises, in the reading's terms."""
    assert main(["checklist", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    reading = Reading()
    for doc in out["documents"]:
        for flow in doc["flows"]:
            key = squash(flow["heading"])
            reading.flows[key] = flow["heading"]
            for p in flow["properties"]:
                reading.properties.add((key, p["source"], p["target"], p["type"]))
            for m in flow["merge_criteria"]:
                reading.merge_rows.add((key, m["source"], m["target"]))
    return reading


def test_the_corpus_at_hand_is_not_empty() -> None:
    assert len(DOCUMENTS) >= 18
    assert sum(len(read(p).properties) for p in DOCUMENTS) > 100


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_checklist_agrees_with_the_independent_reading(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = parsed(path, capsys), read(path)
    assert sorted(ours.flows) == sorted(theirs.flows)
    assert sorted(ours.properties) == sorted(theirs.properties)
    assert sorted(ours.merge_rows) == sorted(theirs.merge_rows)
