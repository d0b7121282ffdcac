"""``talkqa checklist``: items and warnings, the JSON object, and one-line errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from talkqa.cli import main

SAMPLES = Path(__file__).parent / "samples"
ROOT = Path(__file__).resolve().parents[2]
ZENDESK = (SAMPLES / "zendesk-webcrm.rst").read_text()


def _edit(old: str, new: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        assert old in ZENDESK
        path = folder / "doc.rst"
        path.write_text(ZENDESK.replace(old, new, 1))
        return path

    return write


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "doc.rst"
        path.write_bytes(data)
        return path

    return write


# case: (make the input in a folder, expected ":LINE: message" after the path)
BAD_INPUT = {
    "not a dataflow document (plain text)": (
        _bytes(b"Meeting notes\n\nNothing to see.\n"),
        ":1: not a dataflow document: no '<Source> to <Target> Dataflow' title",
    ),
    "not a dataflow document (other title)": (
        _bytes(b"=====\nNotes\n=====\n\nIntro\n-----\n\ntext\n"),
        ":2: not a dataflow document: title 'Notes' is not '<Source> to <Target> Dataflow'",
    ),
    "NUL byte in a statement": (
        _edit("Every Zendesk Organizations", "Every Zendesk\x00Organizations"),
        ":14: control character U+0000 (NUL) at column 14; not clean text",
    ),
    "escape byte in a table cell": (
        _edit("     - OrganisationName\n", "     - Organisation\x1bName\n"),
        ":27: control character U+001B (ESC) at column 20; not clean text",
    ),
    "C1 control character in the title": (
        _bytes("=====\nA to B\u0085 Dataflow\n=====\n".encode()),
        ":2: control character U+0085 (control character) at column 7; not clean text",
    ),
    "row with the wrong number of cells": (
        _edit('     - OrganisationName\n     - "string"\n', "     - OrganisationName\n"),
        ":26: table row has 2 cells, expected 3",
    ),
    "list-table without :header-rows:": (
        _edit("   :header-rows: 1\n\n   * - Zendesk Users", "\n   * - Zendesk Users"),
        ":39: list-table has no :header-rows: option (expected 1)",
    ),
    "unknown data type": (
        _edit('     - UserEmail\n     - "string"', '     - UserEmail\n     - "text"'),
        ':45: unknown data type \'"text"\'; expected one of "string", "integer", "float", '
        '"decimal", "boolean", N/A',
    ),
    "merge table with three columns": (
        _edit(
            "The following properties are synchronized between a Zendesk Organizations and a "
            "WebCRM Organisations:",
            "A Zendesk Organizations will merge with a WebCRM Organisations if one of the "
            "following property combinations match:",
        ),
        ":20: merge table has 3 columns, expected 2",
    ),
    "non-UTF-8 file": (
        _bytes(ZENDESK.replace("email\n", "e\u00e6mail\n").encode("latin-1")),
        ":45: not UTF-8 text (byte 0xe6 at offset 1640)",
    ),
    "empty file": (_bytes(b""), ": empty file, not a dataflow document"),
    "blank file": (_bytes(b"\n  \n"), ": empty file, not a dataflow document"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_one_error_line_and_exit_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = BAD_INPUT[case]
    path = make(tmp_path)
    status = main(["checklist", str(SAMPLES / "customerp-webcrm.rst"), str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.splitlines() == [f"error: {path}{expected}"]
    assert out == ""  # nothing half-written


def test_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklist", str(tmp_path / "nope.rst")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"error: {tmp_path / 'nope.rst'}: no such file"]


def test_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklist", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {tmp_path}: is a directory, not a dataflow document"
    ]


def test_bad_input_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rst"
    bad.write_bytes(b"\xff\xfe not utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "talkqa", "checklist", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr == f"error: {bad}:1: not UTF-8 text (byte 0xff at offset 0)\n"
    assert proc.stdout == ""


def test_items_are_listed_by_flow_with_warnings_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = SAMPLES / "customerp-webcrm.rst"
    assert main(["checklist", str(doc)]) == 0
    out, err = capsys.readouterr()
    assert (
        "customerp-webcrm/customer-organisations: Customerp Customer to Webcrm Organisations" in out
    )
    assert "    customerp-webcrm/contact-persons/edit-target  [edit-target]\n" in out
    assert f"({doc}:44)" in out
    assert out.endswith("12 items in 3 flows of 1 documents; 0 from supplements (marked +)\n")
    assert err.splitlines() == [
        f"warning: {doc}:20: 'Customerp Customer to Webcrm Organisations' declares no properties",
        f"warning: {doc}:36: 'Customerp Contact to Webcrm Persons' declares no properties",
        f"warning: {doc}:52: 'Customerp Product to Webcrm Products' declares no properties",
    ]


def test_without_documents_it_uses_the_checklist_in_force_and_marks_supplement_items(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["checklist"]) == 0
    out = capsys.readouterr().out
    marked = [line for line in out.splitlines() if line.startswith("  + ")]
    assert marked and all(
        "/property/" in line or line.endswith("/changed-data  [changed-data]") for line in marked
    )
    assert "(checklists/customerp-webcrm.supplement.rst:" in out
    assert f"; {len(marked)} from supplements (marked +)" in out


def test_json_is_the_object_of_issue_2(tmp_path: Path) -> None:
    docs = [SAMPLES / "zendesk-webcrm.rst", SAMPLES / "hubspot-superoffice.rst"]
    proc = subprocess.run(
        [sys.executable, "-m", "talkqa", "checklist", "--json", *map(str, docs)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"documents", "items"}
    first = data["documents"][0]
    assert set(first) == {
        "path",
        "slug",
        "title",
        "supplement",
        "source_system",
        "target_system",
        "generated",
        "flows",
        "warnings",
    }
    assert (first["title"], first["generated"]) == (
        "Zendesk to WebCRM Dataflow",
        "2024-11-13 00:00:00",
    )
    users = first["flows"][1]
    assert users == {
        "heading": "Zendesk Users to WebCRM Users",
        "source": "Zendesk Users",
        "target": "WebCRM Users",
        "condition": "of type Agent",
        "merge_criteria": [],
        "properties": [{"source": "email", "target": "UserEmail", "type": "string"}],
    }
    contact = data["documents"][1]["flows"][0]
    assert contact["merge_criteria"] == [{"source": "properties.email", "target": "Emails.Value"}]
    assert {tuple(sorted(it)) for it in data["items"]} == {
        ("document", "flow", "id", "kind", "supplement", "text")
    }
    # flows, condition, rows; hubspot-superoffice: + its merge policy
    assert len(data["items"]) == (2 * 4 + 1 + 2) + (10 * 4 + 1 + 1 + 42)
    assert data["items"][0] == {
        "id": "zendesk-webcrm/organizations-organisations/sync",
        "kind": "sync",
        "flow": "zendesk-webcrm/organizations-organisations",
        "text": "Every Zendesk Organizations will be synchronized with a WebCRM Organisations.",
        "document": str(docs[0]),
        "supplement": False,
    }


def test_many_documents_in_one_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for n in range(120):
        path = tmp_path / f"copy{n}.rst"
        path.write_bytes((SAMPLES / "webcrm-tripletex.rst").read_bytes())
        paths.append(str(path))
    assert main(["checklist", "--json", *paths]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["documents"]) == 120
    assert len(data["items"]) == 22  # the same items, counted once


def test_help_explains_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["checklist", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for words in ("--json", "DOC", "supplement", "Exit status", "error: PATH:LINE"):
        assert words in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "checklist" in capsys.readouterr().out
