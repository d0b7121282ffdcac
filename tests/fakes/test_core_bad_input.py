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
def either(request: pytest.FixtureRequest) -> Iterator[CustomerpClient]:
    """A Customerp client, once in-process and once against the served fake."""
    fake = CustomerpFake(clock=FakeClock())
    if request.param == "in-process":
        with InProcess(fake):
            yield CustomerpClient()
    else:
        with serve_fakes(fake) as urls:
            yield CustomerpClient(urls["customerp"])


@pytest.mark.parametrize("body", [b"{", b"", b"\xff\xfe", b'{"name": "A",}', b"NaN-ish"])
def test_malformed_json_is_400_bad_request(either: CustomerpClient, body: bytes) -> None:
    response = either.call("POST", "/customers", data=body)
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


@pytest.mark.parametrize(
    "body",
    [b'{"name": "A", "x": NaN}', b'{"name": Infinity}', b'{"name": 1e999}', b"[" * 100_000],
)
def test_json_that_rfc_8259_does_not_allow_is_400(either: CustomerpClient, body: bytes) -> None:
    response = either.call("POST", "/customers", data=body)
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


@pytest.mark.parametrize("price", [10**400, -(10**309)])
def test_a_number_beyond_a_double_is_422_naming_the_field(
    either: CustomerpClient, price: int
) -> None:
    response = either.post("/products", {"sku": "S-1", "name": "N", "unit_price": price})
    assert response.status_code == 422
    assert error_of(response)["field"] == "unit_price"


@pytest.mark.parametrize(
    "since", ["9999-12-31T23:59:59.9999Z", "0001-01-01T00:00:00%2B01:00", "yesterday"]
)
def test_an_updated_since_outside_the_utc_range_is_400(either: CustomerpClient, since: str) -> None:
    response = either.get(f"/customers?updated_since={since}")
    assert response.status_code == 400
    assert error_of(response)["field"] == "updated_since"


def test_a_body_over_one_megabyte_is_413(either: CustomerpClient) -> None:
    response = either.call("POST", "/customers", data=b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_a_body_of_exactly_one_megabyte_is_read(either: CustomerpClient) -> None:
    padding = " " * (1024 * 1024 - len('{"name": "A"}'))
    response = either.call("POST", "/customers", data=('{"name": "A"}' + padding).encode())
    assert response.status_code == 201


def test_an_unknown_path_is_404_and_a_wrong_method_is_405(either: CustomerpClient) -> None:
    assert either.get("/invoices").status_code == 404
    assert either.get("/customers/not-a-number").status_code == 404
    response = either.call("PATCH", "/customers")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_a_path_outside_the_api_root_is_404(either: CustomerpClient) -> None:
    outside = either.base_url.removesuffix("/api/v1") + "/customers"
    assert either.session.get(outside).status_code == 404


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
