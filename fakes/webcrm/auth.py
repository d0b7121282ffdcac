"""webCRM's API login: auth code -> bearer access token (a JWT, 3600 s) and refresh token.

Access tokens are HS256 JWTs made with PyJWT (random ``jti``, per-fake key); the fake also
keeps every issued token, so a forged or reset token is refused even with a valid signature.
No token or auth code is ever put in a repr, an exception message or a log line.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

from fakes.webcrm.errors import LoginFailed, Unauthorized

ACCESS_TOKEN_SECONDS = 3600
REFRESH_TOKEN_SECONDS = 30 * 24 * 3600


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


@dataclass(frozen=True)
class Session:
    """One login: the rate limit counts per session (a refreshed token keeps its session)."""

    key: str
    expires_at: datetime


class TokenAuthority:
    """Issues, refreshes and checks tokens against a fake clock's `now()`."""

    def __init__(self, auth_code: str) -> None:
        self._auth_code_digest = _digest(auth_code)  # the code itself is not kept
        self._signing_key = secrets.token_bytes(32)
        self._access: dict[str, Session] = {}
        self._refresh: dict[str, tuple[str, datetime]] = {}  # refresh token -> (session, expiry)

    def __repr__(self) -> str:
        return f"TokenAuthority(sessions={len(self._access)})"

    def reset(self) -> None:
        """Forget every token (clients must log in again)."""
        self._access.clear()
        self._refresh.clear()

    def login(self, auth_code: str | None, now: datetime) -> dict[str, Any]:
        """TokenResponseDto for a valid auth code; LoginFailed otherwise."""
        if not auth_code or not hmac.compare_digest(_digest(auth_code), self._auth_code_digest):
            raise LoginFailed("The auth code is missing or not valid.")
        return self._issue(secrets.token_hex(8), now)

    def login_session(self, now: datetime) -> dict[str, Any]:
        """A TokenResponseDto for a login checked elsewhere (a webCRM user's name and password)."""
        return self._issue(secrets.token_hex(8), now)

    def refresh(self, refresh_token: str | None, now: datetime) -> dict[str, Any]:
        """A new TokenResponseDto for a known, unexpired refresh token; LoginFailed otherwise."""
        entry = self._refresh.get(refresh_token or "")
        if entry is None or entry[1] <= now:
            raise LoginFailed("The refresh token is missing, unknown or expired.")
        return self._issue(entry[0], now)

    def authenticate(self, authorization: str | None, now: datetime) -> Session:
        """The session of a valid `Authorization: Bearer <token>` header; Unauthorized otherwise."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("Authorization has been denied: no bearer token.")
        session = self._access.get(token.strip())
        if session is None:
            raise Unauthorized("Authorization has been denied: the token is not valid.")
        if session.expires_at <= now:
            raise Unauthorized("Authorization has been denied: the token is expired.")
        return session

    def expire(self, authorization: str | None, now: datetime) -> None:
        """The bearer token of this header expires at ``now`` (unknown tokens: nothing)."""
        token = (authorization or "").partition(" ")[2].strip()
        session = self._access.get(token)
        if session is not None:
            self._access[token] = Session(session.key, min(session.expires_at, now))

    def _forget_expired(self, now: datetime) -> None:
        """Drop dead tokens so a long-served fake does not grow without bound."""
        self._access = {t: s for t, s in self._access.items() if s.expires_at > now}
        self._refresh = {t: entry for t, entry in self._refresh.items() if entry[1] > now}

    def _issue(self, session_key: str, now: datetime) -> dict[str, Any]:
        if len(self._access) > 10_000:
            self._forget_expired(now)
        expires_at = now + timedelta(seconds=ACCESS_TOKEN_SECONDS)
        access = self._jwt(session_key, now, expires_at)
        refresh = secrets.token_urlsafe(32)
        self._access[access] = Session(session_key, expires_at)
        self._refresh[refresh] = (session_key, now + timedelta(seconds=REFRESH_TOKEN_SECONDS))
        return {
            "AccessToken": access,
            "RefreshToken": refresh,
            "Error": "",
            "ErrorDescription": "",
            "IsError": False,
            "ExpiresIn": ACCESS_TOKEN_SECONDS,
            "TokenType": "Bearer",
        }

    def _jwt(self, session_key: str, now: datetime, expires_at: datetime) -> str:
        claims = {
            "jti": secrets.token_urlsafe(16),
            "sid": session_key,
            "iat": int(now.timestamp()),
            "exp": int(expires_at.timestamp()),
        }
        return jwt.encode(claims, self._signing_key, algorithm="HS256")
