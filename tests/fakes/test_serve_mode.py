"""Served mode: real loopback servers from the same routes, dropped connections, the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
from customerp_client import CustomerpClient

from fakes import DEFAULT_API_KEY, CustomerpFake, FakeClock, WebcrmFake, serve_fakes
from fakes.core import FakeServer


@pytest.fixture
def served() -> Iterator[tuple[CustomerpFake, CustomerpClient]]:
    fake = CustomerpFake(clock=FakeClock())
    with serve_fakes(fake) as urls:
        yield fake, CustomerpClient(urls["customerp"])


def test_a_served_round_trip_creates_reads_replaces_and_deletes(
    served: tuple[CustomerpFake, CustomerpClient],
) -> None:
    fake, client = served
    created = client.customer("Acme", address={"country": "SE"})
    path = f"/customers/{created['id']}"
    got = client.get(path)
    assert got.json() == created and got.headers["ETag"] == '"1"'
    replaced = client.put(path, {"name": "Acme AB"}, headers={"If-Match": '"1"'})
    assert replaced.json()["version"] == 2
    assert client.delete(path).status_code == 204
    assert [e["status"] for e in fake.journal] == [201, 200, 200, 204]


def test_both_fakes_serve_side_by_side_on_one_clock() -> None:
    clock = FakeClock()
    customerp, webcrm = CustomerpFake(clock=clock), WebcrmFake(clock=clock)
    with serve_fakes(webcrm, customerp) as urls:
        assert urls["customerp"].endswith("/api/v1")
        assert urls["customerp"].startswith("http://127.0.0.1:")
        assert urls["webcrm"].startswith("http://127.0.0.1:")
        CustomerpClient(urls["customerp"]).customer()
        clock_seen = requests.get(urls["webcrm"] + "/_fake/clock").json()["now"]
        assert clock_seen.startswith("2024-09-11T00:00:00.001")


def test_a_served_connection_error_fault_drops_the_connection(
    served: tuple[CustomerpFake, CustomerpClient],
) -> None:
    fake, client = served
    fake.faults.add({"action": "connection_error"})
    with pytest.raises(requests.ConnectionError):
        client.get("/customers")
    assert client.get("/customers").status_code == 200


def test_a_served_timeout_fault_outlasts_the_client_timeout(
    served: tuple[CustomerpFake, CustomerpClient],
) -> None:
    fake, client = served
    fake.faults.add({"action": "timeout", "seconds": 0.5})
    with pytest.raises(requests.ReadTimeout):
        client.get("/customers", timeout=0.1)


def test_served_commit_then_fail_drops_after_the_write(
    served: tuple[CustomerpFake, CustomerpClient],
) -> None:
    fake, client = served
    fake.faults.add({"method": "POST", "action": "commit_then_fail", "status": None})
    with pytest.raises(requests.ConnectionError):
        client.post("/customers", {"name": "Written"})
    assert [r["name"] for r in fake.records("customers")] == ["Written"]


def test_a_connection_failing_outside_the_fake_is_one_line_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = FakeServer(CustomerpFake())
    try:
        try:
            raise ConnectionResetError("peer went away")
        except ConnectionResetError:  # as cheroot reports an error outside the app
            server.server.error_log("Error in HTTPServer.serve", level=40, traceback=True)
    finally:
        server.stop()
    err = capsys.readouterr().err
    assert err == "fake server: ConnectionResetError (Error in HTTPServer.serve)\n"


def start_cli(env_extra: dict[str, str]) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("CUSTOMERP_API_KEY", "WEBCRM_AUTH_CODE")
    }
    env.update(env_extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "talkqa", "fakes", "serve", "--seed", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, proc.stderr.read() if proc.stderr else ""
    return proc, json.loads(line)


def stop_cli(proc: subprocess.Popen[str], signum: int = signal.SIGTERM) -> int:
    proc.send_signal(signum)
    return proc.wait(timeout=10)


def test_talkqa_fakes_serve_prints_urls_and_keys_and_exits_0_on_sigterm() -> None:
    proc, info = start_cli({"CUSTOMERP_API_KEY": "k-from-env"})
    try:
        assert set(info) == {"customerp", "webcrm", "customerp_api_key", "webcrm_auth_code"}
        assert info["customerp_api_key"] == "k-from-env"
        client = CustomerpClient(info["customerp"], api_key=info["customerp_api_key"])
        assert client.customer("Served")["name"] == "Served"
        login = requests.post(
            info["webcrm"] + "/Auth/ApiLogin", data={"authCode": info["webcrm_auth_code"]}
        )
        assert login.status_code == 200
        for root in (info["customerp"], info["webcrm"]):  # --seed 3 drives both fault plans
            assert requests.get(root + "/_fake/faults").json()["seed"] == 3
    finally:
        status = stop_cli(proc)
    assert status == 0
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read()


def test_talkqa_fakes_serve_makes_fresh_random_keys_and_exits_0_on_ctrl_c() -> None:
    first, info1 = start_cli({})
    second, info2 = start_cli({})
    try:
        assert info1["customerp_api_key"] != info2["customerp_api_key"]
        assert info1["customerp_api_key"] != DEFAULT_API_KEY
        assert info1["webcrm_auth_code"] != info2["webcrm_auth_code"]
        assert CustomerpClient(info1["customerp"]).get("/customers").status_code == 401
    finally:
        assert stop_cli(first) == 0 and stop_cli(second, signal.SIGINT) == 0


def test_talkqa_fakes_serve_on_a_busy_port_is_one_error_line_and_exit_2() -> None:
    with serve_fakes(CustomerpFake()) as urls:
        port = urls["customerp"].split(":")[2].split("/")[0]
        proc = subprocess.run(
            [sys.executable, "-m", "talkqa", "fakes", "serve", "--port-customerp", port],
            capture_output=True,
            text=True,
            timeout=20,
        )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: cannot serve customerp on 127.0.0.1:")
    assert "Traceback" not in proc.stderr and proc.stdout == ""
