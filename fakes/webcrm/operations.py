"""webCRM's handlers: the generic collection's, plus the operations with a behaviour of their own.

Logins and refreshes, /Queries, activity notes, document downloads, conversions between
opportunities and deliveries, linked-data setups, field metadata, settings and meetings.
What each answers where the swagger is silent: README.md.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fakes.core.messages import FakeRequest, FakeResponse
from fakes.webcrm.dto import bind, format_timestamp
from fakes.webcrm.errors import LoginFailed, ValidationFailed
from fakes.webcrm.handlers import JSON_TYPE, CollectionHandlers, _lookup, paging
from fakes.webcrm.meetings import MeetingHandlers
from fakes.webcrm.models import API_USER, paginate
from fakes.webcrm.queries import parse_query
from fakes.webcrm.schema import entity_for_table, nested_fields, query_tables

# Display types of FieldsMetadata by JSON type (webCRM's own codes: T text, I integer, ...).
DISPLAY_TYPE = {"string": "T", "integer": "I", "number": "D", "boolean": "C"}
CONVERSIONS = {"Opportunities": "Deliveries", "Deliveries": "Opportunities"}


class WebcrmHandlers(MeetingHandlers, CollectionHandlers):
    """One method per handler name in routes.py."""

    # --- auth ------------------------------------------------------------------------------
    def login(self, request: FakeRequest) -> FakeResponse:
        auth_code = _lookup(request.form(), "authCode")
        return FakeResponse.json(self.tokens.login(auth_code, self.clock.now()))

    def refresh(self, request: FakeRequest) -> FakeResponse:
        """The refresh token comes in the ``refreshToken`` header, as the swagger puts it."""
        token = request.headers.get("refreshtoken")
        if token is None and (_lookup(request.form(), "refreshToken") or request.query):
            raise LoginFailed(
                "The refresh token must be sent in the refreshToken header (as webCRM's swagger "
                "says), not in the body or the query string.",
                error="invalid_request",
            )
        return FakeResponse.json(self.tokens.refresh(token, self.clock.now()))

    def user_login(self, request: FakeRequest) -> FakeResponse:
        """`POST /Auth`: a webCRM user's login name and password (form fields)."""
        form = request.form()
        self._user_id(_lookup(form, "userName"), _lookup(form, "password"))
        return FakeResponse.json(self.tokens.login_session(self.clock.now()))

    def crm_login(self, request: FakeRequest) -> FakeResponse:
        """`POST /Auth/CrmLogin`: as `POST /Auth`, answering the user's id too."""
        form = request.form()
        user_id = self._user_id(_lookup(form, "loginName"), _lookup(form, "password"))
        return FakeResponse.json({"UserId": user_id, **self.tokens.login_session(self.clock.now())})

    def _user_id(self, name: str | None, password: str | None) -> int:
        for row in self.store.tables["Users"].rows.values():
            same_name = bool(name) and row["UserLoginName"].casefold() == (name or "").casefold()
            if same_name and password and row["UserPassword"] == password:
                return int(row["UserId"])
        raise LoginFailed("The login name or password is not valid.")

    def auth_info(self, request: FakeRequest) -> FakeResponse:
        """`GET /Auth`: the swagger declares no body; the fake says the token is valid."""
        return FakeResponse.json({"IsAuthorized": True, "AuthorizationType": "Bearer"})

    # --- reading any table -----------------------------------------------------------------
    def query(self, request: FakeRequest) -> FakeResponse:
        parsed = parse_query(_lookup(request.query, "script"))
        page, size = paging(request)
        rows = self.store.query(parsed, page, size)
        if parsed.columns is None:
            return self.rows(parsed.schema.collection, rows)
        return FakeResponse.json(parsed.project(rows))

    def fields_metadata(self, request: FakeRequest) -> FakeResponse:
        """`GET /FieldsMetadata[/{entityTypes}]`: the DTO fields of each named table
        (comma-separated, e.g. ``Organisation,Person``; all tables without); unknown names add
        nothing."""
        answer, number = [], 0
        names = request.params.get("entityTypes") or ",".join(query_tables())
        for name in names.split(","):
            schema = entity_for_table(name.strip())
            if schema is None:
                continue
            for spec in schema.fields.values():
                number += 1
                choices = [{"Text": v, "Value": v} for v in spec.enum or ()]
                kind = "L" if spec.enum else "DT" if spec.is_datetime else None
                answer.append(
                    {
                        "FieldMetadataDbFieldName": spec.name,
                        "FieldMetadataFriendlyFieldName": spec.name.removeprefix(schema.table),
                        "FieldMetadataId": number,
                        "FieldMetadataLabel": spec.name.removeprefix(schema.table),
                        "FieldMetadataSortOrder": number,
                        "FieldMetadataDisplayType": kind or DISPLAY_TYPE.get(spec.json_type, "T"),
                        "FieldMetadataTextFieldMaxLength": spec.max_length or 0,
                        "FieldMetadataDropdownListData": choices,
                    }
                )
        return FakeResponse.json(answer)

    def features(self, request: FakeRequest) -> FakeResponse:
        """`GET /Settings/Features`: the fake has no calendar integration."""
        return FakeResponse.json([{"CalendarIntegration": "Disabled"}])

    def linked_setup(self, request: FakeRequest) -> FakeResponse:
        """`GET /X/LinkedSetup`: the (unconfigured) linked-data setup of entity X."""
        collection = request.params["collection"]
        table = self.store.tables[collection].schema.table
        prefix = "QuotationLineLinkedSetup" if collection == "QuotationLines" else "LinkedSetup"
        fields = nested_fields(f"{prefix}Dto")
        setup = {name: spec.empty_value() for name, spec in fields.items()}
        kinds = fields[f"{prefix}EntityType"].enum or ()
        kind = next((k for k in kinds if k in (table, table.removesuffix("B2C"))), "Undefined")
        number = list(self.store.tables).index(collection) + 1
        setup.update({f"{prefix}EntityType": kind, f"{prefix}Id": number})
        return FakeResponse.json(setup)

    # --- activity notes --------------------------------------------------------------------
    def notes(self, request: FakeRequest) -> FakeResponse:
        """`GET /Activities/{id}/Notes`: the swagger answers one ActivityNoteDto, so Page picks
        one note, newest first (Size is accepted); past the last note, an empty note."""
        id = request.params["id"]
        self.store.tables["Activities"].row(id)
        page, size = paging(request)
        newest_first = list(reversed(self.store.notes.get(id, [])))
        chosen = paginate(newest_first, page, 1)
        empty = {
            name: spec.empty_value() for name, spec in nested_fields("ActivityNoteDto").items()
        }
        return FakeResponse.json(chosen[0] if chosen else empty)

    def add_note(self, request: FakeRequest) -> FakeResponse:
        id = request.params["id"]
        activity = self.store.tables["Activities"].row(id)
        body = request.json()
        if not isinstance(body, dict) or set(body) - {"Comment"}:
            raise ValidationFailed({"Comment": ["Expected a CreateActivityNoteDto."]})
        comment = body.get("Comment")
        if comment is not None and not isinstance(comment, str):
            raise ValidationFailed({"Comment": ["The field Comment must be a JSON string."]})
        now = format_timestamp(self.clock.tick())
        note = {
            "Action": "Note",
            "Comment": comment or "",
            "CreatedAt": now,
            "CreatedBy": API_USER,
            "DateTime": now,
            "PersonName": API_USER,
            "StatusText": activity["ActivityStatus"],
        }
        self.store.notes.setdefault(id, []).append(note)
        return FakeResponse.empty(204)

    def delete_newest_note(self, request: FakeRequest) -> FakeResponse:
        id = request.params["id"]
        self.store.tables["Activities"].row(id)
        notes = self.store.notes.get(id)
        if notes:
            notes.pop()
        return FakeResponse.empty(204)

    # --- documents and conversions ---------------------------------------------------------
    def download(self, request: FakeRequest) -> FakeResponse:
        """`GET /Documents/{id}/Download`: DocumentFile's content (base64-decoded when it is
        base64, else its UTF-8 text) as an octet stream."""
        row = self.store.tables["Documents"].row(request.params["id"])
        text = row["DocumentFile"]
        try:
            content = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            content = text.encode("utf-8")
        name = (row["DocumentFileName"] or f"document-{row['DocumentId']}").replace('"', "")
        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Disposition": f'attachment; filename="{name}"',
        }
        return FakeResponse(200, content, headers)

    def convert(self, request: FakeRequest) -> FakeResponse:
        """Opportunity -> delivery and back: a new row of the other kind with every field of
        the same name (after the table prefix); the original stays. Answers the new id."""
        source, target = request.params["collection"], CONVERSIONS[request.params["collection"]]
        row = self.store.tables[source].row(request.params["id"])
        src, dst = self.store.tables[source].schema, self.store.tables[target].schema
        values: dict[str, Any] = {}
        for name, value in row.items():
            twin = dst.input_fields.get(dst.table + name.removeprefix(src.table))
            if twin is not None and not twin.read_only and name.startswith(src.table):
                values[twin.name] = value
        if "level" in request.params:
            values["OpportunityLevel"] = request.params["level"]
        values = bind(dst, values)
        return FakeResponse(200, str(self.store.create(target, values)).encode(), dict(JSON_TYPE))
