"""Evidence of a scenario (HTTP exchanges, attachments, notes), redacted at record time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from talkqa.redaction import redact, redact_headers, redact_text

MAX_EXCHANGES = 40
MAX_ATTACHMENTS = 20
MAX_BODY = 4000

_EVIDENCE_KEY = pytest.StashKey["Evidence"]()


class Evidence:
    """What a scenario saw: HTTP exchanges, named attachments and notes (JSON-able, redacted)."""

    def __init__(self) -> None:
        self.exchanges: list[dict[str, Any]] = []
        self.attachments: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def exchange(
        self,
        method: str,
        url: str,
        status: int | None,
        *,
        request_headers: Mapping[str, Any] | None = None,
        request_body: Any = None,
        response_headers: Mapping[str, Any] | None = None,
        response_body: Any = None,
        error: str | None = None,
    ) -> None:
        """Record one HTTP exchange by its parts (``status`` None: no response)."""
        self.exchanges.append(
            {
                "method": method.upper(),
                "url": redact_text(url),
                "status": status,
                "request_headers": redact_headers(request_headers),
                "request_body": _body(request_body),
                "response_headers": redact_headers(response_headers),
                "response_body": _body(response_body),
                "error": redact_text(error) if error else None,
            }
        )
        del self.exchanges[:-MAX_EXCHANGES]

    def record_exchange(self, request: Any, response: Any = None) -> None:
        """Record a ``requests`` PreparedRequest and its Response (or None, or an exception)."""
        error = str(response) if isinstance(response, BaseException) else None
        answered = response if error is None else None
        self.exchange(
            str(getattr(request, "method", "?")),
            str(getattr(request, "url", "?")),
            getattr(answered, "status_code", None),
            request_headers=getattr(request, "headers", None),
            request_body=getattr(request, "body", None),
            response_headers=getattr(answered, "headers", None),
            response_body=getattr(answered, "text", None) if answered is not None else None,
            error=error,
        )

    def record_calls(self, calls: Iterable[Any]) -> None:
        """Record every call of a ``responses.RequestsMock`` (``rsps.calls``) or (req, resp)."""
        for call in calls:
            if isinstance(call, tuple):
                self.record_exchange(*call)
            else:
                self.record_exchange(call.request, call.response)

    def attach(self, name: str, data: Any) -> None:
        """Attach JSON-able data under a name (e.g. a fake's journal)."""
        self.attachments.append({"name": redact_text(name), "data": _body(data)})
        del self.attachments[:-MAX_ATTACHMENTS]

    def note(self, text: str) -> None:
        """Add one line of text, e.g. the seed of the scenario's data."""
        self.notes.append(redact_text(str(text)))

    def to_json(self) -> dict[str, Any]:
        """The JSON-able form shipped on the test report."""
        return {
            "exchanges": list(self.exchanges),
            "attachments": list(self.attachments),
            "notes": list(self.notes),
        }

    def __bool__(self) -> bool:
        return bool(self.exchanges or self.attachments or self.notes)


def evidence_for(item: pytest.Item) -> Evidence:
    """The evidence of a test item, created on first use."""
    found = item.stash.get(_EVIDENCE_KEY, None)
    if found is None:
        found = item.stash[_EVIDENCE_KEY] = Evidence()
    return found


def recorded_evidence(item: pytest.Item) -> Evidence | None:
    """The evidence of an item if anything was recorded, else None."""
    found = item.stash.get(_EVIDENCE_KEY, None)
    return found if found else None


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> Evidence:
    """The current scenario's evidence (see /work/notes/EVIDENCE_API.md and the README)."""
    return evidence_for(request.node)  # type: ignore[arg-type]


def _body(body: Any) -> Any:
    """A redacted, JSON-able, size-limited form of a body (parsed as JSON when it is JSON)."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return _truncate(redact_text(body))
    cleaned = redact(body)
    text = json.dumps(cleaned, ensure_ascii=False, default=str)
    return cleaned if len(text) <= MAX_BODY else _truncate(text)


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_BODY else text[:MAX_BODY] + f"... [{len(text)} chars]"
