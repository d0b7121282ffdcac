"""The engine switch: ``TALKQA_ENGINE=<module>:<callable>`` makes talksync.create_engine (and so
every caller: steps, CLI, tests) build engines with another factory; unset, the reference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import DEFAULT_API_KEY, DEFAULT_AUTH_CODE
from talksync import ConfigError, Engine, EngineConfig, create_engine
from talksync.factory import ENV, engine_factory

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = [ROOT / "checklists" / "customerp-webcrm.rst"]


def config(tmp_path: Path) -> EngineConfig:
    return EngineConfig(
        customerp_url="https://customerp.example.com/api/v1",
        customerp_api_key=DEFAULT_API_KEY,
        webcrm_url="https://api.webcrm.com",
        webcrm_auth_code=DEFAULT_AUTH_CODE,
        state_path=tmp_path / "state.db",
        checklist=CHECKLIST,
    )


def test_without_the_variable_create_engine_builds_the_reference(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    engine = create_engine(config(tmp_path))
    assert type(engine) is Engine
    engine.close()


@pytest.mark.parametrize("spec", ["", "talksync:create_engine"])
def test_empty_or_default_spec_selects_the_reference(spec, monkeypatch):
    monkeypatch.setenv(ENV, spec)
    assert engine_factory() is Engine


def test_the_variable_selects_the_named_factory(tmp_path, monkeypatch):
    (tmp_path / "other_engine.py").write_text(
        "BUILT = []\n\ndef build(config):\n    BUILT.append(config)\n    return 'other engine'\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(ENV, "other_engine:build")
    cfg = config(tmp_path)
    assert create_engine(cfg) == "other engine"
    import other_engine  # type: ignore[import-not-found]

    assert [cfg] == other_engine.BUILT


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("no_colon_here", "expected <module>:<callable>"),
        ("talksync:", "expected <module>:<callable>"),
        ("talksync_nowhere:build", "cannot import 'talksync_nowhere'"),
        ("talksync.engine:no_such_factory", "has no 'no_such_factory'"),
        ("talksync.factory:ENV", "is not callable"),
    ],
)
def test_a_bad_spec_is_a_config_error_naming_the_variable(spec, says, monkeypatch):
    monkeypatch.setenv(ENV, spec)
    with pytest.raises(ConfigError) as raised:
        engine_factory()
    assert str(raised.value).startswith(f"{ENV}: ")
    assert says in str(raised.value)


def test_the_sync_command_honours_the_switch_and_reports_a_bad_one_in_one_line(tmp_path):
    env = {
        **os.environ,
        ENV: "talksync_nowhere:build",
        "CUSTOMERP_API_KEY": DEFAULT_API_KEY,
        "WEBCRM_AUTH_CODE": DEFAULT_AUTH_CODE,
    }
    done = subprocess.run(
        [sys.executable, "-m", "talkqa", "sync", "--customerp", "http://127.0.0.1:9/api/v1",
         "--webcrm", "http://127.0.0.1:9", "--state", str(tmp_path / "s.db")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {ENV}: cannot import 'talksync_nowhere': No module named 'talksync_nowhere'"
    ]
