"""Errors of the engine and its clients; messages name method, path and status, never secrets."""

from __future__ import annotations


class SyncError(Exception):
    """Base class of the engine's errors."""


class ConfigError(SyncError):
    """The engine cannot start: a bad URL, a missing checklist, an unsupported flow."""


class ApiError(SyncError):
    """A request failed for good: a client error (4xx) the engine must not retry."""

    def __init__(self, system: str, method: str, path: str, status: int, message: str = "") -> None:
        self.system = system
        self.status = status
        self.detail = message
        super().__init__(f"{system} {method} {path}: HTTP {status} {message}".rstrip())


class CredentialsRefused(ApiError):
    """The system refused the credentials: a 401/403, or webCRM's ApiLogin answering 200
    with ``IsError`` (as its swagger declares). Retrying cannot help; the operator must act."""


class TransientFailure(SyncError):
    """A request kept failing transiently (5xx, 429, connection) beyond the retry budget."""


class WriteUncertain(SyncError):
    """A non-idempotent write failed in a way that leaves open whether it was applied
    (5xx or a dropped connection after sending): the caller must reconcile, not resend."""


class StaleVersion(SyncError):
    """Customerp answered 412 to ``If-Match``: the record changed since it was read."""


class BadResponse(SyncError):
    """A system answered with a body the engine cannot read: not JSON (e.g. an HTML error page
    with status 200), a JSON value of the wrong shape, or records without their ids. The
    message names the system, the request and what was wrong; nothing is half-applied."""
