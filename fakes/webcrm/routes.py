"""webCRM's routes as data, derived from the swagger: every one of its operations, classified.

Each swagger operation becomes one ``Route`` whose handler is chosen by the path's shape
(``/X``, ``/X/{id}``, ``/X/{id}/Sub``, ``/X/ByY/{y}``, ``/X/FindByCreateDates/{s}/{e}``,
``/X/Hooks``, ``/X/LinkedData``, ...) and whose ``fixed`` params name the collection and the
fields involved. A path shape nobody classified fails at import, so the table always covers
the whole swagger (README.md lists how each kind is answered).
"""

from __future__ import annotations

from typing import Any

from fakes.core.routes import Route
from fakes.webcrm.schema import EntitySchema, entity_schemas, swagger

# Operations answered by one dedicated handler each (not by the generic collection).
SPECIAL = {
    ("POST", "/Auth/ApiLogin"): "login",
    ("POST", "/Auth/ApiRefresh"): "refresh",
    ("POST", "/Auth/CrmLogin"): "crm_login",
    ("POST", "/Auth/CrmRefresh"): "refresh",
    ("POST", "/Auth"): "user_login",
    ("GET", "/Auth"): "auth_info",
    ("GET", "/Queries"): "query",
    ("GET", "/Settings/Features"): "features",
    ("GET", "/FieldsMetadata"): "fields_metadata",
    ("GET", "/FieldsMetadata/{entityTypes}"): "fields_metadata",
    ("GET", "/Meetings"): "meetings",
    ("POST", "/Meetings"): "create_meeting",
    ("GET", "/Meetings/ByOrganisation/{organisationId}"): "meetings",
    ("GET", "/Meetings/{meetingId}"): "get",
    ("PUT", "/Meetings/{meetingId}"): "replace",
    ("DELETE", "/Meetings/{meetingId}"): "delete_meeting",
    ("PUT", "/Meetings/{meetingId}/Connections"): "connect_meeting",
    ("GET", "/Activities/{id}/Notes"): "notes",
    ("POST", "/Activities/{id}/Notes"): "add_note",
    ("DELETE", "/Activities/{id}/NewestNote"): "delete_newest_note",
    ("GET", "/Documents/{id}/Download"): "download",
    ("POST", "/Opportunities/{id}/ConvertToDelivery"): "convert",
    ("POST", "/Deliveries/{id}/ConvertToOpportunity/{level}"): "convert",
}
PUBLIC = {"/Auth/ApiLogin", "/Auth/ApiRefresh", "/Auth/CrmLogin", "/Auth/CrmRefresh", "/Auth"}
# `/X/ByY/{y}`: the field suffixes (after the table prefix) that Y filters on, in preference.
BY_FIELD = {
    "Organisation": ("OrganisationId",),
    "Responsible": ("Responsible", "AssignedTo"),
    "Responsible2": ("AssignedTo2",),
    "Status": ("Status",),
    "PipelineLevel": ("Level",),
    "Channel": ("Channel",),
    "SupportCase": ("SupportCaseId",),
}
# `/Parent/{id}/Child`: the parent as child fields name it (PersonsB2C are persons, deliveries
# are opportunities that were won), and a user's items are those assigned to them.
PARENT_ALIAS = {"PersonB2C": "Person", "Delivery": "Opportunity"}
USER_FIELDS = ("AssignedTo", "Responsible")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _pattern(path: str, operation: dict[str, Any]) -> str:
    """The swagger path with integer path parameters typed (``{id}`` -> ``{id:int}``)."""
    for param in operation.get("parameters", ()):
        if param["in"] == "path" and param.get("type") == "integer":
            path = path.replace("{" + param["name"] + "}", "{" + param["name"] + ":int}")
    return path


def _schema(collection: str) -> EntitySchema:
    return entity_schemas()[collection]


def child_fields(parent: str, child: str) -> tuple[str, ...]:
    """The fields of ``child`` rows that hold the id of their ``parent`` row."""
    parent_table, schema = _schema(parent).table, _schema(child)
    if parent == "Users":
        return tuple(f for f in (schema.field_with_suffix(s) for s in USER_FIELDS) if f)
    name = PARENT_ALIAS.get(parent_table, parent_table)
    suffixes = (f"{name}Id", f"{name}1Id", f"{name}2Id")
    found = tuple(schema.table + s for s in suffixes if schema.table + s in schema.fields)
    if not found:
        raise LookupError(f"no field of {child} names its {parent}")
    return found


def _classify(method: str, path: str) -> tuple[str, dict[str, Any]]:
    """(handler, fixed params) of one swagger operation by its path's shape."""
    special = SPECIAL.get((method, path))
    segments = path.strip("/").split("/")
    if special is not None:
        collection = segments[0] if segments[0] in entity_schemas() else ""
        return special, {"collection": collection} if collection else {}
    head = segments[0]
    if head not in entity_schemas():
        raise LookupError(f"no handler for {method} {path}")
    if segments[1:2] in (["Hooks"], ["LinkedData"]):
        head, segments = f"{head}.{segments[1]}", [head, *segments[2:]]
    shape = "/".join("{}" if s.startswith("{") else s for s in segments[1:])
    fixed: dict[str, Any] = {"collection": head}
    generic = {
        ("GET", ""): "list_page" if not head.endswith("LinkedData") else "list_all",
        ("POST", ""): "create",
        ("PATCH", ""): "upsert",
        ("DELETE", ""): "delete_all",
        ("GET", "{}"): "get",
        ("PUT", "{}"): "replace",
        ("DELETE", "{}"): "delete",
        ("POST", "{}/Move"): "move",
        ("GET", "LinkedSetup"): "linked_setup",
        ("GET", "AllActive"): "all_active",
    }.get((method, shape))
    if generic is not None:
        return generic, fixed
    schema = _schema(head)
    if method == "GET" and shape in ("FindByCreateDates/{}/{}", "FindByUpdateDates/{}/{}"):
        fixed["field"] = schema.created_at if "Create" in shape else schema.updated_at
        return "find_by_dates", fixed
    if method == "GET" and shape.startswith("By") and shape.endswith("/{}"):
        suffixes = BY_FIELD[segments[1][2:]]
        fixed["field"] = next(f for f in map(schema.field_with_suffix, suffixes) if f)
        fixed["param"] = path.rsplit("{", 1)[1].rstrip("}")
        return "by_field", fixed
    if method == "GET" and shape.startswith("{}/") and segments[2] in entity_schemas():
        fixed.update(collection=segments[2], fields=child_fields(head, segments[2]), parent=head)
        return "children", fixed
    raise LookupError(f"no handler for {method} {path}")


def swagger_routes() -> tuple[Route, ...]:
    """One Route per swagger operation, in the swagger's order."""
    routes = []
    for path, operations in swagger()["paths"].items():
        for method, operation in operations.items():
            verb = method.upper()
            handler, fixed = _classify(verb, path)
            routes.append(
                Route(
                    verb,
                    _pattern(path, operation),
                    handler,
                    fixed,
                    auth=not (path in PUBLIC and not (verb == "GET" and path == "/Auth")),
                    write=verb in WRITES,
                )
            )
    return tuple(routes)


ROUTES: tuple[Route, ...] = swagger_routes()
