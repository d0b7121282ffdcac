"""The served webCRM fake against webCRM's own swagger: every implemented operation, every response.

A scripted tour calls each route of fakes/webcrm/routes.py over real HTTP on loopback, with
request bodies that are themselves valid by the swagger, and validates each success body
against the operation's response schema; the DTO definitions are made strict (no properties
beyond the spec) so a misspelt or invented field fails. The swagger's `date-time` format is
checked as webCRM writes it (UTC without zone suffix, milliseconds: CONTRACT.md), not as
RFC 3339, which would need a zone that webCRM never sends.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
import requests

from fakes.core import FakeClock, serve_fakes
from fakes.webcrm import WebcrmFake
from fakes.webcrm.routes import ROUTES
from fakes.webcrm.schema import DERIVED, FieldSpec, entity_schemas, swagger

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$")
STRICT = ("OrganisationDto", "PersonDto", "ProductDto", "TokenResponseDto")


def strict_definitions() -> dict[str, Any]:
    definitions = copy.deepcopy(swagger()["definitions"])
    for name in STRICT:
        definitions[name]["additionalProperties"] = False
    # /Queries answers `ObjectDto`, which the swagger references but never defines.
    definitions.setdefault("ObjectDto", {"type": "object"})
    return definitions


def is_webcrm_timestamp(text: str) -> bool:
    return TIMESTAMP.match(text) is not None


def validator(schema: dict[str, Any]) -> jsonschema_rs.Draft4Validator:
    return jsonschema_rs.Draft4Validator(
        {"definitions": strict_definitions(), **schema},
        formats={"date-time": is_webcrm_timestamp},
        validate_formats=True,
    )


def swagger_template(pattern: str) -> str:
    return pattern.replace("{id:int}", "{id}")


def operation(method: str, template: str) -> dict[str, Any]:
    return swagger()["paths"][template][method.lower()]


def sample_value(spec: FieldSpec, n: int) -> Any:
    """A value of the field's JSON type, as long as its maxLength allows."""
    if spec.enum:
        return spec.enum[n % len(spec.enum)]
    if spec.is_datetime:
        return f"2024-0{1 + n % 9}-1{n % 10}T12:34:56.789"
    if spec.json_type == "string":
        text = f"{spec.name} value {n} æøå"
        return text[: spec.max_length] if spec.max_length else text
    return {"integer": n, "number": n + 0.25, "boolean": n % 2 == 0}[spec.json_type]


def full_dto(collection: str, n: int, **fixed: Any) -> dict[str, Any]:
    """Every writable field set (the read-only ones too: the fake must ignore them)."""
    schema = entity_schemas()[collection]
    body = {name: sample_value(spec, n) for name, spec in schema.fields.items()}
    body.update(fixed)
    return body


