"""webCRM API errors: one class per error the fake answers, each with its status and JSON body.

Bodies follow the shape of webCRM's documented throttling body (`Message`, `Type`, plus
details); 400s that concern fields add `Errors: {field: [messages]}` (see README.md).
"""

from __future__ import annotations

from typing import Any, ClassVar

from fakes.core.messages import HttpError


class WebcrmError(HttpError):
    """Base: an answer other than success, with the status, headers and body the client sees."""

    STATUS: ClassVar[int] = 500
    TYPE: ClassVar[str] = "Exception"

    def __init__(
        self, message: str, field: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(self.STATUS, self.TYPE, message, field, headers)

    def body(self) -> dict[str, Any]:
        return {"Message": self.message, "Type": self.TYPE}


class BadRequest(WebcrmError):
    """400: the request cannot be understood (malformed JSON, bad parameter)."""

    STATUS = 400
    TYPE = "BadRequestException"

    def body(self) -> dict[str, Any]:
        body = super().body()
        if self.field is not None:
            body["Errors"] = {self.field: [self.message]}
        return body


class ValidationFailed(WebcrmError):
    """400: one or more DTO fields are invalid; every offending field is named."""

    STATUS = 400
    TYPE = "ValidationException"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        first = next(iter(errors.items()), ("", ["Validation failed."]))
        super().__init__(first[1][0], field=first[0] or None)
        self.errors = errors

    def body(self) -> dict[str, Any]:
        return {**super().body(), "Errors": self.errors}


class UnsupportedQuery(BadRequest):
    """400: a /Queries script outside the subset the fake understands (never a wrong answer)."""

    TYPE = "UnsupportedQueryException"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="script")


class Unauthorized(WebcrmError):
    """401: missing, forged or expired bearer token."""

    STATUS = 401
    TYPE = "UnauthorizedException"

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class LoginFailed(WebcrmError):
    """A refused login or refresh: 200 with a TokenResponseDto whose IsError is true, as the
    swagger declares (a 401 would make clients log in again forever)."""

    STATUS = 200
    TYPE = "invalid_grant"

    def __init__(self, message: str, error: str = "invalid_grant") -> None:
        super().__init__(message)
        self.error = error

    def body(self) -> dict[str, Any]:
        return {
            "AccessToken": "",
            "RefreshToken": "",
            "ExpiresIn": 0,
            "TokenType": "",
            "IsError": True,
            "Error": self.error,
            "ErrorDescription": self.message,
        }


class NotFound(WebcrmError):
    """404: no such route or no record with that id."""

    STATUS = 404
    TYPE = "NotFoundException"


class MethodNotAllowed(WebcrmError):
    """405: the path exists but not with this method (e.g. DELETE /Organisations/1)."""

    STATUS = 405
    TYPE = "MethodNotAllowedException"


class PayloadTooLarge(WebcrmError):
    """413: a request body over the fake's size limit."""

    STATUS = 413
    TYPE = "PayloadTooLargeException"


class Throttled(WebcrmError):
    """429: over 250 requests per minute on one token; body as webCRM documents it."""

    STATUS = 429
    TYPE = "TooManyRequestsException"

    def __init__(self, retry_after: int, limit: int) -> None:
        message = f"The request was throttled. The limit of {limit} requests per minute is reached"
        super().__init__(message, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        return {"RetryAfterSeconds": self.retry_after, **super().body()}


class InternalError(WebcrmError):
    """500 (or an injected 5xx): the server failed."""

    STATUS = 500
    TYPE = "InternalServerErrorException"


# Core errors (routing, body size, JSON syntax, injected faults) rendered in webCRM's shape.
_TYPE_BY_STATUS: dict[int, type[WebcrmError]] = {
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
    422: ValidationFailed,  # the control plane's own checks (clock, fault rules)
}


def body_of(err: HttpError) -> dict[str, Any]:
    """The webCRM-shaped JSON body of any error, including the core's generic HttpError."""
    if isinstance(err, WebcrmError):
        return err.body()
    kind = _TYPE_BY_STATUS.get(err.status, InternalError)
    body: dict[str, Any] = {"Message": err.message, "Type": kind.TYPE}
    if err.field is not None:
        body["Errors"] = {err.field: [err.message]}
    return body
