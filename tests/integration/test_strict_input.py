"""Strict input, generated from the OpenAPI document: every field of every request body refuses
a value of the wrong JSON type and every text field refuses control characters, 422 naming the
field, nothing recorded. Unknown filter values are 422 too, never an empty list."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from api.roles_doc import route_table
from application.roles import PERMISSIONS, Role
from tests.integration.conftest import NOW, Api, complaint_body, iso

Path = tuple[str | int, ...]
FUTURE = iso(NOW + timedelta(hours=1))


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The schema itself: $ref followed, an optional (`anyOf` with null) unwrapped."""
    if "$ref" in schema:
        return resolve(spec, spec["components"]["schemas"][schema["$ref"].split("/")[-1]])
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1:
        return resolve(spec, options[0])
    kinds = sorted(str(o.get("type", "object")) for o in options)
    if kinds == ["object", "string"]:  # a measure: an object, or a plain string for short
        shaped = next(o for o in options if o.get("type") != "string")
        return resolve(spec, shaped) | {"x-or-string": True}
    assert "anyOf" not in schema, f"a union the test does not know: {schema}"
    return schema


def valid(spec: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A value of the right type (not necessarily one the rules accept): every field filled."""
    schema = resolve(spec, schema)
    kind, form = schema.get("type"), schema.get("format")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object":
        return {k: valid(spec, v) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [valid(spec, schema["items"])]
    if kind == "integer":
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    examples = {"date-time": "2026-03-10T09:00:00+01:00", "date": "2026-03-20"}
    examples |= {"email": "a@example.nl", "uuid": str(uuid.uuid4())}
    return examples.get(form, "x")


def wrong_types(schema: dict[str, Any]) -> list[Any]:
    """JSON values of another type that a lax parser would coerce (or that are plainly wrong)."""
    kind, form = schema.get("type"), schema.get("format")
    if "enum" in schema:
        return [1, True]
    if kind == "string":
        return {"date-time": [1795300000, 1795300000.5, True], "date": [20260320, True]}.get(
            form, [1, True, 4.5]
        )
    answers = {
        "integer": ["4", True, 4.0],
        "boolean": ["true", 1],
        "array": ["x", {"a": 1}],
        "object": [[1], 4.5] if schema.get("x-or-string") else ["x", [1]],
    }
    assert kind in answers, f"no wrong value known for {schema}: teach the test this type"
    return answers[kind]


def fields(
    spec: dict[str, Any], schema: dict[str, Any], at: Path = ()
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every field of a body, nested ones included, with its resolved schema."""
    schema = resolve(spec, schema)
    if schema.get("type") == "object" and "enum" not in schema:
        for name, field in schema.get("properties", {}).items():
            resolved = resolve(spec, field)
            yield (*at, name), resolved
            yield from fields(spec, resolved, (*at, name))
    elif schema.get("type") == "array":
        yield from fields(spec, schema["items"], (*at, 0))


def put(body: Any, at: Path, value: Any) -> Any:
    if not at:
        return value
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[at[0]] = put(copy[at[0]], at[1:], value)  # type: ignore[index]
    return copy


Body = tuple[str, str, Role, dict[str, Any], dict[str, Any]]


def bodies(api: Api) -> Iterator[Body]:
    """(method, url, a role that may call it, the body schema, the OpenAPI document) per body."""
    spec = api.client.get("/openapi.json").json()
    actions = {(m, p): a for m, p, a in route_table(api.client.app)}  # type: ignore[arg-type]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            action = actions[(method.upper(), path)]
            role = next(r for r in Role if action is None or r in PERMISSIONS[action])
            url = path.replace("{case_id}", str(uuid.uuid4())).replace("{number}", "1")
            url = url.replace("{email}", "someone@example.nl")
            yield method.upper(), url, role, content["application/json"]["schema"], spec


def refused(api: Api, method: str, url: str, role: Role, body: Any, field: Path) -> str | None:
    """None when the body is 422 naming `field`; otherwise what happened instead."""
    response = api.client.request(method, url, json=body, headers=api.headers(role))
    named = ".".join(str(part) for part in ("body", *field))
    if response.status_code != 422:
        return f"{url} {named}={body!r:.80}: {response.status_code}"
    errors = [e["field"] for e in response.json().get("errors", [])]
    return None if named in errors else f"{url} {named}: errors name {errors}"


def events(api: Api) -> int:
    return api.service.casework.recorder.max_notification_id() or 0


def test_every_body_field_refuses_a_value_of_another_json_type(api: Api) -> None:
    before, tried, failures = events(api), 0, []
    for method, url, role, schema, spec in bodies(api):
        base = valid(spec, schema)
        for field, field_schema in fields(spec, schema):
            for value in wrong_types(field_schema):
                tried += 1
                failure = refused(api, method, url, role, put(base, field, value), field)
                failures += [failure] if failure else []
    assert tried > 150 and failures == []
    assert events(api) == before


def test_every_text_field_refuses_nul_and_control_characters(api: Api) -> None:
    before, tried, failures = events(api), 0, []
    for method, url, role, schema, spec in bodies(api):
        base = valid(spec, schema)
        for field, field_schema in fields(spec, schema):
            if field_schema.get("type") != "string" or "enum" in field_schema:
                continue
            for bad in ("nul\u0000byte", "bell\u0007", "escape\u001b[31m", "c1\u0085"):
                value = bad if field_schema.get("format") != "email" else f"{bad}@example.nl"
                tried += 1
                failure = refused(api, method, url, role, put(base, field, value), field)
                failures += [failure] if failure else []
    assert tried > 60 and failures == [], "\n".join(failures)
    assert events(api) == before


def test_a_nul_in_the_subject_is_422_and_nothing_is_recorded(api: Api) -> None:
    response = api.post(Role.INTAKE, "/v1/complaints", complaint_body(subject="nul\u0000byte"))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.subject"]
    assert "nul" not in response.text  # the value is not echoed
    assert events(api) == 0
    assert api.get(Role.MEDIATOR, "/v1/complaints").json()["items"] == []
    assert api.client.get("/health").json()["status"] == "ok"


def test_tab_and_newline_are_text(api: Api) -> None:
    case = api.register(description="Eerste regel\n\tingesprongen tweede regel")
    assert case["description"] == "Eerste regel\n\tingesprongen tweede regel"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/complaints", {"status": "bogus"}, "query.status"),
        (
            "/v1/complaints",
            {"status": "escalated"},
            "query.status",
        ),  # a signal's, not a complaint's
        ("/v1/signals", {"status": "ruled"}, "query.status"),
        ("/v1/complaints", {"team": "Team\u0000Noord"}, "query.team"),
        ("/v1/complaints", {"mediator": "anna\u001b"}, "query.mediator"),
        ("/v1/complaints", {"reference": "K-2026"}, "query.reference"),
        ("/v1/queue", {"policy": "nosuch"}, "query.policy"),
        ("/v1/queue", {"severity": "mild"}, "query.severity"),
        ("/v1/queue", {"team": "mine"}, "query.team"),  # this token names no team
    ],
)
def test_an_unknown_filter_value_is_422_not_an_empty_list(
    api: Api, path: str, params: dict[str, str], field: str
) -> None:
    api.register()
    response = api.get(Role.MEDIATOR, path, **params)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


