"""What both clients share: a session that ignores the environment, and error decoding."""

from __future__ import annotations

import requests


def new_session() -> requests.Session:
    """A session that does not read proxies or netrc from the environment (and is faster)."""
    session = requests.Session()
    session.trust_env = False
    return session


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
