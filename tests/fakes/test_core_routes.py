"""RouteTable: exact and pattern routes, typed and decoded parameters, 404 and 405."""

from __future__ import annotations

import pytest

from fakes.core import FakeRequest, FakeResponse, HttpError, Route, RouteTable


class Echo:
    """Handlers that answer their own name, for checking which route was found."""

    def __getattr__(self, name: str) -> object:
        def handler(request: FakeRequest) -> FakeResponse:
            return FakeResponse.json(name)

        return handler


ROUTES = (
    Route("GET", "/Organisations", "list"),
    Route("GET", "/Organisations/{id:int}", "get"),
    Route("GET", "/Organisations/FindByUpdateDates/{start}/{end}", "changes"),
    Route("POST", "/Organisations", "create", fixed={"collection": "Organisations"}),
    Route("GET", "/{anything}/status", "status"),
)


@pytest.fixture
def table() -> RouteTable:
    return RouteTable(ROUTES, Echo())


def found(table: RouteTable, method: str, path: str) -> tuple[str, dict]:
    bound, params = table.find(method, path)
    return bound.route.handler, params


def test_exact_paths_are_found(table: RouteTable) -> None:
    assert found(table, "GET", "/Organisations") == ("list", {})
    assert found(table, "POST", "/Organisations") == ("create", {})


def test_int_parameters_are_converted(table: RouteTable) -> None:
    assert found(table, "GET", "/Organisations/42") == ("get", {"id": 42})


def test_string_parameters_are_url_decoded(table: RouteTable) -> None:
    path = "/Organisations/FindByUpdateDates/2024-09-11T00%3A00%3A00/2024-09-12"
    assert found(table, "GET", path) == (
        "changes",
        {"start": "2024-09-11T00:00:00", "end": "2024-09-12"},
    )


def test_a_pattern_starting_with_a_parameter_is_found(table: RouteTable) -> None:
    assert found(table, "GET", "/Persons/status") == ("status", {"anything": "Persons"})


def test_fixed_values_travel_with_the_route(table: RouteTable) -> None:
    bound, _ = table.find("POST", "/Organisations")
    assert dict(bound.route.fixed) == {"collection": "Organisations"}


@pytest.mark.parametrize("path", ["/Organisations/abc", "/Nothing", "/Organisations/1/x"])
def test_unknown_paths_are_404(table: RouteTable, path: str) -> None:
    with pytest.raises(HttpError) as caught:
        table.find("GET", path)
    assert caught.value.status == 404


def test_a_known_path_with_another_method_is_405(table: RouteTable) -> None:
    with pytest.raises(HttpError) as caught:
        table.find("DELETE", "/Organisations/1")
    assert caught.value.status == 405


def test_405_names_the_allowed_methods_and_head_is_not_one_of_them(table: RouteTable) -> None:
    with pytest.raises(HttpError) as caught:
        table.find("HEAD", "/Organisations")
    assert caught.value.status == 405
    assert caught.value.headers["Allow"] == "GET, POST"


def test_a_trailing_slash_or_a_doubled_one_is_404(table: RouteTable) -> None:
    for path in ("/Organisations/", "//Organisations", "/Organisations//42"):
        with pytest.raises(HttpError) as caught:
            table.find("GET", path)
        assert caught.value.status == 404, path
