"""Feature lint as tests: one When per scenario, known steps, real checklist items, unique ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from featurelint import (
    FeatureFile,
    duplicate_problems,
    load_features,
    numbering_problems,
    parse_feature,
    property_outline_problems,
    stated_number_problems,
    tag_problems,
    unknown_step_problems,
    when_problems,
    wording_problems,
)

import steps.crowd  # noqa: F401  (registers the vocabulary)
import steps.given  # noqa: F401
import steps.meanwhile  # noqa: F401
import steps.outcomes  # noqa: F401
import steps.then  # noqa: F401
import steps.when  # noqa: F401
from steps.scene import checklist
from steps.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"
FLOW_FOLDERS = ("customer_organisations", "contact_persons", "product_products", "cross_cutting")


@pytest.fixture(scope="module")
def features() -> list[FeatureFile]:
    return load_features(FEATURES)


@pytest.fixture(scope="module")
def item_ids() -> set[str]:
    return {item.id for item in checklist().items}


def test_every_flow_folder_holds_features_and_a_collector() -> None:
    for name in FLOW_FOLDERS:
        folder = FEATURES / name
        assert list(folder.glob("*.feature")), f"{folder}: no .feature file"
        collectors = [p for p in folder.glob("test_*.py") if "scenarios(" in p.read_text()]
        assert collectors, f"{folder}: no test module calling scenarios() - nothing is collected"


def test_every_scenario_has_exactly_one_when(features: list[FeatureFile]) -> None:
    problems = [p for f in features for s in f.scenarios for p in when_problems(s)]
    assert not problems, "\n".join(problems)


def test_every_step_matches_exactly_one_known_pattern(features: list[FeatureFile]) -> None:
    problems = [p for f in features for s in f.scenarios for p in unknown_step_problems(s)]
    assert not problems, "\n".join(problems)


def test_every_tag_names_an_item_of_the_checklist_in_force(
    features: list[FeatureFile], item_ids: set[str]
) -> None:
    problems = [p for f in features for s in f.scenarios for p in tag_problems(s, item_ids)]
    assert not problems, "\n".join(problems)


def test_every_item_of_the_checklist_is_traced_to_a_scenario(
    features: list[FeatureFile], item_ids: set[str]
) -> None:
    traced = {t.partition(":")[2] for f in features for s in f.scenarios for t in s.tags}
    assert not item_ids - traced, f"untraced items: {sorted(item_ids - traced)}"


def test_features_and_scenarios_are_numbered_and_unique(features: list[FeatureFile]) -> None:
    problems = [p for f in features for p in numbering_problems(f)] + duplicate_problems(features)
    assert not problems, "\n".join(problems)


def test_flow_features_are_titled_in_the_documents_words(features: list[FeatureFile]) -> None:
    problems = [p for f in features for p in wording_problems(f, checklist())]
    assert not problems, "\n".join(problems)


def test_every_property_row_has_an_outline_checking_value_and_type_both_ways(
    features: list[FeatureFile],
) -> None:
    scenarios = [s for f in features for s in f.scenarios]
    problems = [p for s in scenarios for p in property_outline_problems(s, checklist())]
    assert not problems, "\n".join(problems)
    outlined = {i.id for s in scenarios if s.examples for i in s.items(checklist())}
    rows = {i.id for i in checklist().items if i.kind == "property"}
    assert not rows - outlined, f"property rows without a Scenario Outline: {rows - outlined}"


def test_numbers_in_scenario_titles_are_the_schemas(features: list[FeatureFile]) -> None:
    problems = [p for f in features for s in f.scenarios for p in stated_number_problems(s)]
    assert not problems, "\n".join(problems)


def test_every_pattern_of_the_vocabulary_is_documented_and_used(
    features: list[FeatureFile],
) -> None:
    readme = (FEATURES / "README.md").read_text(encoding="utf-8")
    undocumented = [p.readable for p in VOCABULARY if p.readable not in readme]
    assert not undocumented, f"features/README.md lacks: {undocumented}"
    texts = [
        (s.keyword, s.text) for f in features for sc in f.scenarios for run in sc.runs for s in run
    ]
    unused = [
        p.readable for p in VOCABULARY if not any(k == p.keyword and p.matches(t) for k, t in texts)
    ]
    assert not unused, f"patterns no feature uses: {unused}"


# --- the lint itself catches what it should --------------------------------------------------
BAD_FEATURE = """\
Feature: Bad1 - A feature with every mistake

  @checklist:customerp-webcrm/no-such-flow/sync
  Scenario: [1] Two actions
    Given a Customerp Customer "Nordlys"
    When the engine runs a sync cycle
    And the engine runs a sync cycle
    Then the moon is made of cheese

  @wip
  Scenario: [3] Two actions
    Given a Customerp Customer "Nordlys"
    Then Webcrm holds 1 Organisation
