"""Fixtures for the plugin tests: a tiny project (checklist, feature, steps) inside pytester."""

from __future__ import annotations

import pytest
from plugin_project import SECRET_CODE, SECRET_KEY, TinyProject


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> TinyProject:
    monkeypatch.setenv("CUSTOMERP_API_KEY", SECRET_KEY)
    monkeypatch.setenv("WEBCRM_AUTH_CODE", SECRET_CODE)
    return TinyProject(pytester)
