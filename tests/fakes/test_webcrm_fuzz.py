"""Schemathesis over all 280 operations of webCRM's swagger against the served webCRM fake.

Positive data (requests valid by the swagger) must get a declared status, never a 5xx, and a
body matching the operation's response schema. The 2019 swagger declares only 200/204/401, yet
webCRM (and the fake, fakes/webcrm/README.md) answers 400 to a body breaking a rule the swagger
cannot state (a PersonOrganisationId naming no organisation) and 404 to an unknown id: those
two are added to every operation as ``{Message, Type, Errors}`` bodies; anything else (405, 413,
422, 429, 500) fails. Unset date-times are null (.NET's DateTime?), so date-time properties are
marked ``x-nullable``; their *format* is checked in test_webcrm_conformance.py, in webCRM's form.

Cost: ``TALKQA_SCHEMATHESIS_EXAMPLES`` examples per operation (default 3, CI's sample; set e.g.
50 for a thorough run). The rate limit is lifted for this instance only: it has its own tests.
At the end the module prints operations covered / answered with a conforming success.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from fakes import DEFAULT_AUTH_CODE
from fakes.core import FakeClock, serve_fakes
from fakes.webcrm import WebcrmFake
from fakes.webcrm.routes import ROUTES
from fakes.webcrm.schema import swagger

EXAMPLES = int(os.environ.get("TALKQA_SCHEMATHESIS_EXAMPLES", "3"))
CONFIG = SchemathesisConfig.from_str(
    """
[phases.examples]
enabled = false
[phases.coverage]
enabled = false
[generation]
mode = "positive"
[checks.response_schema_conformance]
validate-formats = false
"""
)
ERROR_BODY = {
    "type": "object",
    "required": ["Message", "Type"],
    "properties": {"Message": {"type": "string"}, "Type": {"type": "string"}},
}


def documented_swagger() -> dict[str, Any]:
    """webCRM's swagger plus what the fake documents: 400/404 bodies, nullable date-times."""
    document = copy.deepcopy(swagger())
    for ops in document["paths"].values():
        for op in ops.values():
            op["responses"].setdefault("400", {"description": "Rule", "schema": ERROR_BODY})
            op["responses"].setdefault("404", {"description": "Unknown", "schema": ERROR_BODY})
    for definition in document["definitions"].values():
        for prop in definition.get("properties", {}).values():
            if prop.get("format") == "date-time":
                prop["x-nullable"] = True
    document["definitions"]["ObjectDto"] = {"type": "object"}  # referenced, never defined
    return document


schema = schemathesis.openapi.from_dict(documented_swagger(), config=CONFIG)
OUTCOMES: dict[str, set[str]] = {}  # "METHOD /path" -> {"called", "success"}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, dict[str, str], requests.Session]]:
    fake = WebcrmFake(clock=FakeClock())
    fake.rate_limit.limit = 10**9
    for n in range(3):
        fake.ui_create("Organisations", {"OrganisationName": f"Org {n}"})
        fake.ui_create("Persons", {"PersonFirstName": f"P{n}", "PersonOrganisationId": n + 1})
        for collection in fake.store.collections:
            if collection not in ("Organisations", "Persons"):
                fake.ui_create(collection, {})
    with serve_fakes(fake) as urls:
        session = requests.Session()
        session.trust_env = False
        form = {"authCode": DEFAULT_AUTH_CODE}
        token = session.post(urls["webcrm"] + "/Auth/ApiLogin", data=form).json()
        yield urls["webcrm"], {"Authorization": f"Bearer {token['AccessToken']}"}, session
    success = sorted(k for k, v in OUTCOMES.items() if "success" in v)
    summary = {"operations": len(ROUTES), "covered": len(OUTCOMES), "succeeded": len(success)}
    print(f"\nschemathesis over the webCRM swagger: {json.dumps(summary)}")


def test_the_schema_holds_all_280_operations() -> None:
    operations = [op for op in schema.get_all_operations()]
    assert len(operations) == len(ROUTES) == 280


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_valid_requests_get_declared_answers_matching_the_swagger(case, served) -> None:  # type: ignore[no-untyped-def]
    base_url, headers, session = served
    response = case.call(base_url=base_url, headers=headers, session=session)
    key = f"{case.method.upper()} {case.operation.path}"
    OUTCOMES.setdefault(key, set()).add("called")
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
    if response.status_code < 300:
        OUTCOMES[key].add("success")
