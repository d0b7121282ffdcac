"""``talkqa sync``: credentials from the environment only, summaries, JSON, exit statuses."""

from __future__ import annotations

import json

import pytest
from talksync_world import CHECKLIST, ORGS

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE
from talkqa.cli import main
from talkqa.commands import sync as sync_command

KEY, CODE = DEFAULT_API_KEY, DEFAULT_AUTH_CODE


@pytest.fixture
def argv(world, tmp_path):
    return [
        "sync",
        "--customerp", world.customerp.base_url,
        "--webcrm", world.webcrm.base_url,
        "--state", str(tmp_path / "cli.db"),
        "--checklist", *map(str, CHECKLIST),
    ]  # fmt: skip


def test_one_cycle_prints_a_summary_per_flow_and_exits_0(world, argv, env, capsys):
    world.customer("Acme")
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert f"{ORGS}: created 1, updated 0, unchanged 0, waiting 0, dead-lettered 0" in out
    assert (
        "requests: customerp 3, webcrm 5" in out
    )  # login, 3 reads, 1 PATCH and "talk updates: 1" in out
    assert KEY not in out + err and CODE not in out + err


def test_json_summary_is_one_object_with_the_documented_keys(world, argv, env, capsys):
    world.customer("Acme")
    assert main([*argv, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) == {"flows", "requests", "talk_updates"}
    assert summary["flows"][ORGS] == {
        "created": 1, "updated": 0, "unchanged": 0, "waiting": 0, "dead_lettered": 0,
    }  # fmt: skip
    assert set(summary["requests"]) == {"customerp", "webcrm"}


def test_dead_letter_exits_1_and_names_the_reason(world, argv, env, capsys):
    world.customer("Acme", website="w" * 60)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "dead letter:" in err and "OrganisationWww" in err


@pytest.mark.parametrize("missing", ["CUSTOMERP_API_KEY", "WEBCRM_AUTH_CODE"])
def test_missing_credential_is_a_one_line_usage_error(
    world, argv, env, monkeypatch, capsys, missing
):
    monkeypatch.delenv(missing)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:") and missing in err
    assert "Traceback" not in err


def test_wrong_api_key_exits_2_without_echoing_it(world, argv, env, monkeypatch, capsys):
    monkeypatch.setenv("CUSTOMERP_API_KEY", "wrong-key-xyz")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "401" in err and "wrong-key-xyz" not in err


def test_bad_url_and_missing_state_folder_are_usage_errors(world, argv, env, capsys):
    bad_url = [*argv]
    bad_url[bad_url.index("--webcrm") + 1] = "ftp://x"
    assert main(bad_url) == 2
    no_folder = [*argv]
    no_folder[no_folder.index("--state") + 1] = "/nonexistent/dir/state.db"
    assert main(no_folder) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: --webcrm") and err[1].startswith("error: --state")


def test_watch_repeats_cycles_until_interrupted(world, argv, env, monkeypatch, capsys):
    world.customer("Acme")
    pauses = []

    def pause(seconds):
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(sync_command, "_sleep", pause)
    assert main([*argv, "--watch", "30", "--json"]) == 0
    cycles = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(cycles) == 2 and pauses == [30.0, 30.0]
    assert cycles[0]["talk_updates"] == 1 and cycles[1]["talk_updates"] == 0


def test_watch_reports_a_failed_cycle_and_runs_the_next_one(world, argv, env, monkeypatch, capsys):
    world.customer("Acme")
    world.customerp.faults.add(
        {"method": "GET", "path": "/customers", "action": "status", "status": 503, "times": 6}
    )
    watch_pauses = []

    def pause(seconds):  # retries and --watch both pause through the command's sleeper
        if seconds == 30:
            watch_pauses.append(seconds)
            if len(watch_pauses) == 2:
                raise KeyboardInterrupt

    monkeypatch.setattr(sync_command, "_sleep", pause)
    assert main([*argv, "--watch", "30", "--json"]) == 1  # one cycle failed
    out, err = capsys.readouterr()
    assert err.startswith("error: sync failed: TransientFailure: customerp GET /customers")
    assert err.count("\n") == 1
    (summary,) = [json.loads(line) for line in out.splitlines()]
    assert summary["flows"][ORGS]["created"] == 1


def test_watch_ends_when_webcrm_refuses_the_credentials(world, argv, env, monkeypatch, capsys):
    monkeypatch.setenv("WEBCRM_AUTH_CODE", "revoked-code")
    monkeypatch.setattr(sync_command, "_sleep", lambda s: pytest.fail("no second cycle"))
    assert main([*argv, "--watch", "30"]) == 2
    err = capsys.readouterr().err
    assert "ApiLogin: HTTP 200 login refused" in err and "revoked-code" not in err
