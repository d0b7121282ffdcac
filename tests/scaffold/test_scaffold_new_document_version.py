"""Issue 15's test: a new official document (three property rows and a merge block added)
becomes a complete, lint-clean, gated suite with one command and no hand edits; the new
scenarios pass against the reference engine where the fakes model the properties, are
skipped with a reason where they do not, and fail against a mutant that drops a new row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from new_version import NEW_ITEMS, ORGS, project_copy


def _run(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TALKQA_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_new_document_version_becomes_a_gated_suite_in_one_command(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    features = project / "features"
    before = _tree(features)

    uncovered = _run(project, "-m", "talkqa", "coverage", "--json")
    assert uncovered.returncode == 1
    missing = {i["id"] for i in json.loads(uncovered.stdout)["items"] if not i["covered"]}
    assert missing == set(NEW_ITEMS)

    dry = _run(project, "-m", "talkqa", "scaffold", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "+++ b/features/customer_organisations/CustomerOrganisations6.feature" in dry.stdout
    assert (
        "+  Scenario Outline: [9] email is synchronized with OrganisationExtraCustom1" in dry.stdout
    )
    assert _tree(features) == before  # a dry run writes nothing

    done = _run(project, "-m", "talkqa", "scaffold")
    assert (done.returncode, done.stderr) == (
        0,
        "scaffold: added 5 scenarios in 2 feature files (1 new)\n",
    )
    after = _tree(features)
    for name, text in before.items():  # nothing that was there is changed
        assert after[name].startswith(text.rstrip("\n")), name
    assert _run(project, "-m", "talkqa", "coverage").returncode == 0
    again = _run(project, "-m", "talkqa", "scaffold")
    assert again.stderr.startswith("scaffold: added 0 scenarios") and _tree(features) == after

    report = project / "reports" / "checklist.json"
    suite = _run(
        project,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/features_lint",
        "features",
        f"--checklist-report={project / 'reports' / 'checklist.html'}",
    )
    assert suite.returncode == 0, suite.stdout[-3000:]
    statuses = {i["id"]: i for i in json.loads(report.read_text())["items"]}
    assert {i: statuses[i]["status"] for i in NEW_ITEMS} == {
        f"{ORGS}/merge-policy": "passed",
        f"{ORGS}/merge/vat_number--organisationvatnumber": "passed",
        f"{ORGS}/property/email--organisationextracustom1": "passed",
        f"{ORGS}/property/customer_number--organisationxtext1": "passed",
        f"{ORGS}/property/fax--organisationfax": "skipped",
    }
    fax = statuses[f"{ORGS}/property/fax--organisationfax"]["scenarios"]
    assert fax and all("not served" in s["reason"] for s in fax)

    mutant = _run(
        project,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "features/customer_organisations",
        "-k",
        "organisationextracustom1",
        "--checklist-gate=off",
        env={"TALKQA_ENGINE": "mutant_drop_email:drop_email"},
    )
    assert mutant.returncode == 1, mutant.stdout[-3000:]
    assert "2 failed" in mutant.stdout  # both directions of the dropped row
