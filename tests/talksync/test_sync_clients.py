"""The two HTTP clients against a small `responses` mock: paging, change filters, login and
refresh, bulk PATCH limits, If-Match, and no secret in reprs or errors."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from talksync.clients import CustomerpClient, WebcrmClient
from talksync.errors import ApiError, BadResponse, StaleVersion
from talksync.retry import RetryPolicy

CP = "https://erp.test/api/v1"
WC = "https://crm.test"
KEY = "secret-api-key-123"
CODE = "secret-auth-code-456"


class Clock:
    def __init__(self):
        self.now = datetime(2024, 9, 11, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def clock():
    return Clock()


def query(request):
    return {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}


def test_customerp_follows_cursors_and_sends_updated_since(rsps):
    pages = {None: ([{"id": 1}, {"id": 2}], "c2"), "c2": ([{"id": 3}], None)}
    seen = []

    def listing(request):
        q = query(request)
        seen.append(q)
        assert request.headers["Authorization"] == f"Bearer {KEY}"
        data, cursor = pages[q.get("cursor")]
        return 200, {}, json.dumps({"data": data, "next_cursor": cursor})

    rsps.add_callback("GET", re.compile(re.escape(CP) + r"/.*"), callback=listing)
    client = CustomerpClient(CP, KEY, RetryPolicy(sleep=lambda s: None))
    since = datetime(2024, 9, 11, 0, 0, 1, 5000, tzinfo=UTC)
    ids = [r["id"] for r in client.records("customers", updated_since=since)]
    assert ids == [1, 2, 3]
    assert seen[0] == {"limit": "500", "updated_since": "2024-09-11T00:00:01.005Z"}
    assert client.requests == 2


def test_customerp_put_sends_if_match_and_412_is_stale(rsps):
    def put(request):
        assert request.headers["If-Match"] == '"3"'
        return 412, {}, json.dumps({"error": {"code": "precondition_failed", "message": "x"}})

    rsps.add_callback("PUT", re.compile(re.escape(CP) + r"/.*"), callback=put)
    client = CustomerpClient(CP, KEY, RetryPolicy(sleep=lambda s: None))
    with pytest.raises(StaleVersion):
        client.replace("customers", 1, {"name": "A"}, 3)


def test_customerp_errors_name_the_field_and_never_the_key(rsps):
    body = {"error": {"code": "validation_error", "message": "too long", "field": "name"}}
    rsps.add("POST", re.compile(re.escape(CP) + r"/.*"), json=body, status=422)
    client = CustomerpClient(CP, KEY, RetryPolicy(sleep=lambda s: None))
    with pytest.raises(ApiError) as err:
        client.create("customers", {"name": "x"})
    assert "field name" in str(err.value) and KEY not in str(err.value)
    assert KEY not in repr(client)


def webcrm_mock(rsps, *, rows=0, expired_once=False):
    """A tiny webCRM: login/refresh, paged Organisations, /Queries, PATCH."""
    state = {"logins": 0, "refreshes": 0, "gets": [], "expired": expired_once}

    def post(request):
        path = urlsplit(request.url).path
        if path == "/Auth/ApiLogin":
            assert parse_qs(request.body)["authCode"] == [CODE]
            state["logins"] += 1
            token = {"AccessToken": "tok1", "RefreshToken": "ref1", "ExpiresIn": 3600}
            return 200, {}, json.dumps(token)
        assert path == "/Auth/ApiRefresh" and request.headers["refreshToken"] == "ref1"
        state["refreshes"] += 1
        return (
            200,
            {},
            json.dumps({"AccessToken": "tok2", "RefreshToken": "ref1", "ExpiresIn": 3600}),
        )

    def get(request):
        state["gets"].append((urlsplit(request.url).path, query(request)))
        if state["expired"]:
            state["expired"] = False
            return 401, {}, ""
        page, size = int(query(request)["Page"]), int(query(request)["Size"])
        start = (page - 1) * size
        data = [{"OrganisationId": i + 1} for i in range(start, min(rows, start + size))]
        return 200, {}, json.dumps(data)

    def patch(request):
        items = json.loads(request.body)
        return 200, {}, json.dumps([str(100 + i) for i, _ in enumerate(items)])

    rsps.add_callback("POST", re.compile(re.escape(WC) + r"/.*"), callback=post)
    rsps.add_callback("GET", re.compile(re.escape(WC) + r"/.*"), callback=get)
    rsps.add_callback("PATCH", re.compile(re.escape(WC) + r"/.*"), callback=patch)
    return state


def test_webcrm_logs_in_once_and_pages_until_a_short_page(rsps, clock):
    state = webcrm_mock(rsps, rows=2500)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    assert len(list(client.records("Organisations"))) == 2500
    assert [q["Page"] for _, q in state["gets"]] == ["1", "2", "3"]
    assert state["logins"] == 1 and client.requests == 4


def test_webcrm_exact_multiple_of_page_size_ends_on_an_empty_page(rsps, clock):
    state = webcrm_mock(rsps, rows=1000)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    assert len(list(client.records("Organisations"))) == 1000
    assert len(state["gets"]) == 2


def test_webcrm_change_filter_is_a_query_on_updated_at(rsps, clock):
    state = webcrm_mock(rsps, rows=0)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    list(client.changed_since("Persons", datetime(2024, 9, 1, 12, 48, 51, tzinfo=UTC)))
    path, q = state["gets"][0]
    assert path == "/Queries"
    assert q["script"] == "SELECT * FROM Person WHERE PersonUpdatedAt >= '2024-09-01T12:48:51.000'"


def test_webcrm_refreshes_before_expiry_by_the_clock(rsps, clock):
    state = webcrm_mock(rsps)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    list(client.records("Organisations"))
    clock.now += timedelta(seconds=3590)
    list(client.records("Organisations"))
    assert state["logins"] == 1 and state["refreshes"] == 1


def test_webcrm_401_renews_the_token_and_sends_again(rsps, clock):
    state = webcrm_mock(rsps, rows=1, expired_once=True)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    assert len(list(client.records("Organisations"))) == 1
    assert state["refreshes"] == 1


def test_webcrm_patch_takes_at_most_1000_items(rsps, clock):
    webcrm_mock(rsps)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    assert client.upsert("Organisations", [{"OrganisationId": 0}] * 1000)[:2] == ["100", "101"]
    with pytest.raises(ValueError, match="at most 1000"):
        client.upsert("Organisations", [{"OrganisationId": 0}] * 1001)


def test_webcrm_refused_login_names_no_secret(rsps, clock):
    rsps.add("POST", re.compile(re.escape(WC) + r"/.*"), json={"IsError": True, "Error": CODE})
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    with pytest.raises(ApiError) as err:
        list(client.records("Organisations"))
    assert CODE not in str(err.value) and CODE not in repr(client)


def test_webcrm_401_that_outlives_a_renewal_is_a_clear_error_not_a_loop(rsps, clock):
    state = webcrm_mock(rsps)
    rsps.replace("GET", re.compile(re.escape(WC) + r"/.*"), status=401, json={"Message": "no"})
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    with pytest.raises(ApiError) as err:
        list(client.records("Organisations"))
    assert err.value.status == 401 and "GET /Organisations" in str(err.value)
    assert (state["logins"], state["refreshes"]) == (1, 1)
    assert client.requests == 4  # login, GET, refresh, GET: then it stops


def test_webcrm_refresh_refused_falls_back_to_one_login_then_stops(rsps, clock):
    logins = []

    def post(request):
        path = urlsplit(request.url).path
        if path == "/Auth/ApiRefresh":
            return 401, {}, json.dumps({"IsError": True, "Error": "invalid_grant"})
        logins.append(path)
        if len(logins) > 1:  # the auth code was revoked meanwhile
            return 401, {}, json.dumps({"IsError": True, "Error": "invalid_grant"})
        token = {"AccessToken": "tok1", "RefreshToken": "ref1", "ExpiresIn": 3600}
        return 200, {}, json.dumps(token)

    rsps.add_callback("POST", re.compile(re.escape(WC) + r"/.*"), callback=post)
    rsps.add("GET", re.compile(re.escape(WC) + r"/.*"), status=401, json={"Message": "expired"})
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    with pytest.raises(ApiError, match="ApiLogin: HTTP 401 login refused"):
        list(client.records("Organisations"))
    assert len(logins) == 2 and client.requests == 4  # login, GET, refresh, login


def test_webcrm_matching_queries_by_value_with_quotes_escaped(rsps, clock):
    state = webcrm_mock(rsps)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    list(client.matching("Organisations", "OrganisationVatNumber", "NO'1"))
    path, q = state["gets"][0]
    assert path == "/Queries"
    assert q["script"] == "SELECT * FROM Organisation WHERE OrganisationVatNumber = 'NO''1'"


def test_webcrm_token_an_http_header_cannot_carry_is_refused_unsent(rsps, clock):
    token = {"AccessToken": "jwt-abc\nX-Evil: 1", "RefreshToken": "r", "ExpiresIn": 3600}
    rsps.add("POST", re.compile(re.escape(WC) + r"/.*"), json=token)
    client = WebcrmClient(WC, CODE, RetryPolicy(sleep=lambda s: None), clock)
    with pytest.raises(BadResponse, match="access token") as err:
        list(client.records("Organisations"))
    assert "jwt-abc" not in str(err.value) and client.requests == 1
