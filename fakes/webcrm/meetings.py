"""Meetings: webCRM's calendar API (string ids, a wrapped list, attendees made from e-mails).

Stored in the generic ``Meetings`` table (read DTO ``MeetingInfoGetByIdDto``); lists answer a
``MeetingListDto`` of ``MeetingInfoGetAllDto`` rows. No invitation or cancellation is sent.
"""

from __future__ import annotations

from typing import Any

from fakes.core.messages import FakeRequest, FakeResponse
from fakes.webcrm.dto import bind, canonical_timestamp
from fakes.webcrm.errors import BadRequest, ValidationFailed
from fakes.webcrm.handlers import _lookup, paging
from fakes.webcrm.models import WebcrmStore, paginate
from fakes.webcrm.schema import nested_fields

CREATE_ONLY = ("MeetingSendInvitations",)  # no e-mail is sent: accepted, not kept


def _attendee(email: str) -> dict[str, Any]:
    empty = {name: spec.empty_value() for name, spec in nested_fields("AttendeeInfo").items()}
    return {**empty, "Email": email, "Required": True}


class MeetingHandlers:
    """The meeting operations (mixed into WebcrmHandlers)."""

    store: WebcrmStore

    def meetings(self, request: FakeRequest) -> FakeResponse:
        """`GET /Meetings` and `/Meetings/ByOrganisation/{id}`: a user's meetings starting in
        [from, to), as a MeetingListDto."""
        start = self._date("from", self._required(request, "from"))
        end = self._date("to", self._required(request, "to"))
        user = self._required(request, "userId")
        org = request.params.get("organisationId")

        def keep(row: dict[str, Any]) -> bool:
            starts = row["MeetingStart"]
            if starts is None or not start <= starts < end or row["MeetingUserId"] != user:
                return False
            orgs = [o["OrganisationId"] for o in row["MeetingOrganisations"]]
            return org is None or str(org) in orgs

        page, size = paging(request)
        rows = paginate(self.store.where("Meetings", keep), page, size)
        listed = nested_fields("MeetingInfoGetAllDto")
        return FakeResponse.json({"Meetings": [{n: row[n] for n in listed} for row in rows]})

    def create_meeting(self, request: FakeRequest) -> FakeResponse:
        """`POST /Meetings` (MeetingInfoCreateDto); answers the new meeting's id (a string)."""
        schema = self.store.tables["Meetings"].schema
        values = bind(schema, request.json(), fields=nested_fields("MeetingInfoCreateDto"))
        for name in (*CREATE_ONLY, "MeetingCreatedBy"):
            values.pop(name, None)
        self._check_times(values)
        values["MeetingAttendees"] = [_attendee(e) for e in values.get("MeetingAttendeeEmails", [])]
        return FakeResponse.json(self.store.create("Meetings", values))

    def delete_meeting(self, request: FakeRequest) -> FakeResponse:
        self.store.delete("Meetings", request.params["meetingId"])
        return FakeResponse.empty(204)

    def connect_meeting(self, request: FakeRequest) -> FakeResponse:
        """`PUT /Meetings/{id}/Connections`: the activities and opportunities it concerns."""
        schema = self.store.tables["Meetings"].schema
        fields = nested_fields("MeetingInfoUpdateConnectionsDto")
        values = bind(schema, request.json(), fields=fields)
        change = {
            "MeetingActivities": values.get("Activities", []),
            "MeetingOpportunities": values.get("Opportunities", []),
        }
        self.store.change("Meetings", request.params["meetingId"], change)
        return FakeResponse.empty(200)

    @staticmethod
    def _check_times(values: dict[str, Any]) -> None:
        start, end = values.get("MeetingStart"), values.get("MeetingEnd")
        if start is not None and end is not None and end < start:
            raise ValidationFailed({"MeetingEnd": ["MeetingEnd must not be before MeetingStart."]})

    @staticmethod
    def _required(request: FakeRequest, name: str) -> str:
        value = _lookup(request.query, name)
        if value is None:
            raise BadRequest(f"The {name} parameter is required.", name)
        return value

    @staticmethod
    def _date(name: str, raw: str) -> str:
        try:
            return canonical_timestamp(raw)
        except ValueError:
            raise BadRequest(f"The value '{raw}' is not a valid date for {name}.", name) from None
