"""webCRM fake: the /Queries SELECT subset (and its refusals) and FindByUpdateDates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from webcrm_client import WebcrmClient

from fakes.core import FakeClock
from fakes.webcrm import WebcrmFake
from fakes.webcrm.errors import UnsupportedQuery
from fakes.webcrm.queries import parse_query
from fakes.webcrm.schema import query_tables

START = datetime(2024, 9, 11, tzinfo=UTC)


def write_at(clock: FakeClock, seconds: int) -> None:
    """Set the clock so that the next write's 1 ms tick lands on START + seconds."""
    clock.set(START + timedelta(seconds=seconds, milliseconds=-1))


@pytest.fixture
def persons(webcrm: WebcrmFake, clock: FakeClock) -> list[dict]:
    """Persons 1..4 written at 00:00:10, 00:00:20, 00:00:30, 00:00:40; person 2 edited at 00:01."""
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    for n, name in enumerate(("Cy", "Ada", "Bo", "Di"), start=1):
        write_at(clock, 10 * n)
        webcrm.ui_create("Persons", {"PersonFirstName": name, "PersonOrganisationId": 1})
    write_at(clock, 60)
    webcrm.ui_update("Persons", 2, {"PersonLastName": "Lovelace"})
    return webcrm.records("Persons")


def run(api: WebcrmClient, script: str, **params: object) -> list[dict]:
    response = api.get("/Queries", params={"script": script, **params})
    assert response.status_code == 200, response.text
    return response.json()


def first_names(rows: list[dict]) -> list[str]:
    return [row["PersonFirstName"] for row in rows]


def test_persons_fixture_has_the_expected_stamps(persons: list[dict]) -> None:
    assert [p["PersonUpdatedAt"] for p in persons] == [
        "2024-09-11T00:00:10.000",
        "2024-09-11T00:01:00.000",
        "2024-09-11T00:00:30.000",
        "2024-09-11T00:00:40.000",
    ]


def test_lower_case_client_script_orders_by_updated_at(
    api: WebcrmClient, persons: list[dict]
) -> None:
    rows = run(api, "SELECT * FROM person order by PersonUpdatedAt ASC")
    assert first_names(rows) == ["Cy", "Bo", "Di", "Ada"]
    assert rows[0] == persons[0]  # rows are the same DTOs as GET /Persons answers


def test_where_updated_at_is_inclusive(api: WebcrmClient, persons: list[dict]) -> None:
    rows = run(api, "SELECT * FROM Person WHERE PersonUpdatedAt >= '2024-09-11T00:00:30'")
    assert first_names(rows) == ["Ada", "Bo", "Di"]  # id order without ORDER BY


def test_where_with_alias_and_and_and_desc(api: WebcrmClient, persons: list[dict]) -> None:
    script = (
        "select * from Person p where p.PersonUpdatedAt > '2024-09-11T00:00:10Z' "
        "and PersonUpdatedAt < '2024-09-11T00:00:50.000' order by p.PersonUpdatedAt desc;"
    )
    assert first_names(run(api, script)) == ["Di", "Bo"]


def test_table_alias_with_as(api: WebcrmClient, persons: list[dict]) -> None:
    rows = run(api, "SELECT * FROM Person AS x WHERE x.PersonFirstName = 'Bo'")
    assert first_names(rows) == ["Bo"]


def test_text_comparison_is_case_insensitive(api: WebcrmClient, persons: list[dict]) -> None:
    assert first_names(run(api, "SELECT * FROM Person WHERE PersonFirstName = 'ADA'")) == ["Ada"]
    ordered = run(api, "SELECT * FROM Person ORDER BY PersonFirstName")
    assert first_names(ordered) == ["Ada", "Bo", "Cy", "Di"]


def test_queries_are_paged(api: WebcrmClient, persons: list[dict]) -> None:
    script = "SELECT * FROM Person ORDER BY PersonUpdatedAt"
    pages = [first_names(run(api, script, Page=p, Size=3)) for p in (1, 2, 3)]
    assert pages == [["Cy", "Bo", "Di"], ["Ada"], []]


