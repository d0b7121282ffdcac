"""Bulk writes to webCRM: one PATCH per batch; a batch webCRM refuses as a whole is split
into single PATCHes so that one bad item cannot block the others."""

from __future__ import annotations

from typing import Any

from talksync.clients import WebcrmClient
from talksync.errors import ApiError

Dto = dict[str, Any]


def upsert_isolated(webcrm: WebcrmClient, collection: str, dtos: list[Dto]) -> list[str]:
    """PATCH the DTOs; one answer per DTO (an id, "" or an error message)."""
    if not dtos:
        return []
    try:
        answers = webcrm.upsert(collection, dtos)
    except ApiError as exc:
        if not _refuses_content(exc):
            raise
        if len(dtos) == 1:
            return [f"HTTP {exc.status} {exc.detail}".strip()]
        return [answer for dto in dtos for answer in upsert_isolated(webcrm, collection, [dto])]
    if len(answers) != len(dtos):
        raise ApiError(
            "webcrm",
            "PATCH",
            f"/{collection}",
            200,
            f"{len(answers)} answers for {len(dtos)} items",
        )
    return answers


def _refuses_content(exc: ApiError) -> bool:
    """A 4xx about the request's content (not about the credentials)."""
    return 400 <= exc.status < 500 and exc.status not in (401, 403)
