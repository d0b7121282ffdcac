"""webCRM fake: ApiLogin/ApiRefresh, bearer tokens on the fake clock, 401s, token secrecy."""

from __future__ import annotations

import base64
import json
import re

import jwt
import pytest
import requests
from webcrm_client import WebcrmClient

from fakes import DEFAULT_AUTH_CODE
from fakes.core import FakeClock, InProcess, Route
from fakes.webcrm import BASE_URL, WebcrmFake
from fakes.webcrm.routes import ROUTES


@pytest.fixture
def guest(webcrm: WebcrmFake) -> WebcrmClient:
    """A webCRM client that has not logged in."""
    return WebcrmClient()


def test_login_with_urlencoded_auth_code_answers_token_response_dto(guest: WebcrmClient) -> None:
    response = guest.session.post(f"{BASE_URL}/Auth/ApiLogin", data={"authCode": DEFAULT_AUTH_CODE})
    assert response.status_code == 200
    token = response.json()
    assert token["IsError"] is False
    assert token["ExpiresIn"] == 3600
    assert token["TokenType"] == "Bearer"
    assert token["AccessToken"].count(".") == 2  # JWT-shaped
    assert token["RefreshToken"] and token["RefreshToken"] != token["AccessToken"]


def test_login_with_multipart_auth_code_works(guest: WebcrmClient) -> None:
    files = {"authCode": (None, DEFAULT_AUTH_CODE)}
    response = guest.session.post(f"{BASE_URL}/Auth/ApiLogin", files=files)
    assert response.status_code == 200
    guest.token = response.json()
    assert guest.get("/Organisations").status_code == 200


@pytest.mark.parametrize("form", [{"authCode": "wrong"}, {}, {"authCode": ""}])
def test_login_with_wrong_or_missing_auth_code_is_200_with_is_error(
    guest: WebcrmClient, form: dict
) -> None:
    """As the swagger declares: a TokenResponseDto saying why, not a 401 (clients would log in
    again forever)."""
    response = guest.session.post(f"{BASE_URL}/Auth/ApiLogin", data=form)
    assert response.status_code == 200
    body = response.json()
    assert body["IsError"] is True
    assert body["Error"] == "invalid_grant"
    assert "auth code" in body["ErrorDescription"]
    assert body["AccessToken"] == "" and body["RefreshToken"] == ""


def test_missing_token_is_401(guest: WebcrmClient) -> None:
    response = guest.get("/Organisations")
    assert response.status_code == 401
    assert response.json()["Type"] == "UnauthorizedException"


PROTECTED = [route for route in ROUTES if route.auth]


def concrete(pattern: str) -> str:
    """A path of the pattern: integer parameters 1, dates, other strings a word."""
    path = pattern.replace("{startDate}", "2024-01-01").replace("{endDate}", "2025-01-01")
    path = re.sub(r"\{\w+:int\}", "1", path)
    return re.sub(r"\{\w+\}", "Active", path)


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: f"{r.method} {r.pattern}")
def test_every_protected_route_is_401_without_a_token_and_after_expiry(
    guest: WebcrmClient, clock: FakeClock, webcrm: WebcrmFake, route: Route
) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    path = concrete(route.pattern)
    assert guest.call(route.method, path, json={}).status_code == 401
    guest.login()
    clock.advance(3600)
    assert guest.call(route.method, path, json={}).status_code == 401
    assert len(webcrm.records("Organisations")) == 1


