"""The served webCRM fake against webCRM's own swagger: a scripted tour of all 280 operations.

The tour puts a row in every collection (through the API where the swagger can write it, else
through the control plane, as webCRM's UI would), then calls every route of
fakes/webcrm/routes.py over real HTTP on loopback - reads, writes, filters, sub-resources,
logins, and the DELETEs last - with request bodies that are themselves valid by the swagger,
and validates each answer against the operation's declared status and response schema. Every
definition is made strict (no properties beyond the spec, every property required) so a
misspelt, invented or missing field fails. Unset date-times are null (.NET's DateTime?; the 2019
swagger does not mark them nullable); the `date-time` format is checked as webCRM writes it
(UTC without zone suffix, milliseconds: CONTRACT.md), not as RFC 3339.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
import requests

from fakes import DEFAULT_AUTH_CODE
from fakes.core import FakeClock, Route, serve_fakes
from fakes.webcrm import WebcrmFake
from fakes.webcrm.routes import ROUTES
from fakes.webcrm.schema import DERIVED, FieldSpec, entity_schemas, nested_fields, swagger

REFERENCES = ("PersonOrganisationId", "ProductOrganisationId", "ProductPersonId")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$")


def strict_definitions() -> dict[str, Any]:
    definitions = copy.deepcopy(swagger()["definitions"])
    for definition in definitions.values():
        props = definition.get("properties", {})
        definition["additionalProperties"] = False
        definition["required"] = sorted(props)
        for prop in props.values():
            if prop.get("format") == "date-time":
                prop["type"] = ["string", "null"]
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
    return pattern.replace(":int}", "}")


def operation(method: str, template: str) -> dict[str, Any]:
    return swagger()["paths"][template][method.lower()]


def sample_value(spec: FieldSpec, n: int) -> Any:
    """A value of the field's JSON type, as long as its maxLength allows."""
    if spec.json_type == "array" and spec.items is not None:
        return [sample_value(spec.items, n)]
    if spec.json_type == "object":
        return {name: sample_value(inner, n) for name, inner in nested_fields(spec.ref).items()}
    if spec.enum:
        return spec.enum[n % len(spec.enum)]
    if spec.is_datetime:
        return f"2024-0{1 + n % 9}-1{n % 10}T12:34:56.789"
    if spec.json_type == "string":
        text = f"{spec.name} value {n} æøå"
        return text[: spec.max_length] if spec.max_length else text
    return {"integer": n, "number": n + 0.25, "boolean": n % 2 == 0}[spec.json_type]


def full_dto(collection: str, n: int, fields: dict[str, FieldSpec] | None = None) -> dict[str, Any]:
    """Every field of the write DTO set (read-only ones too: the fake must ignore them);
    references name row 1 of their table, which the tour writes first."""
    schema = entity_schemas()[collection]
    body = {name: sample_value(spec, n) for name, spec in (fields or schema.input_fields).items()}
    body.update({k: 1 for k in REFERENCES if k in body})
    if collection == "Meetings":
        body.update(MeetingStart="2024-09-12T10:00:00.000", MeetingEnd="2024-09-12T11:00:00.000")
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
        assert response.status_code < 300, f"{method} {path or template}: {response.text[:300]}"
        ctype = response.headers.get("Content-Type", "")
        return response.json() if response.content and "json" in ctype else None


def path_value(name: str, route: Route, ids: dict[str, Any]) -> str:
    """A concrete value for one path parameter of a route, naming rows the tour wrote."""
    collection = route.fixed.get("parent") or route.fixed.get("collection", "")
    if name in ("id", "meetingId"):
        return str(ids[collection])
    if name in ("startDate", "From"):
        return "2024-01-01"
    if name == "endDate":
        return "2100-01-01"
    if name == "status":
        return str(entity_schemas()[collection].fields[route.fixed["field"]].enum[0])  # type: ignore[index]
    if name == "entityTypes":
        return "Organisation,Person"
    return "1"  # organisation, user, support case, level, channel: row 1 or value 1


def concrete(route: Route, ids: dict[str, Any]) -> str:
    names = re.findall(r"\{(\w+)(?::int)?\}", route.pattern)
    path = route.pattern
    for name in names:
        path = re.sub(r"\{" + name + r"(?::int)?\}", path_value(name, route, ids), path)
    return path


def request_kwargs(route: Route) -> dict[str, Any]:
    """The body or form the route's operation takes, valid by the swagger."""
    collection, handler = route.fixed.get("collection", ""), route.handler
    forms = {
        "login": {"authCode": DEFAULT_AUTH_CODE},
        "user_login": {"dbnCode": "1", "userName": "ada", "password": "pw-1"},
        "crm_login": {"publishCode": "1", "loginName": "ada", "password": "pw-1"},
    }
    if handler in forms:
        return {"data": forms[handler]}
    if handler in ("create", "replace"):
        return {"json": full_dto(collection, 2)}
    if handler == "upsert":
        return {"json": [full_dto(collection, 3)]}
    bodies: dict[str, Any] = {
        "move": {"NewOrganisationId": 1},
        "add_note": {"Comment": "Called back"},
        "create_meeting": full_dto("Meetings", 1, nested_fields("MeetingInfoCreateDto")),
        "connect_meeting": {"UserId": "1", "Activities": [{"Id": 1}], "Opportunities": []},
    }
    if handler in bodies:
        return {"json": bodies[handler]}
    if handler == "meetings":
        window = {"from": "2024-01-01", "to": "2100-01-01", "userId": "MeetingUserId value 1 æøå"}
        return {"params": window}
    if handler == "query":
        return {"params": {"script": "SELECT * FROM Opportunity ORDER BY OpportunityId DESC"}}
    return {"params": {"Page": 1, "Size": 1000}} if "list" in handler else {}


