"""``talkqa sync`` draws a progress bar when stderr is a terminal (a pseudo-terminal here,
with the fakes served on loopback to a real subprocess), and none when it is not."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from talksync_world import CHECKLIST, ORGS

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    WebcrmFake,
    serve_fakes,
)

ENV = {"CUSTOMERP_API_KEY": DEFAULT_API_KEY, "WEBCRM_AUTH_CODE": DEFAULT_AUTH_CODE}


def run_sync(urls, state, stderr_is_tty: bool) -> tuple[int, str, str]:
    """Run ``talkqa sync`` in a subprocess; stderr to a pty or to a pipe."""
    args = [
        sys.executable, "-m", "talkqa", "sync",
        "--customerp", urls["customerp"], "--webcrm", urls["webcrm"],
        "--state", str(state), "--checklist", *map(str, CHECKLIST),
    ]  # fmt: skip
    env = {**os.environ, **ENV}
    if not stderr_is_tty:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out = proc.stdout.read() if proc.stdout else ""
    return proc.wait(timeout=120), out, b"".join(chunks).decode()


def test_progress_bar_on_a_terminal_and_none_on_a_pipe(tmp_path):
    clock = FakeClock()
    webcrm, customerp = WebcrmFake(clock=clock), CustomerpFake(clock=clock)
    for i in range(3):
        customerp.ui_create("customers", {"name": f"C{i}"})
    with serve_fakes(webcrm, customerp) as urls:
        status, out, err = run_sync(urls, tmp_path / "state.db", stderr_is_tty=True)
        assert status == 0 and f"{ORGS}: created 3" in out
        assert f"\r{ORGS}" in err and "[" + "#" * 30 + "] 3/3" in err
        status, out, err = run_sync(urls, tmp_path / "state.db", stderr_is_tty=False)
        assert status == 0 and f"{ORGS}: created 0" in out
        assert "#" not in err and "\r" not in err
    assert DEFAULT_API_KEY not in out + err and DEFAULT_AUTH_CODE not in out + err
