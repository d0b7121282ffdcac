"""Secret redaction for everything talkqa writes: evidence, errors and reports."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

MASK = "[REDACTED]"
SECRET_ENV_VARS = ("CUSTOMERP_API_KEY", "WEBCRM_AUTH_CODE")
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "x-api-key"})
SECRET_FIELDS = frozenset(
    {"accesstoken", "refreshtoken", "authcode", "api_key", "apikey", "password", "access_token"}
)

_registered: set[str] = set()

_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_FIELD_TEXT = re.compile(
    r"(?i)(\"?(?:accesstoken|refreshtoken|authcode|api_key|apikey|password|access_token)\"?"
    r"\s*[:=]\s*\"?)([^\"&\s,}]+)"
)
_HEADER_TEXT = re.compile(r"(?im)^(\s*(?:authorization|cookie|set-cookie|x-api-key)\s*:\s*)(.+)$")


def register_secret(value: str) -> None:
    """Redact ``value`` wherever it appears from now on (in this process)."""
    if value and len(value) >= 4:
        _registered.add(value)


def secret_values() -> list[str]:
    """The literal secrets known now: the env vars' values and the registered ones."""
    values = {os.environ.get(name, "") for name in SECRET_ENV_VARS} | _registered
    # Longest first, so a secret containing another is masked whole.
    return sorted((v for v in values if v and len(v) >= 4), key=len, reverse=True)


def redact_text(text: str) -> str:
    """Mask every known secret, bearer token, JWT and secret field inside free text."""
    for value in secret_values():
        text = text.replace(value, MASK)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    text = _JWT.sub(MASK, text)
    text = _FIELD_TEXT.sub(lambda m: f"{m.group(1)}{MASK}", text)
    return _HEADER_TEXT.sub(lambda m: f"{m.group(1)}{MASK}", text)


def redact(value: Any) -> Any:
    """A JSON-able copy of ``value`` with secrets masked (by key and by content)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, Mapping):
        return {str(k): _redact_entry(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact_text(repr(value))


def redact_headers(headers: Mapping[str, Any] | None) -> dict[str, str]:
    """Headers as a plain dict with secret headers masked."""
    if not headers:
        return {}
    return {
        str(k): MASK if str(k).lower() in SECRET_HEADERS else redact_text(str(v))
        for k, v in headers.items()
    }


def _redact_entry(key: str, value: Any) -> Any:
    lowered = key.lower()
    if lowered in SECRET_FIELDS or lowered in SECRET_HEADERS:
        return MASK if value not in (None, "") else value
    return redact(value)
