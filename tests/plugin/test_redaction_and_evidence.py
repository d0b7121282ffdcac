"""Secrets are masked in evidence and text; evidence is JSON-able and bounded."""

from __future__ import annotations

import json

import pytest
import requests

from talkqa.evidence import MAX_BODY, MAX_EXCHANGES, Evidence
from talkqa.redaction import MASK, redact, redact_text, register_secret


@pytest.fixture(autouse=True)
def secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTOMERP_API_KEY", "cp-env-key-1")
    monkeypatch.setenv("WEBCRM_AUTH_CODE", "wc-env-code-2")


def test_env_secrets_bearer_tokens_jwts_and_secret_fields_are_masked_in_text() -> None:
    text = (
        "key cp-env-key-1 code wc-env-code-2\nAuthorization: Basic abc\n"
        "Bearer abc.def token eyJhbGciOiJI.eyJzdWIiOiIx.sig authCode=plain&x=1 "
        '{"RefreshToken": "r-123"}'
    )
    masked = redact_text(text)
    for secret in ("cp-env-key-1", "wc-env-code-2", "Basic abc", "abc.def", "eyJhbG", "plain"):
        assert secret not in masked
    assert "r-123" not in masked
    assert "x=1" in masked


def test_secret_fields_and_headers_are_masked_by_name_in_data() -> None:
    data = {"AccessToken": "t", "nested": [{"authcode": "c", "name": "Kari"}], "Count": 3}
    assert redact(data) == {
        "AccessToken": MASK,
        "nested": [{"authcode": MASK, "name": "Kari"}],
        "Count": 3,
    }


def test_a_registered_secret_is_masked() -> None:
    register_secret("fake-default-secret")
    assert redact_text("using fake-default-secret now") == f"using {MASK} now"


def test_record_exchange_keeps_a_requests_exchange_redacted_and_json_able() -> None:
    request = requests.Request(
        "POST",
        "https://api.webcrm.com/Auth/ApiLogin",
        data={"authCode": "wc-env-code-2"},
        headers={"Authorization": "Bearer cp-env-key-1"},
    ).prepare()
    response = requests.Response()
    response.status_code = 200
    response._content = b'{"AccessToken": "eyJa.eyJb.c", "ExpiresIn": 3600}'
    evidence = Evidence()
    evidence.record_exchange(request, response)
    shipped = json.dumps(evidence.to_json())
    assert "wc-env-code-2" not in shipped and "cp-env-key-1" not in shipped
    exchange = evidence.to_json()["exchanges"][0]
    assert exchange["status"] == 200
    assert exchange["request_headers"]["Authorization"] == MASK
    assert exchange["response_body"] == {"AccessToken": MASK, "ExpiresIn": 3600}


def test_a_connection_error_is_recorded_without_a_status() -> None:
    request = requests.Request("GET", "https://customerp.example.com/api/v1/customers").prepare()
    evidence = Evidence()
    evidence.record_exchange(request, requests.ConnectionError("connection dropped"))
    exchange = evidence.to_json()["exchanges"][0]
    assert (exchange["status"], exchange["error"]) == (None, "connection dropped")


def test_evidence_keeps_the_last_exchanges_and_truncates_long_bodies() -> None:
    evidence = Evidence()
    for n in range(MAX_EXCHANGES + 5):
        evidence.exchange("GET", f"https://x.example/{n}", 200, response_body="é" * (MAX_BODY * 2))
    exchanges = evidence.to_json()["exchanges"]
    assert len(exchanges) == MAX_EXCHANGES
    assert exchanges[0]["url"] == "https://x.example/5"
    assert len(exchanges[0]["response_body"]) < MAX_BODY + 40


def test_a_real_webcrm_login_and_call_are_recorded_without_any_secret() -> None:
    """Through the webCRM fake: authCode in the login form, the AccessToken and RefreshToken
    it answers, and the bearer header of the next call are all masked by name, even though
    none of them is an env var's value or a registered secret."""
    from fakes import FakeClock, InProcess, WebcrmFake

    auth_code = "unlisted-auth-code-9"
    webcrm = WebcrmFake(clock=FakeClock(), auth_code=auth_code)
    with InProcess(webcrm) as mock:
        http = requests.Session()
        login = http.post(f"{webcrm.base_url}/Auth/ApiLogin", data={"authCode": auth_code})
        tokens = login.json()
        bearer = {"Authorization": f"Bearer {tokens['AccessToken']}"}
        assert http.get(f"{webcrm.base_url}/Organisations", headers=bearer).status_code == 200
        evidence = Evidence()
        evidence.record_calls(mock.calls)
    shipped = json.dumps(evidence.to_json())
    for secret in (auth_code, tokens["AccessToken"], tokens["RefreshToken"]):
        assert secret not in shipped
    first, second = evidence.to_json()["exchanges"]
    assert first["request_body"] == f"authCode={MASK}"
    assert first["response_body"]["AccessToken"] == MASK
    assert first["response_body"]["RefreshToken"] == MASK
    assert second["request_headers"]["Authorization"] == MASK
