"""A document requiring a link first, with a creation rule and merge criteria: scaffolded
scenarios that pass against the reference engine and fail against one deaf to the policies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from new_version import IGNORES_POLICIES, ORGS, link_required_version, project_copy


def _run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TALKQA_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_link_required_and_created_if_connected_become_scenarios_the_engine_honours(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path / "project", link_required_version)
    (project / "policies_ignored.py").write_text(IGNORES_POLICIES, encoding="utf-8")
    done = _run(project, "-m", "talkqa", "scaffold")
    assert done.returncode == 0, done.stderr
    merge_block = project / "features" / "customer_organisations" / "CustomerOrganisations6.feature"
    text = merge_block.read_text(encoding="utf-8")
    assert f"@checklist:{ORGS}/creation" in text
    assert '    And "Fjordblikk" is not synchronized with a Webcrm Organisation' in text
    assert f"@checklist:{ORGS}/merge/vat_number--organisationvatnumber" in text
    assert "@unserved" not in text

    module = "features/customer_organisations/test_customer_organisations.py"
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", module, "-k", "merge or connected"]
    args += ["--checklist-gate=off"]
    reference = _run(project, *args)
    assert reference.returncode == 0, reference.stdout[-3000:]
    assert "2 passed" in reference.stdout
    deaf = _run(project, *args, TALKQA_ENGINE="policies_ignored:create_all")
    assert deaf.returncode == 1, deaf.stdout[-3000:]
    assert "1 failed, 1 passed" in deaf.stdout  # the creation rule; merging still works
