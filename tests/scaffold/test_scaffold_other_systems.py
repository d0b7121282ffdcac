"""A checklist in force that holds another pair's document: its flows are scaffolded in that
document's words, pass the feature lint, are collected and reported as skipped with the
reason (never dropped), and the gate counts them as skipped, not as not covered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from new_version import ROOT, project_copy

ZENDESK = ROOT / "tests" / "checklist" / "samples" / "zendesk-webcrm.rst"


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TALKQA_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, *args], cwd=project, env=clean, capture_output=True, text=True, timeout=300
    )


def test_another_systems_flows_are_scaffolded_collected_and_skipped_with_the_reason(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path / "project", lambda official: official)
    (project / "checklists" / "zendesk-webcrm.rst").write_bytes(ZENDESK.read_bytes())
    pyproject = project / "pyproject.toml"
    listed = '"checklists/customerp-webcrm.supplement.rst"'
    text = pyproject.read_text(encoding="utf-8")
    assert text.count(listed) == 1
    pyproject.write_text(text.replace(listed, f'{listed}, "checklists/zendesk-webcrm.rst"'))

    done = _run(project, "-m", "talkqa", "scaffold")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "scaffold: added 11 scenarios in 11 feature files (11 new)\n"
    assert _run(project, "-m", "talkqa", "coverage").returncode == 0
    folders = sorted(p.name for p in (project / "features").iterdir() if p.name.startswith("zen"))
    assert folders == ["zendesk_webcrm_organizations_organisations", "zendesk_webcrm_users_users"]

    report = project / "reports" / "checklist.html"
    run = _run(
        project,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/features_lint",
        *(f"features/{folder}" for folder in folders),
        f"--checklist-report={report}",
        "--checklist-gate=warn",
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert "11 skipped" in run.stdout
    items = json.loads(report.with_suffix(".json").read_text())["items"]
    zendesk = [i for i in items if i["id"].startswith("zendesk-webcrm/")]
    assert len(zendesk) == 11
    assert {i["status"] for i in zendesk} == {"skipped"}
    reasons = {s["reason"] for i in zendesk for s in i["scenarios"]}
    why = "(the comment above the scenario says why)"
    assert reasons == {
        "Skipped: scaffolded, not served: the fakes or the step vocabulary cannot carry "
        f"zendesk-webcrm/{flow} {why}"
        for flow in ("organizations-organisations", "users-users")
    }
