"""Bulk writes: a batch refused as a whole is split so one bad item cannot block the rest;
origin markers identify the engine's creates."""

from __future__ import annotations

import pytest

from checklist.model import Flow
from talksync.creating import marked
from talksync.errors import ApiError
from talksync.mapping import flow_map
from talksync.writing import upsert_isolated


class Webcrm:
    """Refuses (400) any PATCH holding a DTO marked bad; answers ids otherwise."""

    def __init__(self, status=400):
        self.batches = []
        self.status = status

    def upsert(self, collection, dtos):
        self.batches.append(len(dtos))
        if any(d.get("bad") for d in dtos):
            raise ApiError("webcrm", "PATCH", f"/{collection}", self.status, "invalid item")
        return [str(d["n"]) for d in dtos]


def test_a_refused_batch_is_split_and_only_the_bad_item_fails():
    webcrm = Webcrm()
    dtos = [{"n": 1}, {"n": 2, "bad": True}, {"n": 3}]
    answers = upsert_isolated(webcrm, "Organisations", dtos)  # type: ignore[arg-type]
    assert answers[0] == "1" and answers[2] == "3"
    assert answers[1].startswith("HTTP 400") and "invalid item" in answers[1]
    assert webcrm.batches == [3, 1, 1, 1]


@pytest.mark.parametrize("status", [401, 500])
def test_credential_and_server_errors_are_not_split(status):
    webcrm = Webcrm(status=status)
    with pytest.raises(ApiError):
        upsert_isolated(webcrm, "Organisations", [{"n": 1}, {"n": 2, "bad": True}])  # type: ignore[arg-type]
    assert webcrm.batches == [2]


def test_marked_finds_only_this_flows_origin_markers():
    flow = Flow("h", "customer-organisations", "Customerp", "Customer", "Webcrm", "Organisations")
    fm = flow_map("customerp-webcrm", flow)
    dtos = [
        {"OrganisationId": 1, "OrganisationCustom15": "talksync:customers:42"},
        {"OrganisationId": 2, "OrganisationCustom15": "talksync:contacts:42"},
        {"OrganisationId": 3, "OrganisationCustom15": "typed by a person"},
        {"OrganisationId": 4, "OrganisationCustom15": ""},
    ]
    assert {sid: d["OrganisationId"] for sid, d in marked(fm, dtos).items()} == {42: 1}
