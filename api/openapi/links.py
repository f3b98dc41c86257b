"""OpenAPI links from a creation to what a client does next with the same case or record."""

from __future__ import annotations

from typing import Any

from api.openapi.examples import success as answered

FOLLOW_UPS: dict[str, tuple[str, str, str]] = {
    "registerComplaint": ("/v1/complaints/{case_id}", "case_id", "$response.body#/id"),
    "escalateSignal": ("/v1/complaints/{case_id}", "case_id", "$response.body#/id"),
    "registerSignal": ("/v1/signals/{case_id}", "case_id", "$response.body#/id"),
    "requestSubjectAccess": (
        "/v1/admin/subject-access/{request_id}",
        "request_id",
        "$response.body#/id",
    ),
    "proposeDestructionList": (
        "/v1/admin/retention/proposals/{list_id}",
        "list_id",
        "$response.body#/id",
    ),
    "addStaffMember": ("/v1/admin/users/{email}", "email", "$response.body#/email"),
}
"""A creation's operationId: the path its record lives under, the parameter naming it, and
where its answer says the value."""


def add_links(document: dict[str, Any]) -> None:
    """Each creation's success answer links to every operation under the created record's path,
    so a stateful client (or schemathesis) knows where the new id goes."""
    by_id = {op["operationId"]: op for ops in document["paths"].values() for op in ops.values()}
    for creation, (prefix, parameter, source) in FOLLOW_UPS.items():
        success, _ = answered(by_id[creation])
        links = {}
        for path, ops in document["paths"].items():
            if path != prefix and not path.startswith(prefix + "/"):
                continue
            for op in ops.values():
                named = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
                if parameter in named:
                    values = {parameter: source}
                    if parameter == "case_id" and _takes_if_match(op):
                        values["header.If-Match"] = "$response.header.ETag"
                    links[op["operationId"]] = {
                        "operationId": op["operationId"],
                        "parameters": values,
                    }
        by_id[creation]["responses"][success]["links"] = links


def _takes_if_match(operation: dict[str, Any]) -> bool:
    """A command on a case: the link hands it the new case's ETag, as a careful client would."""
    return any(p["name"] == "If-Match" for p in operation.get("parameters", []))
