"""webCRM's maxLengths, known to the engine from the Swagger document."""

from __future__ import annotations

from talksync.limits import WEBCRM_MAX_LENGTHS, violations


def test_name_over_200_characters_is_a_violation_with_a_reason():
    assert violations({"OrganisationName": "x" * 200}) == []
    (reason,) = violations({"OrganisationName": "x" * 201})
    assert "OrganisationName" in reason and "201" in reason and "200" in reason


def test_fields_without_limit_and_non_strings_pass():
    assert violations({"PersonFirstName": "x" * 5000, "OrganisationId": 0}) == []


def test_limits_match_the_swagger_document():
    assert WEBCRM_MAX_LENGTHS["OrganisationWww"] == 50
    assert WEBCRM_MAX_LENGTHS["OrganisationAddress"] == 250
    assert WEBCRM_MAX_LENGTHS["OrganisationVatCountry"] == 10
