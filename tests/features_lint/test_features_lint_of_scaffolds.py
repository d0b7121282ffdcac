"""The feature lint passes on what ``talkqa scaffold`` writes for every document at hand:
one When, known steps (another system's flows aside), tags naming items or flows in force,
numbering, titles in the document's words, property Outlines both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from featurelint import (
    duplicate_problems,
    load_features,
    numbering_problems,
    property_outline_problems,
    tag_problems,
    unknown_step_problems,
    when_problems,
    wording_problems,
)

import steps.given  # noqa: F401  (registers the vocabulary)
import steps.then  # noqa: F401
import steps.when  # noqa: F401
from checklist import load_checklist
from talkqa.cli import main

CHECKLIST_TESTS = Path(__file__).resolve().parents[1] / "checklist"
DOCUMENTS = sorted(
    [*CHECKLIST_TESTS.joinpath("samples").glob("*.rst")]
    + [*CHECKLIST_TESTS.joinpath("corpus").glob("*.rst")]
)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_scaffolded_features_pass_the_lint(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scaffold", "--checklist", str(document), "--features", str(tmp_path)]) == 0
    capsys.readouterr()
    checklist = load_checklist([document])
    item_ids = {i.id for i in checklist.items}
    features = load_features(tmp_path)
    assert len(features) == len({f.path for f in features})
    scenarios = [s for f in features for s in f.scenarios]
    problems = [p for f in features for p in numbering_problems(f) + wording_problems(f, checklist)]
    problems += duplicate_problems(features)
    for s in scenarios:
        problems += when_problems(s) + unknown_step_problems(s) + tag_problems(s, item_ids)
        problems += property_outline_problems(s, checklist)
    assert not problems, "\n".join(problems)
    traced = {t.partition(":")[2] for s in scenarios for t in s.tags if t.startswith("checklist:")}
    assert traced == item_ids
    for folder in {Path(f.path).parent for f in features}:
        assert (folder / f"test_{folder.name}.py").read_text().endswith('scenarios(".")\n')
