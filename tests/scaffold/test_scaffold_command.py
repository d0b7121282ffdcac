"""``talkqa scaffold``: flows of other systems, bad input, atomic writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from talkqa.cli import main
from talkqa.feature_index import index_features

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "checklist" / "samples"


def test_a_flow_the_fakes_cannot_serve_gets_unserved_features_and_a_collector(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = SAMPLES / "zendesk-webcrm.rst"
    assert main(["scaffold", "--checklist", str(doc), "--features", str(tmp_path)]) == 0
    folder = tmp_path / "zendesk_webcrm_users_users"
    assert sorted(p.name for p in folder.iterdir()) == [
        "ZendeskWebcrmUsersUsers1.feature",
        "ZendeskWebcrmUsersUsers2.feature",
        "ZendeskWebcrmUsersUsers3.feature",
        "ZendeskWebcrmUsersUsers4.feature",
        "ZendeskWebcrmUsersUsers5.feature",
        "ZendeskWebcrmUsersUsers7.feature",
        "test_zendesk_webcrm_users_users.py",
    ]
    sync = (folder / "ZendeskWebcrmUsersUsers1.feature").read_text()
    assert sync.startswith(
        "@checklist:zendesk-webcrm/users-users/sync\n"
        "Feature: ZendeskWebcrmUsersUsers1 - When a Zendesk User is of type Agent, it will be "
        "synchronized with a WebCRM Users\n"
    )
    assert "@unserved:zendesk-webcrm/users-users" in sync
    assert "# Skipped, not dropped: the fakes serve no Zendesk Users or WebCRM Users." in sync
    covered = {i for s in index_features(tmp_path) for i in s.checklist}
    assert main(["coverage", "--checklist", str(doc), "--features", str(tmp_path)]) == 0
    assert len(covered) == 11
    capsys.readouterr()


def test_dry_run_prints_a_unified_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = SAMPLES / "hubspot-superoffice.rst"
    args = ["scaffold", "--dry-run", "--checklist", str(doc), "--features", str(tmp_path)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("--- /dev/null\n+++ b/")
    assert (
        "+  @checklist:hubspot-superoffice/contact-person/merge/properties.email--emails.value"
        in out
    )
    assert err.startswith("scaffold: would add ")
    assert list(tmp_path.iterdir()) == []


def test_scaffolding_the_project_adds_nothing_when_everything_is_covered(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["scaffold", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "scaffold: would add 0 scenarios in 0 feature files (0 new)\n")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: ["--features", str(p / "nope")], ": no such folder"),
        (lambda p: ["--checklist", str(p / "missing.rst")], ": no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make,
    expected,  # type: ignore[no-untyped-def]
) -> None:
    args = make(tmp_path)
    if "--checklist" not in args:
        args += ["--checklist", str(SAMPLES / "zendesk-webcrm.rst")]
    else:
        args += ["--features", str(tmp_path)]
    assert main(["scaffold", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith("error: ") and err.rstrip().endswith(expected)
    assert list(tmp_path.iterdir()) == []


def test_bad_gherkin_in_an_existing_feature_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(
        ROOT / "features" / "customer_organisations", tmp_path / "customer_organisations"
    )
    broken = tmp_path / "customer_organisations" / "CustomerOrganisations5.feature"
    broken.write_text(broken.read_text() + "\n  Scenario Outline without a colon\n")
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    args = ["scaffold", "--features", str(tmp_path)]
    assert main(["scaffold", "--checklist", str(SAMPLES / "customerp-webcrm.rst"), *args[1:]]) == 2
    assert capsys.readouterr().err.startswith(f"error: {broken}")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == snapshot


def test_a_scenario_appended_to_an_existing_single_item_feature_names_its_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "customer_organisations"
    folder.mkdir()
    old = ROOT / "features" / "customer_organisations" / "CustomerOrganisations1.feature"
    # An earlier version's sync feature, tagged with an item id the document no longer has.
    stale = old.read_text().replace("/customer-organisations/sync", "/customer-organisations/x")
    (folder / "CustomerOrganisations1.feature").write_text(stale)
    doc = SAMPLES / "customerp-webcrm.rst"
    assert main(["scaffold", "--checklist", str(doc), "--features", str(tmp_path)]) == 0
    capsys.readouterr()
    text = (folder / "CustomerOrganisations1.feature").read_text()
    assert text.startswith(stale.rstrip("\n"))
    appended = text[len(stale.rstrip("\n")) :]
    assert appended.startswith(
        "\n\n  @checklist:customerp-webcrm/customer-organisations/sync\n"
        "  Scenario: [4] A new Customerp Customer is synchronized with a Webcrm Organisation\n"
    )