class Tour:
    """Runs calls against the served fake and keeps (method, template, response) triples."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.session = requests.Session()
        self.session.trust_env = False
        self.calls: list[tuple[str, str, requests.Response]] = []
        self.headers: dict[str, str] = {}

    def call(self, method: str, template: str, path: str | None = None, **kw: Any) -> Any:
        headers = {**self.headers, **kw.pop("headers", {})}
        response = self.session.request(
            method, self.root + (path or template), headers=headers, **kw
        )
        self.calls.append((method, template, response))
        assert response.status_code == 200, f"{method} {path or template}: {response.text[:300]}"
        return response.json() if response.content else None


def run_tour(tour: Tour) -> None:
    token = tour.call("POST", "/Auth/ApiLogin", data={"authCode": "wc-test-auth-code"})
    headers = {"refreshToken": token["RefreshToken"]}
    token = tour.call("POST", "/Auth/ApiRefresh", headers=headers)
    tour.headers = {"Authorization": f"Bearer {token['AccessToken']}"}
    ids: dict[str, int] = {}
    for collection in entity_schemas():
        refs = {"Persons": {"PersonOrganisationId": ids.get("Organisations", 0)}}
        refs["Products"] = {"ProductOrganisationId": 1, "ProductPersonId": 1}
        fixed = refs.get(collection, {})
        body = full_dto(collection, 1, **fixed)
        ids[collection] = tour.call("POST", f"/{collection}", json=body)
        one = f"/{collection}/{{id}}"
        concrete = f"/{collection}/{ids[collection]}"
        tour.call("GET", one, concrete)
        tour.call("PUT", one, concrete, json=full_dto(collection, 2, **fixed))
        items = [full_dto(collection, 3, **fixed), full_dto(collection, 4, **fixed)]
        items[1][f"{entity_schemas()[collection].table}Id"] = ids[collection]
        tour.call("PATCH", f"/{collection}", json=items)
        tour.call("GET", f"/{collection}", params={"Page": 1, "Size": 1000})
        table = entity_schemas()[collection].table
        script = f"SELECT * FROM {table} WHERE {table}UpdatedAt >= '2024-09-11T00:00:00'"
        tour.call("GET", "/Queries", params={"script": script + f" ORDER BY {table}Id DESC"})
    template = "/Organisations/FindByUpdateDates/{startDate}/{endDate}"
    concrete = "/Organisations/FindByUpdateDates/2024-09-11T00:00:00/2024-09-12T00:00:00"
    tour.call("GET", template, concrete, params={"Page": 1, "Size": 10})
    tour.call("DELETE", "/Products/{id}", f"/Products/{ids['Products']}")


@pytest.fixture(scope="module")
def tour() -> Iterator[Tour]:
    fake = WebcrmFake(clock=FakeClock())
    with serve_fakes(fake) as urls:
        tour = Tour(urls["webcrm"])
        run_tour(tour)
        yield tour


def test_every_route_of_the_fake_is_a_swagger_operation() -> None:
    for route in ROUTES:
        assert operation(route.method, swagger_template(route.pattern))["operationId"]


def test_the_tour_covers_every_route(tour: Tour) -> None:
    called = {(method, template) for method, template, _ in tour.calls}
    assert called == {(r.method, swagger_template(r.pattern)) for r in ROUTES}


def test_tour_request_bodies_are_valid_by_the_swagger() -> None:
    for collection, schema in entity_schemas().items():
        check = validator({"$ref": f"#/definitions/{schema.dto_name}"})
        errors = [e.message for e in check.iter_errors(full_dto(collection, 1))]
        assert errors == [], collection


def test_every_response_matches_its_operations_schema(tour: Tour) -> None:
    checked = 0
    for method, template, response in tour.calls:
        documented = operation(method, template)["responses"]
        assert str(response.status_code) in documented
        schema = documented[str(response.status_code)].get("schema")
        if schema is None:
            continue
        errors = [
            f"{e.instance_path}: {e.message}"
            for e in validator(schema).iter_errors(response.json())
        ]
        assert errors == [], f"{method} {template}"
        checked += 1
    assert checked >= 15


def test_query_rows_are_the_tables_dtos(tour: Tour) -> None:
    queries = [r for m, t, r in tour.calls if t == "/Queries"]
    assert len(queries) == len(entity_schemas())
    for response, schema in zip(queries, entity_schemas().values(), strict=True):
        rows = response.json()
        dto = validator({"type": "array", "items": {"$ref": f"#/definitions/{schema.dto_name}"}})
        assert rows and [e.message for e in dto.iter_errors(rows)] == []


def test_list_responses_carry_the_full_dtos_written(tour: Tour) -> None:
    lists = [
        r.json() for m, t, r in tour.calls if m == "GET" and t in ("/Organisations", "/Persons")
    ]
    for rows in lists:
        assert rows and all(len(row) >= 80 for row in rows)


def date_fields_seen(tour: Tour) -> set[str]:
    seen: set[str] = set()
    for _, _, response in tour.calls:
        body = response.json() if response.content else None
        for row in body if isinstance(body, list) else [body]:
            seen |= set(row) if isinstance(row, dict) else set()
    every = {n for s in entity_schemas().values() for n, f in s.fields.items() if f.is_datetime}
    return seen & every


def test_every_date_time_field_written_is_read_back_but_the_derived_ones(tour: Tour) -> None:
    every = {n for s in entity_schemas().values() for n, f in s.fields.items() if f.is_datetime}
    assert date_fields_seen(tour) == every - DERIVED


def test_derived_fields_sent_by_a_client_are_ignored(tour: Tour) -> None:
    """The tour sends OrganisationLastItemType etc.; webCRM sets them, so they stay unset."""
    rows = [r.json() for m, t, r in tour.calls if m == "GET" and t == "/Organisations"]
    assert rows and all(row["OrganisationLastItemType"] == "Undefined" for row in rows[0])
    assert DERIVED.isdisjoint(date_fields_seen(tour))