def seed(tour: Tour) -> dict[str, Any]:
    """Row 1 of every collection: through POST where the swagger has one, else as webCRM's UI."""
    posts = {r.fixed["collection"] for r in ROUTES if r.handler == "create"}
    ids: dict[str, Any] = {}
    order = sorted(entity_schemas(), key=lambda c: (c not in ("Organisations", "Persons"), c))
    for collection in order:
        if collection in posts:
            path = "/" + collection.replace(".", "/")
            ids[collection] = tour.call("POST", path, json=full_dto(collection, 1))
        elif collection == "Meetings":
            body = full_dto("Meetings", 1, nested_fields("MeetingInfoCreateDto"))
            ids[collection] = tour.call("POST", "/Meetings", json=body)
        else:
            url = f"{tour.root}/_fake/records/{collection}"
            row = tour.session.post(url, json=full_dto(collection, 1)).json()
            ids[collection] = row[entity_schemas()[collection].id_field]
    user = {"UserLoginName": "Ada", "UserPassword": "pw-1"}
    tour.session.patch(f"{tour.root}/_fake/records/Users/{ids['Users']}", json=user)
    return ids


def run_tour(tour: Tour) -> None:
    token = tour.call("POST", "/Auth/ApiLogin", data={"authCode": DEFAULT_AUTH_CODE})
    tour.headers = {"Authorization": f"Bearer {token['AccessToken']}"}
    ids = seed(tour)
    refresh = {"headers": {"refreshToken": token["RefreshToken"]}}
    for route in sorted(ROUTES, key=lambda r: (r.method == "DELETE", r.handler == "delete_all")):
        kwargs = refresh if route.handler == "refresh" else request_kwargs(route)
        tour.call(route.method, swagger_template(route.pattern), concrete(route, ids), **kwargs)


@pytest.fixture(scope="module")
def tour() -> Iterator[Tour]:
    fake = WebcrmFake(clock=FakeClock())
    fake.rate_limit.limit = 10**6  # the tour is one client doing ~300 calls in a burst
    with serve_fakes(fake) as urls:
        tour = Tour(urls["webcrm"])
        run_tour(tour)
        yield tour


def test_every_route_of_the_fake_is_a_swagger_operation_and_all_280_are_routed() -> None:
    for route in ROUTES:
        assert operation(route.method, swagger_template(route.pattern))["operationId"]
    every = {(m, p) for p, ops in swagger()["paths"].items() for m in ops}
    assert len(every) == len(ROUTES) == 280


def test_the_tour_covers_every_route(tour: Tour) -> None:
    called = {(method, template) for method, template, _ in tour.calls}
    assert called == {(r.method, swagger_template(r.pattern)) for r in ROUTES}


def test_tour_request_bodies_are_valid_by_the_swagger() -> None:
    for route in ROUTES:
        body = request_kwargs(route).get("json")
        params = operation(route.method, swagger_template(route.pattern)).get("parameters", [])
        declared = [p["schema"] for p in params if p["in"] == "body"]
        if body is None or not declared:
            continue
        errors = [e.message for e in validator(declared[0]).iter_errors(body)]
        assert errors == [], f"{route.method} {route.pattern}: {errors[:3]}"


def test_every_response_matches_its_operations_schema(tour: Tour) -> None:
    checked = 0
    for method, template, response in tour.calls:
        documented = operation(method, template)["responses"]
        assert str(response.status_code) in documented, f"{method} {template}"
        schema = documented[str(response.status_code)].get("schema")
        if schema is None or schema.get("type") == "file":
            continue
        errors = [
            f"{e.instance_path}: {e.message}"
            for e in validator(schema).iter_errors(response.json())
        ]
        assert errors == [], f"{method} {template}: {errors[:3]}"
        checked += 1
    assert checked >= 180


def test_lists_read_back_what_the_tour_wrote(tour: Tour) -> None:
    """Every paged list of a collection answers the rows written, not an empty array."""
    lists = [(t, r.json()) for m, t, r in tour.calls if m == "GET" and t.count("/") == 1]
    empty = [
        t for t, rows in lists if isinstance(rows, list) and not rows and t != "/Settings/Features"
    ]
    assert len(lists) >= 20 and empty == []


def test_query_rows_are_the_tables_dtos(tour: Tour) -> None:
    (response,) = [r for m, t, r in tour.calls if t == "/Queries"]
    rows = response.json()
    dto = validator({"type": "array", "items": {"$ref": "#/definitions/OpportunityDto"}})
    assert rows and [e.message for e in dto.iter_errors(rows)] == []


def test_derived_fields_sent_by_a_client_are_ignored(tour: Tour) -> None:
    """The tour sends OrganisationLastItemType etc.; webCRM sets them, so they stay unset."""
    rows = [r.json() for m, t, r in tour.calls if m == "GET" and t == "/Organisations"]
    assert rows and all(row["OrganisationLastItemType"] == "Undefined" for row in rows[0])
    assert all(
        row[name] is None for row in rows[0] for name in DERIVED - {"OrganisationLastItemType"}
    )
