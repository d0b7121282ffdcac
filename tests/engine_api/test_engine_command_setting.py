"""``[tool.talkqa] engine_command``: the engine command configured in pyproject.toml (the
``--engine-command`` option wins over it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from steps.targets import configured_command


def config_with(tmp_path: Path, text: str) -> pytest.Config:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    return SimpleNamespace(inipath=pyproject)  # type: ignore[return-value]


def test_the_configured_command_is_read_from_the_talkqa_table(tmp_path):
    text = '[tool.talkqa]\nengine_command = "python my_engine.py"\n'
    assert configured_command(config_with(tmp_path, text)) == "python my_engine.py"


def test_without_the_setting_there_is_no_command(tmp_path):
    assert configured_command(config_with(tmp_path, "[tool.talkqa]\nchecklists = []\n")) is None


def test_a_command_that_is_not_a_string_is_a_usage_error(tmp_path):
    with pytest.raises(pytest.UsageError, match="engine_command must be a string"):
        configured_command(config_with(tmp_path, "[tool.talkqa]\nengine_command = 3\n"))
