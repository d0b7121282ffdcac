"""Bad input common to both fakes: malformed JSON, oversized bodies, unknown routes -> 4xx."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from customerp_client import CustomerpClient, error_of

from fakes import CustomerpFake, FakeClock, InProcess, serve_fakes
from fakes.core import FakeRequest, FakeResponse, FakeService, Route
from fakes.customerp.models import CustomerpStore


@pytest.fixture(params=["in-process", "served"])
def client(request: pytest.FixtureRequest) -> Iterator[CustomerpClient]:
    fake = CustomerpFake(clock=FakeClock())
    if request.param == "in-process":
        with InProcess(fake):
            yield CustomerpClient()
    else:
        with serve_fakes(fake) as urls:
            yield CustomerpClient(urls["customerp"])


@pytest.mark.parametrize("body", [b"{", b"", b"\xff\xfe", b'{"name": "A",}', b"NaN-ish"])
def test_malformed_json_is_400_bad_request(client: CustomerpClient, body: bytes) -> None:
    response = client.call("POST", "/customers", data=body)
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_a_body_over_one_megabyte_is_413(client: CustomerpClient) -> None:
    response = client.call("POST", "/customers", data=b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_a_body_of_exactly_one_megabyte_is_read(client: CustomerpClient) -> None:
    padding = " " * (1024 * 1024 - len('{"name": "A"}'))
    response = client.call("POST", "/customers", data=('{"name": "A"}' + padding).encode())
    assert response.status_code == 201


def test_an_unknown_path_is_404_and_a_wrong_method_is_405(client: CustomerpClient) -> None:
    assert client.get("/invoices").status_code == 404
    assert client.get("/customers/not-a-number").status_code == 404
    response = client.call("PATCH", "/customers")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_a_path_outside_the_api_root_is_404(client: CustomerpClient) -> None:
    outside = client.base_url.removesuffix("/api/v1") + "/customers"
    assert client.session.get(outside).status_code == 404


class BrokenHandlers:
    def explode(self, request: FakeRequest) -> FakeResponse:
        raise RuntimeError("secret internals")


class BrokenFake(FakeService):
    name = "broken"

    def __init__(self) -> None:
        clock = FakeClock()
        super().__init__(
            base_url="https://broken.example.com",
            clock=clock,
            store=CustomerpStore(clock),
            routes=[Route("GET", "/boom", "explode")],
            handlers=BrokenHandlers(),
        )


def test_a_bug_in_a_handler_is_a_500_without_internals_and_serving_goes_on() -> None:
    fake = BrokenFake()
    with InProcess(fake):
        response = requests.get("https://broken.example.com/boom")
        assert response.status_code == 500
        assert "secret internals" not in response.text
        assert "Traceback" not in response.text
        assert requests.get("https://broken.example.com/_fake/clock").status_code == 200
