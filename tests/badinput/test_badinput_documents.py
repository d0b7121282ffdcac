"""Bad-input campaign against the checklist parser and ``talkqa checklist``: hypothesis mangles
real dataflow documents (lines dropped, duplicated, swapped or rewritten, underlines broken,
bytes that are not UTF-8, truncation). Every outcome is either exit 0 with warnings only, or
exit 2 with exactly one line ``error: PATH:LINE: what is wrong``; never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from steps.profiles import active
from talkqa.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "tests" / "checklist" / "samples").glob("*.rst"))
EXAMPLES = {"dev": 60, "ci": 200, "thorough": 2000}
RST_NOISE = st.lists(
    st.sampled_from(list("=-~*`:|._ \t\"'()[]<>æøå") + ["Dataflow", " to ", "* - ", ".. "]),
    max_size=30,
).map("".join)
RAW = st.binary(max_size=12)


def _mutation() -> st.SearchStrategy[tuple[str, int, int, str | bytes]]:
    """One edit of a document's lines: (what, where, where else, new text or bytes)."""
    kinds = st.sampled_from(
        ["drop", "duplicate", "swap", "replace", "insert", "underline", "indent", "bytes"]
    )
    return st.tuples(
        kinds, st.integers(0, 10_000), st.integers(0, 10_000), st.one_of(RST_NOISE, RAW)
    )


def mangle(lines: list[bytes], mutations: list[tuple[str, int, int, str | bytes]]) -> list[bytes]:
    lines = list(lines) or [b""]
    for kind, at, other, new in mutations:
        i, j = at % len(lines), other % len(lines)
        text = new.encode("utf-8") if isinstance(new, str) else new
        if kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "replace":
            lines[i] = text
        elif kind == "insert":
            lines.insert(i, text)
        elif kind == "underline":
            lines[i] = lines[i][:1] * (j % 80)
        elif kind == "indent":
            lines[i] = b"   " + lines[i]
        else:
            lines[i] = lines[i][: j % (len(lines[i]) + 1)] + text
    return lines


@st.composite
def mangled_documents(draw: st.DrawFn) -> bytes:
    """A sample document with a few mutations, sometimes cut short."""
    sample = draw(st.sampled_from(SAMPLES)).read_bytes()
    lines = mangle(sample.split(b"\n"), draw(st.lists(_mutation(), min_size=1, max_size=4)))
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


def check_outcome(status: int, err: str, path: Path) -> None:
    """Exit 0 with warnings only, or exit 2 with one ``error: PATH:LINE: message`` line."""
    lines = err.splitlines()
    assert "Traceback" not in err, err
    if status == 0:
        assert all(line.startswith("warning: ") for line in lines), err
        return
    assert status == 2, (status, err)
    assert len(lines) == 1, err
    pattern = rf"error: {re.escape(str(path))}:\d+: \S.*"
    whole_file = rf"error: {re.escape(str(path))}: (empty file|is a directory)\b.*"
    assert re.fullmatch(pattern, lines[0]) or re.fullmatch(whole_file, lines[0]), lines[0]


@given(document=mangled_documents())
def test_mangled_documents_give_one_error_line_or_warnings_only(document, tmp_path_factory, capsys):
    path = tmp_path_factory.mktemp("doc") / "mangled.rst"
    path.write_bytes(document)
    status = main(["checklist", str(path)])
    event(f"exit {status}")
    check_outcome(status, capsys.readouterr().err, path)


test_mangled_documents_give_one_error_line_or_warnings_only = settings(
    active()[1], max_examples=EXAMPLES[active()[0]]
)(test_mangled_documents_give_one_error_line_or_warnings_only)


def test_the_command_in_its_own_process_prints_no_traceback_for_a_mangled_document(tmp_path):
    path = tmp_path / "cut.rst"
    path.write_bytes(SAMPLES[0].read_bytes()[:37] + b"\xff\xfe\n====\n")
    done = subprocess.run(
        [sys.executable, "-m", "talkqa", "checklist", str(path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    check_outcome(done.returncode, done.stderr, path)
    assert done.returncode == 2
