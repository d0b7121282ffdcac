"""Customerp routes as data: the same five operations on each collection."""

from __future__ import annotations

from fakes.core import Route
from fakes.customerp.models import COLLECTIONS


def _routes_of(collection: str) -> tuple[Route, ...]:
    fixed = {"collection": collection}
    one = f"/{collection}/{{id:int}}"
    return (
        Route("GET", f"/{collection}", "list_records", fixed),
        Route("POST", f"/{collection}", "create_record", fixed, write=True),
        Route("GET", one, "get_record", fixed),
        Route("PUT", one, "replace_record", fixed, write=True),
        Route("DELETE", one, "delete_record", fixed, write=True),
    )


ROUTES: tuple[Route, ...] = tuple(r for c in COLLECTIONS for r in _routes_of(c))
