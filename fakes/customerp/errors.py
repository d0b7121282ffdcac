"""Customerp API errors: one class per error code, each carrying its HTTP status."""

from __future__ import annotations

from fakes.core import HttpError


class Unauthorized(HttpError):
    def __init__(self, message: str = "missing or invalid API key") -> None:
        super().__init__(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


class BadRequest(HttpError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(400, "bad_request", message, field)


class NotFound(HttpError):
    def __init__(self, collection: str, id: object) -> None:
        super().__init__(404, "not_found", f"{collection} {id} does not exist")


class Conflict(HttpError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(409, "conflict", message, field)


class PreconditionFailed(HttpError):
    def __init__(self, current: int, given: int) -> None:
        msg = f"If-Match version {given} is stale; the current version is {current}"
        super().__init__(412, "precondition_failed", msg, "If-Match")


class ValidationFailed(HttpError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(422, "validation_error", f"{field}: {message}", field)