def test_forged_token_with_valid_shape_is_401(guest: WebcrmClient) -> None:
    real = guest.login()["AccessToken"]
    header, payload, signature = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["exp"] += 86400
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    response = guest.get("/Organisations", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_token_from_another_fake_instance_is_401(guest: WebcrmClient, clock: FakeClock) -> None:
    other = WebcrmFake(clock=clock, base_url="https://other.webcrm.test")
    with InProcess(other):
        foreign = WebcrmClient("https://other.webcrm.test")
        foreign.login()
    guest.token = foreign.token
    assert guest.get("/Organisations").status_code == 401


def test_access_token_lives_3600_seconds_on_the_fake_clock(
    guest: WebcrmClient, clock: FakeClock
) -> None:
    guest.login()
    clock.advance(3599)
    assert guest.get("/Organisations").status_code == 200
    clock.advance(1)
    expired = guest.get("/Organisations")
    assert expired.status_code == 401
    assert "expired" in expired.json()["Message"]


def test_refresh_with_header_renews_an_expired_access_token(
    guest: WebcrmClient, clock: FakeClock
) -> None:
    first = guest.login()
    clock.advance(4000)
    response = guest.session.post(
        f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": first["RefreshToken"]}
    )
    assert response.status_code == 200
    renewed = response.json()
    assert renewed["AccessToken"] != first["AccessToken"]
    guest.token = renewed
    assert guest.get("/Organisations").status_code == 200
    clock.advance(3600)
    assert guest.get("/Organisations").status_code == 401


def test_expire_token_fault_expires_each_token_after_the_request_it_answered(
    guest: WebcrmClient, webcrm: WebcrmFake
) -> None:
    first = guest.login()
    webcrm.faults.add({"action": "expire_token", "times": None})
    assert guest.get("/Organisations").status_code == 200  # answered, then expired
    expired = guest.get("/Organisations")
    assert expired.status_code == 401
    assert "expired" in expired.json()["Message"]
    response = guest.session.post(
        f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": first["RefreshToken"]}
    )
    assert response.status_code == 200  # the refresh token outlives its access token
    guest.token = response.json()
    assert guest.get("/Organisations").status_code == 200
    assert guest.get("/Organisations").status_code == 401


def test_refresh_token_in_a_form_field_is_refused_saying_it_belongs_in_the_header(
    guest: WebcrmClient,
) -> None:
    refresh = guest.login()["RefreshToken"]
    files = {"refreshToken": (None, refresh)}
    response = guest.session.post(f"{BASE_URL}/Auth/ApiRefresh", files=files)
    assert response.status_code == 200
    body = response.json()
    assert body["IsError"] is True and body["AccessToken"] == ""
    assert body["Error"] == "invalid_request"
    assert "refreshToken header" in body["ErrorDescription"]


@pytest.mark.parametrize("headers", [{}, {"refreshToken": "not-a-refresh-token"}])
def test_refresh_with_unknown_or_missing_refresh_token_is_refused(
    guest: WebcrmClient, headers: dict
) -> None:
    guest.login()
    response = guest.session.post(f"{BASE_URL}/Auth/ApiRefresh", headers=headers)
    assert response.status_code == 200
    assert response.json()["IsError"] is True
    assert response.json()["AccessToken"] == ""


def test_access_token_is_not_accepted_as_refresh_token(guest: WebcrmClient) -> None:
    access = guest.login()["AccessToken"]
    response = guest.session.post(f"{BASE_URL}/Auth/ApiRefresh", headers={"refreshToken": access})
    assert response.json()["IsError"] is True
    assert response.json()["AccessToken"] == ""


def test_tokens_are_unique_per_login(guest: WebcrmClient) -> None:
    tokens = {guest.login()["AccessToken"] for _ in range(20)}
    assert len(tokens) == 20


def test_tokens_never_appear_in_journal_repr_or_errors(
    guest: WebcrmClient, webcrm: WebcrmFake
) -> None:
    token = guest.login()
    guest.get("/Organisations")
    guest.get("/Organisations", headers={"Authorization": "Bearer " + token["AccessToken"] + "x"})
    secrets = (token["AccessToken"], token["RefreshToken"], DEFAULT_AUTH_CODE)
    visible = [json.dumps(webcrm.journal), repr(webcrm), repr(webcrm.tokens), repr(webcrm.store)]
    visible.append(guest.get("/Organisations", headers={"Authorization": "Bearer x"}).text)
    for text in visible:
        assert not any(secret in text for secret in secrets)
    assert DEFAULT_AUTH_CODE not in repr(vars(webcrm.tokens))  # only its digest is kept


def test_access_token_is_a_pyjwt_hs256_token_with_the_session_and_expiry(
    guest: WebcrmClient, webcrm: WebcrmFake, clock: FakeClock
) -> None:
    token = guest.login()["AccessToken"]
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["iat"] == int(clock.now().timestamp())


def test_reset_forgets_tokens(guest: WebcrmClient, webcrm: WebcrmFake) -> None:
    guest.login()
    webcrm.reset()
    assert guest.get("/Organisations").status_code == 401


def test_control_plane_needs_no_token(guest: WebcrmClient) -> None:
    response = requests.post(
        f"{BASE_URL}/_fake/records/Organisations", json={"OrganisationName": "Acme"}
    )
    assert response.status_code == 201
    assert response.json()["OrganisationName"] == "Acme"