def test_queries_on_organisation_and_product_tables(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    webcrm.ui_create("Products", {"ProductPrice": 3.5})
    assert run(api, "SELECT * FROM ORGANISATION")[0]["OrganisationName"] == "Acme"
    assert run(api, "SELECT * FROM Product WHERE ProductPrice > 3")[0]["ProductId"] == 1
    assert run(api, "SELECT * FROM Product WHERE ProductPrice > 4") == []


def test_or_and_parentheses(api: WebcrmClient, persons: list[dict]) -> None:
    script = (
        "SELECT * FROM Person WHERE (PersonFirstName = 'Cy' OR PersonFirstName = 'Di') "
        "AND NOT PersonId = 4"
    )
    assert first_names(run(api, script)) == ["Cy"]


def test_like_is_case_insensitive_with_percent_and_underscore(
    api: WebcrmClient, persons: list[dict]
) -> None:
    assert first_names(run(api, "SELECT * FROM Person WHERE PersonFirstName LIKE 'a%'")) == ["Ada"]
    assert first_names(run(api, "SELECT * FROM Person WHERE PersonFirstName LIKE '_O'")) == ["Bo"]
    assert run(api, "SELECT * FROM Person WHERE PersonFirstName LIKE 'd'") == []


def test_in_and_not_in(api: WebcrmClient, persons: list[dict]) -> None:
    assert first_names(run(api, "SELECT * FROM Person WHERE PersonId IN (1, 3)")) == ["Cy", "Bo"]
    rows = run(api, "SELECT * FROM Person WHERE PersonFirstName NOT IN ('cy', 'BO')")
    assert first_names(rows) == ["Ada", "Di"]


def test_column_list_answers_only_those_columns_in_order(
    api: WebcrmClient, persons: list[dict]
) -> None:
    rows = run(api, "SELECT PersonLastName, p.PersonId FROM Person p WHERE PersonId = 2")
    assert rows == [{"PersonLastName": "Lovelace", "PersonId": 2}]
    assert list(rows[0]) == ["PersonLastName", "PersonId"]


def test_order_by_several_columns(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    for first, last in (("B", "x"), ("A", "y"), ("B", "a"), ("A", "b")):
        fields = {"PersonFirstName": first, "PersonLastName": last, "PersonOrganisationId": 1}
        webcrm.ui_create("Persons", fields)
    script = "SELECT * FROM Person ORDER BY PersonFirstName DESC, PersonLastName ASC"
    assert [(r["PersonFirstName"], r["PersonLastName"]) for r in run(api, script)] == [
        ("B", "a"),
        ("B", "x"),
        ("A", "b"),
        ("A", "y"),
    ]


def test_is_null_matches_unset_date_times(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    script = "SELECT * FROM Organisation WHERE OrganisationLastDisplayedAt IS NULL"
    assert len(run(api, script)) == 1
    assert run(api, script.replace("IS NULL", "IS NOT NULL")) == []


def test_every_table_of_the_swagger_can_be_queried(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "Acme"})
    webcrm.ui_create(
        "Opportunities", {"OpportunityDescription": "Deal", "OpportunityOrganisationId": 1}
    )
    rows = run(api, "SELECT * FROM opportunity order by OpportunityUpdatedAt ASC", Size=500)
    assert [r["OpportunityDescription"] for r in rows] == ["Deal"]
    for table in query_tables():
        written = 1 if table in ("Organisation", "Opportunity") else 0
        assert len(run(api, f"SELECT * FROM {table}")) == written, table


@pytest.mark.parametrize(
    ("script", "named"),
    [
        ("SELECT TOP 10 * FROM Person", "TOP"),
        ("SELECT * FROM Persons", "Persons"),
        ("SELECT * FROM Person p JOIN Organisation o ON p.PersonOrganisationId = o.Id", "JOIN"),
        ("SELECT * FROM Person WHERE PersonShoeSize = 3", "PersonShoeSize"),
        ("SELECT * FROM Person ORDER BY PersonShoeSize", "PersonShoeSize"),
        ("SELECT PersonShoeSize FROM Person", "PersonShoeSize"),
        ("SELECT PersonId AS Id FROM Person", "PersonId AS Id"),
        ("SELECT * FROM Person WHERE PersonUpdatedAt >= 'yesterday'", "yesterday"),
        ("SELECT * FROM Person WHERE PersonId BETWEEN 1 AND 3", "BETWEEN"),
        ("SELECT * FROM Person WHERE PersonId IN (SELECT 1)", "IN"),
        ("SELECT * FROM Person WHERE PersonId = PersonOrganisationId", "PersonOrganisationId"),
        ("SELECT DISTINCT PersonId FROM Person", "DISTINCT"),
        ("SELECT * FROM Person LIMIT 5", "LIMIT"),
        ("SELECT * FROM Person GROUP BY PersonFirstName", "GROUP BY"),
        ("SELECT * FROM (SELECT * FROM Person)", "FROM one table"),
        ("SELECT COUNT(*) FROM Person", "COUNT"),
        ("DELETE FROM Person", "DELETE"),
        ("SELECT * FROM Person; DROP TABLE Person", "DROP"),
        ("SELECT * FROM Person UNION SELECT * FROM Person", "UNION"),
        ('SELECT * FROM Person WHERE PersonFirstName = "Ada"', "Ada"),
        ("SELECT * FROM Person WHERE PersonId = 1 garbage", "cannot parse"),
        ("SELECT * FROM Product WHERE ProductPrice > 'NaN'", "NaN"),
        ("SELECT * FROM Product WHERE ProductPrice < '1e999'", "1e999"),
        ("SELECT * FROM Person WHERE PersonUpdatedAt >= '0001-01-01T00:00:00+01:00'", "0001"),
    ],
)
def test_scripts_outside_the_subset_are_400_naming_what_is_unsupported(
    api: WebcrmClient, script: str, named: str
) -> None:
    response = api.get("/Queries", params={"script": script})
    assert response.status_code == 400
    body = response.json()
    assert body["Type"] == "UnsupportedQueryException"
    assert named in body["Message"]
    assert "script" in body["Errors"]


def test_missing_script_is_400(api: WebcrmClient) -> None:
    response = api.get("/Queries")
    assert response.status_code == 400
    assert "script" in response.json()["Errors"]


def test_parser_refuses_rather_than_ignoring_trailing_input() -> None:
    with pytest.raises(UnsupportedQuery):
        parse_query("SELECT * FROM Person ORDER BY PersonId ASC garbage")


# --- FindByUpdateDates ---
def test_find_by_update_dates_is_start_inclusive_end_exclusive(
    api: WebcrmClient, webcrm: WebcrmFake, clock: FakeClock
) -> None:
    for name in ("A", "B", "C"):
        clock.advance(10)
        webcrm.ui_create("Organisations", {"OrganisationName": name})
    stamps = [o["OrganisationUpdatedAt"] for o in webcrm.records("Organisations")]
    response = api.get(f"/Organisations/FindByUpdateDates/{stamps[0]}/{stamps[2]}")
    assert response.status_code == 200
    assert [o["OrganisationName"] for o in response.json()] == ["A", "B"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-09-11", "2024-09-12", ["A"]),
        ("2024-09-11T00:00:00Z", "2024-09-11T00:00:00.001Z", []),
        ("2024-09-11T00:00:00.001", "2024-09-11T00:00:00.002", ["A"]),
        ("2024-09-12", "2024-09-13", []),
    ],
)
def test_find_by_update_dates_accepts_dates_and_date_times(
    api: WebcrmClient, webcrm: WebcrmFake, start: str, end: str, expected: list[str]
) -> None:
    webcrm.ui_create("Organisations", {"OrganisationName": "A"})
    response = api.get(f"/Organisations/FindByUpdateDates/{start}/{end}")
    assert [o["OrganisationName"] for o in response.json()] == expected


def test_find_by_update_dates_is_paged(api: WebcrmClient, webcrm: WebcrmFake) -> None:
    for name in ("A", "B", "C"):
        webcrm.ui_create("Organisations", {"OrganisationName": name})
    path = "/Organisations/FindByUpdateDates/2024-09-11/2024-09-12"
    pages = [
        [o["OrganisationName"] for o in api.get(path, params={"Page": p, "Size": 2}).json()]
        for p in (1, 2)
    ]
    assert pages == [["A", "B"], ["C"]]
    assert api.get(path, params={"Size": 1001}).status_code == 400


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("soon", "2024-09-12", "startDate"), ("2024-09-11", "later", "endDate")],
)
def test_find_by_update_dates_with_a_bad_date_is_400_naming_it(
    api: WebcrmClient, start: str, end: str, field: str
) -> None:
    response = api.get(f"/Organisations/FindByUpdateDates/{start}/{end}")
    assert response.status_code == 400
    assert field in response.json()["Errors"]


def test_find_by_update_dates_exists_for_organisations_only(api: WebcrmClient) -> None:
    assert api.get("/Persons/FindByUpdateDates/2024-09-11/2024-09-12").status_code == 404
