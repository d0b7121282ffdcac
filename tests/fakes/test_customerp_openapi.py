"""The Customerp fake against its own OpenAPI document: a scripted tour and schemathesis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import requests
import schemathesis
import yaml
from customerp_client import CustomerpClient
from schemathesis.config import SchemathesisConfig

import fakes.customerp
from fakes import DEFAULT_API_KEY, CustomerpFake, FakeClock, serve_fakes

DOCUMENT_PATH = Path(fakes.customerp.__file__).with_name("openapi.yaml")
DOCUMENT = yaml.safe_load(DOCUMENT_PATH.read_text())


def json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema: ``nullable: true`` becomes a null type."""
    if isinstance(node, list):
        return [json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: json_schema(v) for k, v in node.items() if k not in ("nullable", "example")}
    if node.get("nullable") and "type" in node:
        out["type"] = [node["type"], "null"]
    return out


COMPONENTS = json_schema(DOCUMENT["components"])


def operation_of(method: str, url: str) -> tuple[str, dict[str, Any]]:
    """The document's path template and operation for a request URL."""
    path = "/" + url.split("/api/v1/", 1)[1].split("?", 1)[0]
    for template, item in DOCUMENT["paths"].items():
        if re.fullmatch(re.sub(r"\{\w+\}", r"[^/]+", template), path):
            return template, item[method.lower()]
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def check_against_document(response: requests.Response) -> str:
    """Assert the status is documented and the body matches its schema; returns the key."""
    method = response.request.method or ""
    template, operation = operation_of(method, response.request.url or "")
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{method} {template}: status {response.status_code} not documented"
    if "$ref" in documented:
        documented = DOCUMENT["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
    content = documented.get("content")
    if content is None:
        assert response.content == b""
    else:
        schema = {**content["application/json"]["schema"], "components": COMPONENTS}
        jsonschema_rs.validate(json_schema(schema), response.json())
        assert response.headers["Content-Type"].startswith("application/json")
    if "ETag" in documented.get("headers", {}):
        assert re.fullmatch(r'"[0-9]+"', response.headers["ETag"])
    return f"{method} {template} {response.status_code}"


@pytest.fixture
def served() -> Iterator[tuple[CustomerpFake, str]]:
    fake = CustomerpFake(clock=FakeClock())
    with serve_fakes(fake) as urls:
        yield fake, urls["customerp"]


def tour(client: CustomerpClient) -> list[requests.Response]:
    """Every operation, with its success and its documented failures."""
    out: list[requests.Response] = []
    customer = client.post("/customers", {"name": "Acme", "address": {"country": "NO"}})
    out += [
        customer,
        client.post("/customers", {"name": ""}),
        client.call("POST", "/customers", data=b"{"),
    ]
    cid = customer.json()["id"]
    contact = client.post("/contacts", {"customer_id": cid, "first_name": "Kari"})
    out += [contact, client.post("/contacts", {"customer_id": 1})]
    product = client.post("/products", {"sku": "S-1", "name": "Widget", "unit_price": 9.5})
    out += [product, client.post("/products", {"sku": "S-1", "name": "Again"})]
    ids = {"customers": cid, "contacts": contact.json()["id"], "products": product.json()["id"]}
    bodies = {
        "customers": {"name": "Acme AS"},
        "contacts": {"customer_id": cid, "last_name": "Nordmann"},
        "products": {"sku": "S-1", "name": "Widget 2"},
    }
    for name, id in ids.items():
        one = f"/{name}/{id}"
        out += [client.get(f"/{name}?limit=1"), client.get(f"/{name}?limit=0")]
        out += [client.get(one), client.get(f"/{name}/1")]
        out += [client.put(one, bodies[name], headers={"If-Match": '"1"'})]
        out += [client.put(one, bodies[name], headers={"If-Match": '"1"'})]
        out += [client.put(one, {"bogus": 1}), client.put(f"/{name}/1", bodies[name])]
        out += [client.delete(one, headers={"If-Match": '"1"'}), client.delete(f"/{name}/1")]
        out += [client.session.get(client.base_url + f"/{name}", headers={"Authorization": ""})]
    out.append(client.delete(f"/customers/{cid}"))  # still has a contact: 409
    out += [client.delete(f"/{name}/{id}") for name, id in reversed(list(ids.items()))]
    return out


def test_every_answer_of_a_tour_of_all_operations_matches_the_document(
    served: tuple[CustomerpFake, str],
) -> None:
    _, root = served
    seen = {check_against_document(r) for r in tour(CustomerpClient(root))}
    operations = {
        f"{m.upper()} {t}"
        for t, item in DOCUMENT["paths"].items()
        for m in item
        if m != "parameters"
    }
    assert {" ".join(s.split()[:2]) for s in seen} == operations
    for expected in ("POST /customers 201", "PUT /products/{id} 412", "DELETE /customers/{id} 409"):
        assert expected in seen
    assert "POST /products 409" in seen and "POST /contacts 422" in seen


def test_the_document_lists_exactly_the_routes_the_fake_serves() -> None:
    fake = CustomerpFake()
    served = {f"{r.method} {re.sub(r':int', '', r.pattern)}" for r in fake.routes.routes}
    documented = {
        f"{m.upper()} {t}"
        for t, item in DOCUMENT["paths"].items()
        for m in item
        if m != "parameters"
    }
    assert served == documented


SCHEMATHESIS_CONFIG = SchemathesisConfig.from_dict(
    {
        # Semantic rules the schema cannot express (a customer_id must exist, a cursor must
        # be one the API handed out) make positive_data_acceptance meaningless here; every
        # other check runs. The coverage phase also passes but takes ~10 s, so the default
        # run fuzzes: `st run` with the coverage phase is the thorough run.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 10},
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)
SCHEMA = schemathesis.openapi.from_path(DOCUMENT_PATH, config=SCHEMATHESIS_CONFIG)


@pytest.fixture(scope="module")
def served_root() -> Iterator[str]:
    fake = CustomerpFake(clock=FakeClock())
    customer = fake.ui_create("customers", {"name": "Acme"})
    fake.ui_create("contacts", {"customer_id": customer["id"]})
    fake.ui_create("products", {"sku": "S-1", "name": "Widget"})
    with serve_fakes(fake) as urls:
        yield urls["customerp"]


@SCHEMA.parametrize()
def test_schemathesis_finds_no_divergence_from_the_document(case: Any, served_root: str) -> None:
    case.call_and_validate(
        base_url=served_root, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    )
