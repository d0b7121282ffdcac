"""The engine interface's records: dead letters from records or tuples (older engines), a
Python summary from attributes or a mapping, the command binding's summary line read key by
key, the factory switch."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from talkqa.engine_api import (
    CycleReport,
    DeadLetter,
    FlowCounts,
    load_factory,
    report_from_json,
)
from talksync import DeadLetter as ReferenceDeadLetter

FLOW = "customerp-webcrm/customer-organisations"


class Letter(NamedTuple):
    flow: str
    side: str
    entity_id: int
    reason: str


@pytest.mark.parametrize(
    "item",
    [
        (FLOW, "source", 7, "OrganisationCity is too long"),  # an older engine's tuple
        Letter(FLOW, "source", 7, "OrganisationCity is too long"),
        ReferenceDeadLetter(FLOW, "source", 7, "OrganisationCity is too long"),
        {
            "flow": FLOW,
            "side": "source",
            "entity_id": "7",
            "reason": "OrganisationCity is too long",
        },
    ],
)
def test_a_dead_letter_reads_from_a_record_a_mapping_or_a_tuple(item):
    assert DeadLetter.of(item) == DeadLetter(FLOW, "source", 7, "OrganisationCity is too long")


def test_a_dead_letter_of_three_parts_is_refused():
    with pytest.raises(ValueError, match="4 parts"):
        DeadLetter.of((FLOW, "source", 7))


def test_the_summary_line_keeps_what_it_carries_and_leaves_the_rest_unknown():
    report = report_from_json(
        True, {"flows": {FLOW: {"created": 2}}, "links": {FLOW: [[1, 2]]}}, None
    )
    assert report.flows == {FLOW: FlowCounts(created=2)}
    assert report.links == {FLOW: [(1, 2)]}
    assert report.dead_letters is None and report.requests is None and report.talk_updates is None
    assert report_from_json(False, {}, "boom") == CycleReport(False, error="boom")


class Counts(NamedTuple):
    created: int
    updated: int
    unchanged: int
    waiting: int
    dead_lettered: int


class Summary(NamedTuple):
    flows: dict[str, Counts]
    requests: dict[str, int]
    talk_updates: int


@pytest.mark.parametrize(
    "summary",
    [
        Summary({FLOW: Counts(2, 0, 0, 1, 0)}, {"customerp": 3, "webcrm": 5}, 2),
        {
            "flows": {FLOW: {"created": 2, "waiting": 1}},
            "requests": {"customerp": 3, "webcrm": 5},
            "talk_updates": 2,
        },
    ],
)
def test_a_python_summary_reads_from_attributes_or_a_mapping(summary):
    report = CycleReport.of_summary(summary)
    assert report.completed
    assert report.flows == {FLOW: FlowCounts(created=2, waiting=1)}
    assert report.requests == {"customerp": 3, "webcrm": 5}
    assert report.talk_updates == 2


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"flows": [1, 2]}, "flows"),
        ({"links": {FLOW: [[1, 2, 3]]}}, "links"),
        ({"dead_letters": [{"flow": FLOW}]}, "dead_letters"),
        ({"talk_updates": "many"}, "talk_updates"),
    ],
)
def test_a_malformed_key_of_the_summary_line_is_named(data, key):
    with pytest.raises(ValueError, match=f'"{key}" does not follow the protocol'):
        report_from_json(True, data, None)


def test_the_factory_switch_defaults_to_the_reference(monkeypatch):
    import talksync

    monkeypatch.delenv("TALKQA_ENGINE", raising=False)
    assert load_factory() is talksync.create_engine


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("no_colon", "expected <module>:<callable>"),
        ("talksync_nowhere:build", "cannot import 'talksync_nowhere'"),
        ("talksync:no_such", "has no 'no_such'"),
    ],
)
def test_a_bad_factory_spec_names_the_variable(spec, says):
    with pytest.raises(ValueError, match="TALKQA_ENGINE") as raised:
        load_factory(spec)
    assert says in str(raised.value)
