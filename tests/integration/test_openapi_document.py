"""The OpenAPI document says what the service does: stable camelCase operationIds, every
problem status each operation can answer as a Problem in application/problem+json, named
answers, the report's formats, and links from creations to what follows them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from api.app import create_app
from application.roles import PERMISSIONS, Action

STABLE = {
    ("post", "/v1/complaints"): "registerComplaint",
    ("get", "/v1/complaints"): "listComplaints",
    ("post", "/v1/complaints/{case_id}/acknowledge"): "acknowledgeComplaint",
    ("post", "/v1/complaints/{case_id}/suspend"): "suspendComplaint",
    ("get", "/v1/complaints/{case_id}/history"): "readComplaintHistory",
    ("post", "/v1/signals/{case_id}/escalate"): "escalateSignal",
    ("post", "/v1/complaints/{case_id}/legal-hold"): "placeComplaintHold",
    ("delete", "/v1/signals/{case_id}/legal-hold"): "liftSignalHold",
    ("get", "/v1/reports/complaints-analysis"): "readComplaintsAnalysis",
    ("get", "/v1/me"): "readMe",
    ("get", "/health"): "readHealth",
}
"""Names clients are generated with: renaming one breaks them, so it must be on purpose."""


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app().openapi()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, ops in document["paths"].items() for m, op in ops.items()]


def test_operation_ids_are_unique_camel_case_and_the_known_ones_stable(
    document: dict[str, Any],
) -> None:
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids)) >= 60
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]*)*", i) for i in ids), ids
    named = {(m, p): op["operationId"] for m, p, op in operations(document)}
    assert {key: named[key] for key in STABLE} == STABLE


def test_every_problem_answer_is_a_problem_in_problem_json(document: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert {"type", "title", "status", "detail"} <= set(
        document["components"]["schemas"]["Problem"]["required"]
    )
    for _, path, op in operations(document):
        for code, answer in op["responses"].items():
            if int(code) >= 400 and path != "/health":
                schema = answer["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (path, code)


def codes(op: dict[str, Any]) -> set[int]:
    return {int(code) for code in op["responses"]}


def test_each_operation_documents_what_its_token_body_and_path_can_answer(
    document: dict[str, Any],
) -> None:
    everyone = [a for a in Action if len(PERMISSIONS[a]) == 5]
    assert everyone == [Action.READ_SELF]
    for method, path, op in operations(document):
        if path == "/health":
            assert codes(op) == {200, 503}
            continue
        assert {401, 429, 503} <= codes(op), path
        if op["operationId"] not in ("readMe", "changeMe"):
            assert 403 in codes(op), path
        if "requestBody" in op:
            assert {400, 413, 422} <= codes(op), path
        if "{" in path:
            assert {404, 422} <= codes(op), path
        command = method == "post" and path.startswith("/v1/complaints/{case_id}/")
        if command and not path.endswith("legal-hold"):
            assert {409, 412} <= codes(op), path


def test_every_json_answer_is_a_named_schema(document: dict[str, Any]) -> None:
    for _, path, op in operations(document):
        for code, answer in op["responses"].items():
            for media, content in answer.get("content", {}).items():
                if "json" in media:
                    assert set(content["schema"]) == {"$ref"}, (path, code, media)


def test_the_report_documents_each_format_it_renders(document: dict[str, Any]) -> None:
    report = document["paths"]["/v1/reports/complaints-analysis"]["get"]
    media = report["responses"]["200"]["content"]
    assert set(media) == {"application/json", "text/csv", "text/html", "application/pdf"}
    assert media["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ComplaintsAnalysis"
    }
    assert media["application/pdf"]["schema"]["format"] == "binary"


def test_a_creation_links_to_the_reads_and_commands_of_what_it_created(
    document: dict[str, Any],
) -> None:
    created = document["paths"]["/v1/complaints"]["post"]["responses"]["201"]["links"]
    assert created["readComplaint"]["parameters"] == {"case_id": "$response.body#/id"}
    assert {"acknowledgeComplaint", "readComplaintHistory", "markAgreementDone"} <= set(created)
    signal = document["paths"]["/v1/signals"]["post"]["responses"]["201"]["links"]
    assert "escalateSignal" in signal


def test_optional_parameters_are_never_null_and_if_match_states_its_form(
    document: dict[str, Any],
) -> None:
    for _, path, op in operations(document):
        for parameter in op.get("parameters", []):
            assert "anyOf" not in parameter["schema"], (path, parameter["name"])
    acknowledge = document["paths"]["/v1/complaints/{case_id}/acknowledge"]["post"]
    (if_match,) = [p for p in acknowledge["parameters"] if p["name"] == "If-Match"]
    assert re.fullmatch(if_match["schema"]["pattern"], '"3"')
    assert not re.fullmatch(if_match["schema"]["pattern"], "3")
