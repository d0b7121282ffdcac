"""``talkqa sync --engine-protocol``: the command binding of the engine interface - settings
from the protocol's environment variables, one JSON summary line, exit 0 when it completed."""

from __future__ import annotations

import json
import os

import pytest
from talksync_world import CHECKLIST, ORGS

from talkqa import engine_protocol as protocol
from talkqa.cli import main
from talkqa.engine_api import SUMMARY_KEYS, report_from_json


@pytest.fixture
def protocol_env(world, env, tmp_path, monkeypatch):
    """Everything through the protocol's variables, as the harness's command driver sets it."""
    monkeypatch.setenv(protocol.CUSTOMERP_URL, world.customerp.base_url)
    monkeypatch.setenv(protocol.WEBCRM_URL, world.webcrm.base_url)
    monkeypatch.setenv(protocol.STATE_DIR, str(tmp_path))
    monkeypatch.setenv(protocol.CHECKLISTS, os.pathsep.join(map(str, CHECKLIST)))
    return tmp_path


def last_line(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_the_last_line_carries_summary_links_and_dead_letters(world, protocol_env, capsys):
    acme = world.customer("Acme")
    world.customer("Long", website="w" * 60)
    assert main(["sync", "--engine-protocol"]) == 0  # a dead letter: the cycle still completed
    line = last_line(capsys)
    assert set(line) == set(SUMMARY_KEYS)
    report = report_from_json(True, line, None)
    assert report.flows is not None and report.flows[ORGS].created == 1
    assert report.links is not None and [s for s, _ in report.links[ORGS]] == [acme["id"]]
    assert report.dead_letters is not None
    [letter] = report.dead_letters
    assert (letter.flow, letter.side) == (ORGS, "source") and "OrganisationWww" in letter.reason
    assert (protocol_env / "talksync.sqlite").is_file()  # the state lives in TALKQA_STATE_DIR


def test_share_enabled_off_for_webcrm_writes_nothing_there(world, protocol_env, monkeypatch):
    world.customer("Acme")
    monkeypatch.setenv(protocol.SHARE_ENABLED["webcrm"], "false")
    assert main(["sync", "--engine-protocol"]) == 0
    assert world.webcrm.records("Organisations") == []


def test_a_failed_cycle_exits_1(world, protocol_env, capsys):
    world.customer("Acme")
    world.webcrm.faults.add({"method": "*", "path": "/Organisations*", "action": "status",
                             "status": 400, "times": 100})  # fmt: skip
    assert main(["sync", "--engine-protocol"]) == 1
    assert capsys.readouterr().err.startswith("error:")


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        (protocol.FULL_SYNC, "maybe", "TALKQA_FULL_SYNC: expected true or false"),
        (protocol.STATE_DIR, "/nonexistent/folder", "TALKQA_STATE_DIR: folder"),
        (protocol.CUSTOMERP_URL, "", "--customerp URL or CUSTOMERP_URL"),
    ],
)
def test_a_bad_variable_is_a_one_line_usage_error(
    protocol_env, monkeypatch, capsys, variable, value, says
):
    monkeypatch.setenv(variable, value)
    assert main(["sync", "--engine-protocol"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err
