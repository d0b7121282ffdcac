"""Transport-neutral messages: strict JSON bodies and reprs that keep secrets out."""

from __future__ import annotations

import pytest

from fakes.core import FakeRequest, Headers, HttpError


def request_with(body: bytes) -> FakeRequest:
    return FakeRequest.build("POST", "/x", "", Headers(), body)


def test_request_reprs_show_header_names_but_no_secret_values() -> None:
    headers = Headers.of([("Authorization", "Bearer tok-secret"), ("refreshToken", "r-secret")])
    request = FakeRequest.build("POST", "/Auth/ApiLogin", "q=x", headers, b"authCode=c-secret")
    shown = repr(request) + repr(headers) + str(headers)
    assert "authorization" in shown and "refreshtoken" in shown
    assert not any(secret in shown for secret in ("tok-secret", "r-secret", "c-secret"))


@pytest.mark.parametrize("body", [b"NaN", b"[-Infinity]", b'{"a": 1e999}', b"[" * 50_000])
def test_json_outside_rfc_8259_is_a_400_bad_request(body: bytes) -> None:
    with pytest.raises(HttpError) as refused:
        request_with(body).json()
    assert (refused.value.status, refused.value.code) == (400, "bad_request")


def test_ordinary_numbers_parse_as_usual() -> None:
    assert request_with(b'{"a": 1.5, "b": 2, "c": -0.0}').json() == {"a": 1.5, "b": 2, "c": 0.0}
