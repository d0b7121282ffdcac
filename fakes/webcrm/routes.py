"""webCRM's routes as data: every operation the fake implements, by method and path pattern."""

from __future__ import annotations

from fakes.core.routes import Route
from fakes.webcrm.schema import ENTITIES


def _collection_routes(collection: str) -> list[Route]:
    fixed = {"collection": collection}
    by_id = f"/{collection}/{{id:int}}"
    return [
        Route("GET", f"/{collection}", "list_page", fixed),
        Route("POST", f"/{collection}", "create", fixed, write=True),
        Route("PATCH", f"/{collection}", "upsert", fixed, write=True),
        Route("GET", by_id, "get", fixed),
        Route("PUT", by_id, "replace", fixed, write=True),
    ]


ROUTES: tuple[Route, ...] = (
    Route("POST", "/Auth/ApiLogin", "login", auth=False),
    Route("POST", "/Auth/ApiRefresh", "refresh", auth=False),
    *(route for collection in ENTITIES for route in _collection_routes(collection)),
    Route("DELETE", "/Products/{id:int}", "delete", {"collection": "Products"}, write=True),
    Route(
        "GET",
        "/Organisations/FindByUpdateDates/{startDate}/{endDate}",
        "find_by_update_dates",
        {"collection": "Organisations"},
    ),
    Route("GET", "/Queries", "query"),
)
