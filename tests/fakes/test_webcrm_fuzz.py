"""Schemathesis against the served webCRM fake, the swagger restricted to the implemented routes.

Valid and invalid requests (generation mode "all") must never get a 5xx, and every documented
answer must match the swagger's response schema. Date-time *format* is not checked here (RFC 3339
wants a zone webCRM never writes); test_webcrm_conformance.py checks it in webCRM's own form.
The rate limit is lifted for this instance only: it has its own tests.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from fakes.core import FakeClock, serve_fakes
from fakes.webcrm import WebcrmFake
from fakes.webcrm.ratelimit import RateLimiter
from fakes.webcrm.routes import ROUTES
from fakes.webcrm.schema import swagger

CONFIG = SchemathesisConfig.from_str(
    """
[phases.examples]
enabled = false
[phases.coverage]
enabled = false
[generation]
mode = "all"
[checks.response_schema_conformance]
validate-formats = false
"""
)


def implemented_operations() -> dict[str, Any]:
    """webCRM's swagger with only the operations the fake implements."""
    document = copy.deepcopy(swagger())
    wanted = {(route.pattern.replace("{id:int}", "{id}"), route.method.lower()) for route in ROUTES}
    paths = {
        path: {method: op for method, op in ops.items() if (path, method) in wanted}
        for path, ops in document["paths"].items()
    }
    document["paths"] = {path: ops for path, ops in paths.items() if ops}
    document["definitions"]["ObjectDto"] = {"type": "object"}  # referenced, never defined
    return document


schema = schemathesis.openapi.from_dict(implemented_operations(), config=CONFIG)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, dict[str, str], requests.Session]]:
    fake = WebcrmFake(clock=FakeClock())
    fake.rate_limit = RateLimiter(limit=10**9)
    for n in range(3):
        fake.ui_create("Organisations", {"OrganisationName": f"Org {n}"})
        fake.ui_create("Persons", {"PersonFirstName": f"P{n}", "PersonOrganisationId": n + 1})
        fake.ui_create("Products", {"ProductPrice": float(n)})
    with serve_fakes(fake) as urls:
        session = requests.Session()
        session.trust_env = False
        form = {"authCode": "wc-test-auth-code"}
        token = session.post(urls["webcrm"] + "/Auth/ApiLogin", data=form).json()
        yield urls["webcrm"], {"Authorization": f"Bearer {token['AccessToken']}"}, session


def test_schema_holds_exactly_the_implemented_operations() -> None:
    operations = {
        (method, path) for path, ops in implemented_operations()["paths"].items() for method in ops
    }
    assert len(operations) == len(ROUTES)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_documented_answers_match_the_swagger(case, served) -> None:  # type: ignore[no-untyped-def]
    base_url, headers, session = served
    response = case.call(base_url=base_url, headers=headers, session=session)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
