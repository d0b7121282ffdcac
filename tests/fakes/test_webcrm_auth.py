"""webCRM fake: ApiLogin/ApiRefresh, bearer tokens on the fake clock, 401s, token secrecy."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
import requests
from webcrm_client import WebcrmClient

from fakes.core import FakeClock, InProcess
from fakes.webcrm import BASE_URL, WebcrmFake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def webcrm(clock: FakeClock) -> Iterator[WebcrmFake]:
    fake = WebcrmFake(clock=clock)
    with InProcess(fake):
        yield fake


@pytest.fixture
def client(webcrm: WebcrmFake) -> WebcrmClient:
    return WebcrmClient()


def test_login_with_urlencoded_auth_code_answers_token_response_dto(client: WebcrmClient) -> None:
    response = client.session.post(
        f"{BASE_URL}/Auth/ApiLogin", data={"authCode": "wc-test-auth-code"}
    )
    assert response.status_code == 200
    token = response.json()
    assert token["IsError"] is False
    assert token["ExpiresIn"] == 3600
    assert token["TokenType"] == "Bearer"
    assert token["AccessToken"].count(".") == 2  # JWT-shaped
    assert token["RefreshToken"] and token["RefreshToken"] != token["AccessToken"]


def test_login_with_multipart_auth_code_works(client: WebcrmClient) -> None:
    files = {"authCode": (None, "wc-test-auth-code")}
    response = client.session.post(f"{BASE_URL}/Auth/ApiLogin", files=files)
    assert response.status_code == 200
    client.token = response.json()
    assert client.get("/Organisations").status_code == 200


@pytest.mark.parametrize("form", [{"authCode": "wrong"}, {}, {"authCode": ""}])
def test_login_with_wrong_or_missing_auth_code_is_refused(client: WebcrmClient, form: dict) -> None:
    response = client.session.post(f"{BASE_URL}/Auth/ApiLogin", data=form)
    assert response.status_code == 401
    body = response.json()
    assert body["IsError"] is True
    assert body["AccessToken"] == ""


def test_missing_token_is_401(client: WebcrmClient) -> None:
    response = client.get("/Organisations")
    assert response.status_code == 401
    assert response.json()["Type"] == "UnauthorizedException"


def test_forged_token_with_valid_shape_is_401(client: WebcrmClient) -> None:
    real = client.login()["AccessToken"]
    header, payload, signature = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["exp"] += 86400
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    response = client.get("/Organisations", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_token_from_another_fake_instance_is_401(client: WebcrmClient, clock: FakeClock) -> None:
    other = WebcrmFake(clock=clock, base_url="https://other.webcrm.test")
    with InProcess(other):
        foreign = WebcrmClient("https://other.webcrm.test")
        foreign.login()
    client.token = foreign.token
    assert client.get("/Organisations").status_code == 401


def test_access_token_lives_3600_seconds_on_the_fake_clock(
    client: WebcrmClient, clock: FakeClock
) -> None:
    client.login()
    clock.advance(3599)
    assert client.get("/Organisations").status_code == 200
    clock.advance(1)
    expired = client.get("/Organisations")
    assert expired.status_code == 401
    assert "expired" in expired.json()["Message"]


def test_refresh_with_header_renews_an_expired_access_token(
    client: WebcrmClient, clock: FakeClock
) -> None:
    first = client.login()
    clock.advance(4000)
    response = client.session.post(
        f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": first["RefreshToken"]}
    )
    assert response.status_code == 200
    renewed = response.json()
    assert renewed["AccessToken"] != first["AccessToken"]
    client.token = renewed
    assert client.get("/Organisations").status_code == 200
    clock.advance(3600)
    assert client.get("/Organisations").status_code == 401


def test_refresh_with_multipart_form_field_works(client: WebcrmClient) -> None:
    refresh = client.login()["RefreshToken"]
    files = {"refreshToken": (None, refresh)}
    response = client.session.post(f"{BASE_URL}/Auth/ApiRefresh", files=files)
    assert response.status_code == 200
    assert response.json()["IsError"] is False


@pytest.mark.parametrize("headers", [{}, {"refreshToken": "not-a-refresh-token"}])
def test_refresh_with_unknown_or_missing_refresh_token_is_refused(
    client: WebcrmClient, headers: dict
) -> None:
    client.login()
    response = client.session.post(f"{BASE_URL}/Auth/ApiRefresh", headers=headers)
    assert response.status_code == 401
    assert response.json()["IsError"] is True


def test_access_token_is_not_accepted_as_refresh_token(client: WebcrmClient) -> None:
    access = client.login()["AccessToken"]
    response = client.session.post(f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": access})
    assert response.status_code == 401


def test_tokens_are_unique_per_login(client: WebcrmClient) -> None:
    tokens = {client.login()["AccessToken"] for _ in range(20)}
    assert len(tokens) == 20


def test_tokens_never_appear_in_journal_repr_or_errors(
    client: WebcrmClient, webcrm: WebcrmFake
) -> None:
    token = client.login()
    client.get("/Organisations")
    client.get("/Organisations", headers={"Authorization": "Bearer " + token["AccessToken"] + "x"})
    secrets = (token["AccessToken"], token["RefreshToken"], "wc-test-auth-code")
    visible = [json.dumps(webcrm.journal), repr(webcrm), repr(webcrm.tokens), repr(webcrm.store)]
    visible.append(client.get("/Organisations", headers={"Authorization": "Bearer x"}).text)
    for text in visible:
        assert not any(secret in text for secret in secrets)


def test_reset_forgets_tokens(client: WebcrmClient, webcrm: WebcrmFake) -> None:
    client.login()
    webcrm.reset()
    assert client.get("/Organisations").status_code == 401


def test_control_plane_needs_no_token(client: WebcrmClient) -> None:
    response = requests.post(
        f"{BASE_URL}/_fake/records/Organisations", json={"OrganisationName": "Acme"}
    )
    assert response.status_code == 201
    assert response.json()["OrganisationName"] == "Acme"