def test_a_case_is_found_by_its_reference(api: Api) -> None:
    first, second = api.register(), api.register(subject="Tweede klacht")
    found = api.get(Role.MEDIATOR, "/v1/complaints", reference=second["reference"]).json()
    assert [i["id"] for i in found["items"]] == [second["id"]]
    assert first["reference"] != second["reference"]
    none = api.get(Role.MEDIATOR, "/v1/complaints", reference="K-1999-00001").json()
    assert none["items"] == []


@pytest.mark.parametrize(
    ("path", "role", "body", "field"),
    [
        ("/v1/complaints", Role.INTAKE, complaint_body(received_at=FUTURE), "body.received_at"),
        (
            "/v1/signals",
            Role.INTAKE,
            {"received_at": FUTURE, "channel": "phone", "dossier_ref": "D-1", "summary": "Boos"},
            "body.received_at",
        ),
        (
            "/v1/stem-responses",
            Role.INTAKE,
            {
                "dossier_ref": "D-1",
                "answered_at": FUTURE,
                "scores": {"collaboration": 4, "heard": 4, "agreements_clear": 4},
            },
            "body.answered_at",
        ),
    ],
)
def test_a_moment_the_domain_refuses_is_named_as_the_request_names_it(
    api: Api, path: str, role: Role, body: dict[str, Any], field: str
) -> None:
    response = api.post(role, path, body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
