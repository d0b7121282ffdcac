"""``talkqa sync`` on bad input: bad URLs, unreachable hosts, unusable state files, malformed
credentials. Always one line on stderr, never a traceback, never a credential."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from talksync_world import CHECKLIST

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE
from talkqa.cli import main
from talkqa.commands import sync as sync_command

KEY, CODE = DEFAULT_API_KEY, DEFAULT_AUTH_CODE


@pytest.fixture
def pauses(monkeypatch):
    """Retries wait through the command's one sleeper: recorded here, never slept."""
    waited: list[float] = []
    monkeypatch.setattr(sync_command, "_sleep", waited.append)
    return waited


def sync_args(tmp_path, customerp="https://customerp.example.com/api/v1", webcrm=None, **kw):
    return [
        "sync",
        "--customerp", customerp,
        "--webcrm", webcrm or "https://api.webcrm.com",
        "--state", str(kw.get("state", tmp_path / "state.db")),
        "--checklist", *map(str, kw.get("checklist", CHECKLIST)),
    ]  # fmt: skip


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "Traceback" not in err and KEY not in err and CODE not in err
    return err


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://x", "not an http(s) URL"),
        ("http://[::1", "not a valid URL"),
        ("http://host:99999/api", "not a valid URL"),
        ("http://exa mple/api", "no spaces"),
        ("http:///api/v1", "not an http(s) URL"),
        ("https://user:pw@customerp.example.com/api/v1", "must not carry credentials"),
        ("https://customerp.example.com/api/v1?key=1", "no spaces, query or fragment"),
    ],
)
def test_a_bad_url_is_a_usage_error_naming_the_option(tmp_path, env, capsys, url, says):
    assert main(sync_args(tmp_path, customerp=url)) == 2
    err = one_line_error(capsys)
    assert err.startswith("error: --customerp: ") and says in err
    assert "pw" not in err.replace("--customerp", "")
    assert not (tmp_path / "state.db").exists()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_host_fails_after_the_retry_budget_in_one_line(
    tmp_path, env, capsys, pauses
):
    url = f"http://127.0.0.1:{closed_port()}"
    assert main(sync_args(tmp_path, customerp=f"{url}/api/v1", webcrm=url)) == 1
    err = one_line_error(capsys)
    assert "ConnectionError" in err and url.removeprefix("http://") in err
    assert len(pauses) == 5  # six attempts, backoff between them


def test_a_state_file_that_is_not_sqlite_is_a_usage_error(tmp_path, env, capsys):
    state = tmp_path / "notes.txt"
    state.write_text("some notes, not a database\n" * 50)
    assert main(sync_args(tmp_path, state=state)) == 2
    assert f"{state}: cannot use it as a state file" in one_line_error(capsys)


def test_another_programs_database_is_a_usage_error(tmp_path, env, capsys):
    state = tmp_path / "app.db"
    with sqlite3.connect(state) as db:
        db.execute("CREATE TABLE meta (x INTEGER)")
    assert main(sync_args(tmp_path, state=state)) == 2
    assert "not a talksync state file" in one_line_error(capsys)


def renamed_checklist(folder):
    """The checklist in force for another ERP: the same flows under another document slug."""
    paths = []
    for path in CHECKLIST:
        copy = folder / path.name.replace("customerp", "legacyerp")
        copy.write_text(path.read_text(encoding="utf-8").replace("Customerp", "Legacyerp"))
        paths.append(copy)
    return paths


def test_a_state_file_of_another_checklist_is_a_usage_error(world, tmp_path, env, capsys):
    args = sync_args(tmp_path, world.customerp.base_url, world.webcrm.base_url)
    assert main(args) == 0
    capsys.readouterr()
    other = sync_args(
        tmp_path,
        world.customerp.base_url,
        world.webcrm.base_url,
        checklist=renamed_checklist(tmp_path),
    )
    assert main(other) == 2
    err = one_line_error(capsys)
    assert "made for the checklist 'customerp-webcrm', not 'legacyerp-webcrm'" in err


@pytest.mark.parametrize("key", [DEFAULT_API_KEY + "\n", "cp test key", "cp-tëst-key"])
def test_a_credential_no_header_can_carry_is_a_usage_error_that_never_shows_it(
    tmp_path, env, monkeypatch, capsys, key
):
    monkeypatch.setenv("CUSTOMERP_API_KEY", key)
    assert main(sync_args(tmp_path)) == 2
    err = one_line_error(capsys)
    assert "Customerp API key" in err and key.strip() not in err
