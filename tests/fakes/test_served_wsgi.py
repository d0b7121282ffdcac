"""The served fakes speak HTTP/1.1 (keep-alive connections, chunked request bodies), and the
route table is a WSGI application that mounts in any WSGI server."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests
from werkzeug.test import Client

from fakes import CustomerpFake, FakeClock, serve_fakes
from fakes.core import FakeWSGIApp
from fakes.customerp import DEFAULT_API_KEY

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "Content-Type": "application/json"}


@pytest.fixture
def served() -> Iterator[tuple[CustomerpFake, http.client.HTTPConnection, str]]:
    """A served Customerp fake and one HTTP/1.1 connection to it (``root``: the API path)."""
    fake = CustomerpFake(clock=FakeClock())
    with serve_fakes(fake) as urls:
        split = urlsplit(urls["customerp"])
        connection = http.client.HTTPConnection(split.hostname or "", split.port, timeout=10)
        try:
            yield fake, connection, split.path
        finally:
            connection.close()


def _call(
    connection: http.client.HTTPConnection, method: str, path: str, body: object = None
) -> tuple[http.client.HTTPResponse, bytes]:
    connection.request(method, path, body=body, headers=AUTH, encode_chunked=False)
    response = connection.getresponse()
    return response, response.read()


def test_one_connection_carries_many_requests(
    served: tuple[CustomerpFake, http.client.HTTPConnection, str],
) -> None:
    fake, connection, root = served
    body = json.dumps({"name": "Acme", "address": {"city": "Oslo"}})
    created, data = _call(connection, "POST", f"{root}/customers", body)
    assert created.status == 201 and created.version == 11
    assert not created.will_close  # the server keeps the connection open
    socket_used = connection.sock
    local_port = socket_used.getsockname()[1]
    for _ in range(3):
        got, _ = _call(connection, "GET", f"{root}/customers/{json.loads(data)['id']}")
        assert got.status == 200 and not got.will_close
    assert connection.sock is socket_used and connection.sock.getsockname()[1] == local_port
    assert [e["status"] for e in fake.journal] == [201, 200, 200, 200]


def test_a_chunked_request_body_is_read_whole(
    served: tuple[CustomerpFake, http.client.HTTPConnection, str],
) -> None:
    fake, connection, root = served
    body = json.dumps({"name": "Chunked Ltd", "address": {"city": "Bergen"}}).encode()
    chunks = iter([body[:7], body[7:20], body[20:]])
    connection.request("POST", f"{root}/customers", body=chunks, headers=AUTH, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 201, response.read()
    assert json.loads(response.read())["name"] == "Chunked Ltd"
    assert [r["name"] for r in fake.records("customers")] == ["Chunked Ltd"]
    again, _ = _call(connection, "GET", f"{root}/customers")  # the connection is still good
    assert again.status == 200


def test_a_chunked_body_over_the_limit_is_refused_with_413_and_the_connection_closed(
    served: tuple[CustomerpFake, http.client.HTTPConnection, str],
) -> None:
    fake, connection, root = served
    fake.max_body = 100
    chunks = iter([b'{"name": "', *[b"x" * 65536] * 64, b'"}'])  # 4 MiB: still sending
    connection.request("POST", f"{root}/customers", body=chunks, headers=AUTH, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"]["code"] == "payload_too_large"
    assert response.will_close
    assert fake.records("customers") == []


def test_the_wsgi_app_answers_under_werkzeugs_test_client() -> None:
    fake = CustomerpFake(clock=FakeClock())
    client = Client(FakeWSGIApp(fake))
    created = client.post(
        "/api/v1/customers", json={"name": "Acme", "address": {"city": "Oslo"}}, headers=AUTH
    )
    assert created.status_code == 201
    got = client.get(f"/api/v1/customers/{created.json['id']}", headers=AUTH)
    assert got.status_code == 200 and got.json["name"] == "Acme"
    assert client.get("/api/v1/customers", headers={}).status_code == 401
    refused = client.delete("/api/v1/customers", headers=AUTH)
    assert refused.status_code == 405 and "Content-Type" in refused.headers


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def test_the_wsgi_app_mounts_in_the_standard_librarys_wsgi_server() -> None:
    fake = CustomerpFake(clock=FakeClock())
    server = make_server("127.0.0.1", 0, FakeWSGIApp(fake), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        session = requests.Session()
        session.trust_env = False
        root = f"http://127.0.0.1:{server.server_port}/api/v1"
        created = session.post(
            f"{root}/customers", json={"name": "A/B & Co"}, headers=AUTH, timeout=10
        )
        assert created.status_code == 201, created.text
        listed = session.get(f"{root}/customers", headers=AUTH, timeout=10)
        assert [c["name"] for c in listed.json()["data"]] == ["A/B & Co"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
