"""What both clients share: a session that ignores the environment, and error decoding."""

from __future__ import annotations

from typing import Any

import requests

from talksync.clock import parse_timestamp
from talksync.errors import BadResponse, ConfigError

JSON_KINDS: dict[type, str] = {dict: "a JSON object", list: "a JSON array"}


def new_session() -> requests.Session:
    """A session that does not read proxies or netrc from the environment (and is faster)."""
    session = requests.Session()
    session.trust_env = False
    return session


def header_value(value: str, name: str) -> str:
    """A credential or token an HTTP header can carry (visible ASCII, no spaces); otherwise a
    ConfigError that names it but never shows it (requests would echo it in its error)."""
    if not value or not all(33 <= ord(c) <= 126 for c in value):
        raise ConfigError(
            f"{name} is empty or holds characters an HTTP header cannot carry "
            "(spaces, line breaks, non-ASCII)"
        )
    return value


def error_detail(response: requests.Response) -> str:
    """A short, secret-free description of an error answer's body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip()
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        err = body["error"]
        field = f" (field {err['field']})" if err.get("field") else ""
        return f"{err.get('code', '')}: {err.get('message', '')}{field}".strip(": ")
    if isinstance(body, dict):
        for key in ("Message", "message", "ErrorDescription", "Error", "title"):
            if body.get(key):
                return str(body[key])[:200]
    return str(body)[:200]


def json_answer(response: requests.Response, what: str, kind: type) -> Any:
    """The JSON body of a successful answer, which must be ``kind`` (dict or list); else a
    BadResponse naming the request (``what``: system, method, path) and what was wrong."""
    try:
        body = response.json()
    except ValueError:
        content_type = response.headers.get("Content-Type") or "no Content-Type"
        raise BadResponse(
            f"{what}: HTTP {response.status_code} answer is not JSON ({content_type})"
        ) from None
    if not isinstance(body, kind):
        raise BadResponse(f"{what}: answer is {_kind_of(body)}, not {JSON_KINDS[kind]}")
    return body


def record_with_id(record: Any, id_field: str, stamp_field: str, what: str) -> dict[str, Any]:
    """A record of a list or single answer: a JSON object with an integer id, an updated-at
    stamp that is an ISO 8601 string (when present) and no array-valued field (neither API
    has one); else a BadResponse, before anything of it is trusted."""
    if not isinstance(record, dict):
        raise BadResponse(f"{what}: a record is {_kind_of(record)}, not a JSON object")
    value = record.get(id_field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadResponse(f"{what}: a record has no integer {id_field} ({_kind_of(value)})")
    stamp = record.get(stamp_field)
    if stamp is not None and not _is_timestamp(stamp):
        raise BadResponse(f"{what}: record {value} has no valid {stamp_field} ({_kind_of(stamp)})")
    for name, field_value in record.items():
        if isinstance(field_value, list):
            raise BadResponse(f"{what}: record {value} has {name} as a JSON array")
    return record


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_timestamp(value)
    except ValueError:
        return False
    return True


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    names = {bool: "a JSON boolean", str: "a JSON string", int: "a JSON number",
             float: "a JSON number", dict: "a JSON object", list: "a JSON array"}  # fmt: skip
    return names.get(type(value), type(value).__name__)