"""


def written(folder: Path, name: str, text: str) -> FeatureFile:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_feature(path)


@pytest.fixture
def bad(tmp_path: Path) -> FeatureFile:
    return written(tmp_path, "Bad1.feature", BAD_FEATURE)


def test_lint_reports_two_whens_and_a_missing_when(bad: FeatureFile) -> None:
    problems = [p for s in bad.scenarios for p in when_problems(s)]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "2 When steps, expected exactly 1",
        "0 When steps, expected exactly 1",
    ]


def test_lint_reports_an_unknown_step_with_its_line(bad: FeatureFile) -> None:
    problems = unknown_step_problems(bad.scenarios[0])
    assert problems == [f"{bad.path}:8: then 'the moon is made of cheese' matches no known step"]


def test_lint_reports_unknown_items_other_tags_and_untagged_scenarios(
    bad: FeatureFile, item_ids: set[str]
) -> None:
    first, second = (tag_problems(s, item_ids) for s in bad.scenarios)
    assert first == [
        f"{bad.path}:4: @checklist:customerp-webcrm/no-such-flow/sync names no "
        "item of the checklist in force"
    ]
    assert f"{bad.path}:11: tag @wip is not a @checklist:<item id> tag" in second
    assert f"{bad.path}:11: no @checklist tag: which item does it protect?" in second


def test_lint_reports_gaps_in_numbering_and_repeated_names(bad: FeatureFile) -> None:
    assert numbering_problems(bad) == [
        f"{bad.path}:1: scenarios numbered [1, 3], expected 1..2 in order"
    ]
    assert duplicate_problems([bad, bad])[0].endswith("feature id Bad1 also in " + bad.path)


WRONG_WORDS = """\
@checklist:customerp-webcrm/customer-organisations/edit-target
Feature: Words1 - Edits in webCRM come back

  Scenario: [1] A city longer than OrganisationCity's maxLength of 60 is a dead letter
    When the engine runs a sync cycle

  @checklist:customerp-webcrm/product-products/property/unit_price--productprice
  Scenario Outline: [2] unit_price is synchronized with ProductPrice as a "string"
    When the engine runs a sync cycle

    Examples:
      | edited in | property   | arrives in | as           | type   | value |
      | Customerp | unit_price | Webcrm     | ProductPrice | string | 1.5   |
"""


@pytest.fixture
def wrong(tmp_path: Path) -> FeatureFile:
    return written(tmp_path, "Words1.feature", WRONG_WORDS)


def test_lint_reports_a_title_that_is_not_the_documents(wrong: FeatureFile) -> None:
    assert wording_problems(wrong, checklist()) == [
        f"{wrong.path}:2: title says 'Edits in webCRM come back', the document "
        "'An edit to a linked Webcrm Organisations reaches its Customerp Customer'"
    ]


def test_lint_reports_a_maxlength_the_schema_does_not_say(wrong: FeatureFile) -> None:
    assert stated_number_problems(wrong.scenarios[0]) == [
        f"{wrong.path}:4: says OrganisationCity's maxLength is 60, the schema [50]"
    ]


def test_lint_reports_an_outline_with_the_wrong_type_and_one_direction(
    wrong: FeatureFile,
) -> None:
    assert property_outline_problems(wrong.scenarios[1], checklist()) == [
        f"{wrong.path}:8: an Outline of the row is titled "
        "'[n] unit_price is synchronized with ProductPrice as a \"float\"'",
        f"{wrong.path}:8: Examples row unit_price -> ProductPrice (string) is not the "
        "checklist's unit_price -> ProductPrice (float)",
        f"{wrong.path}:8: Examples go [('Customerp', 'Webcrm')], not both ways",
    ]


UNSERVED_FEATURE = """\
Feature: Unserved1 - Scaffolded scenarios the fakes cannot carry

  @checklist:customerp-webcrm/customer-organisations/sync
  @unserved:tripletex-webcrm/product-products
  Scenario: [1] Another system's words
    Given a Tripletex Product "Nordlys"
    When the engine runs a sync cycle
    Then "Nordlys" is synchronized with a WebCRM Product

  @checklist:customerp-webcrm/customer-organisations/sync
  @unserved:customerp-webcrm/customer-organisations/sync
  Scenario: [2] An unserved item of a served flow still speaks the vocabulary
    Given a Customerp Fax "Nordlys"
    When the engine runs a sync cycle
    Then Webcrm holds 1 Organisation
"""


def test_lint_checks_unserved_tags_and_exempts_only_other_systems_flows(
    tmp_path: Path, item_ids: set[str]
) -> None:
    feature = written(tmp_path, "Unserved1.feature", UNSERVED_FEATURE)
    other, served = feature.scenarios
    assert tag_problems(other, item_ids) == [
        f"{feature.path}:5: @unserved:tripletex-webcrm/product-products names no item or flow "
        "in force"
    ]
    assert tag_problems(served, item_ids) == []
    assert unknown_step_problems(other) == []  # another document's words: exempt
    assert unknown_step_problems(served) == [
        f"{feature.path}:13: given 'a Customerp Fax \"Nordlys\"' matches no known step"
    ]
