"""webCRM's field limits, copied from its Swagger document (OrganisationDto maxLength):
the engine checks them before writing, so an entity that can never be written is
dead-lettered with a reason instead of failing a whole bulk request."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# From webcrm-rest-api-v1.swagger.json; PersonDto and ProductDto declare no maxLength.
WEBCRM_MAX_LENGTHS: dict[str, int] = {
    "OrganisationAddress": 250,
    "OrganisationAlert": 50,
    "OrganisationCity": 50,
    "OrganisationCompareName": 500,
    "OrganisationCountry": 50,
    "OrganisationDivisionName": 200,
    "OrganisationDomain": 50,
    "OrganisationFax": 50,
    "OrganisationGps": 50,
    "OrganisationIndustry": 50,
    "OrganisationName": 200,
    "OrganisationTelephone": 50,
    "OrganisationVatCountry": 10,
    "OrganisationVatGroup": 20,
    "OrganisationVatNumber": 50,
    "OrganisationWww": 50,
    **{f"OrganisationExtraCustom{i}": 50 for i in range(1, 9)},
    **{f"OrganisationXText{i}": 50 for i in range(1, 9)},
}


def violations(dto: Mapping[str, Any]) -> list[str]:
    """Reasons why webCRM would refuse these fields (empty when it would accept them)."""
    reasons = []
    for name, value in dto.items():
        limit = WEBCRM_MAX_LENGTHS.get(name)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            reasons.append(f"{name} is {len(value)} characters, webCRM's maxLength is {limit}")
    return reasons
