"""The OpenAPI document's examples are true: every request example, sent in the storyline's
order, is answered with the documented success status and a body its response schema accepts;
every success answer carries an example its own schema accepts.

`GEHOORD_RECORD_EXAMPLES=1` writes the storyline's answers into api/openapi/examples.json as
the answers' examples (shortened: at most two items per list)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from adapters.clock import SettableClock
from api.openapi.examples import EXAMPLES, load, success
from application.roles import Role
from tests.integration.conftest import Api
from tests.integration.storyline import STORY, Step

RECORD = os.environ.get("GEHOORD_RECORD_EXAMPLES") == "1"
REGISTER = "klachtenregister-2025.csv"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The examples describe the API, not the store: SQLite only."""
    return f"sqlite:///{tmp_path}/examples.sqlite"


def operations(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method, path, op)
        for path, ops in document["paths"].items()
        for method, op in ops.items()
    }


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """`schema` as the document states it, its `#/components/...` references resolved."""
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})


def shortened(value: Any) -> Any:
    if isinstance(value, list):
        return [shortened(v) for v in value[:2]]
    if isinstance(value, dict):
        return {k: shortened(v) for k, v in value.items()}
    return value


class Storyteller:
    """Sends each step's request example as its caller, keeping ids for the steps after it."""

    def __init__(self, api: Api, clock: SettableClock, document: dict[str, Any]) -> None:
        self.api = api
        self.clock = clock
        self.document = document
        self.operations = operations(document)
        self.kept: dict[str, str] = {}
        self.tokens = {role.value: api.tokens[role] for role in Role}
        self.tokens["manager2"] = api.service.tokens.create(Role.MANAGER, "manager-2")

    def caller(self, name: str) -> dict[str, str]:
        if name == "nobody":
            return {}
        if name == "anna" and name not in self.tokens:
            record = self.api.service.staff.by_email(self.kept["anna"])
            assert record is not None
            self.tokens[name] = self.api.service.tokens.create(
                Role.MEDIATOR, "anna:test", record.member_id
            )
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def tell(self, step: Step) -> tuple[str, Any]:
        if step.later:
            self.clock.advance(step.later)
        method, path, operation = self.operations[step.operation]
        url = path.format(**{name: self.kept.get(key, key) for name, key in step.path.items()})
        bodies = operation.get("requestBody", {}).get("content", {})
        sent: dict[str, Any] = {"json": bodies.get("application/json", {}).get("example")}
        if "multipart/form-data" in bodies:  # a register: each field of the example a file
            fields = bodies["multipart/form-data"]["example"]
            sent = {"files": {k: (REGISTER, v.encode(), "text/csv") for k, v in fields.items()}}
        answer = self.api.client.request(
            method, url, params=step.query, headers=self.caller(step.caller), **sent
        )
        code, content = success(operation)
        if step.answer is not None:
            code = step.answer
            content = operation["responses"][code]["content"]["application/json"]
        assert str(answer.status_code) == code, (step.operation, answer.text)
        found = answer.json()
        errors = list(validator(self.document, content["schema"]).iter_errors(found))
        assert not errors, (step.operation, [e.message for e in errors])
        if step.keep:
            self.kept[step.keep[1]] = found[step.keep[0]]
        return step.operation, found


def test_every_request_example_sent_in_order_gets_an_answer_its_schema_accepts(
    api: Api, clock: SettableClock
) -> None:
    document = api.client.get("/openapi.json").json()
    teller = Storyteller(api, clock, document)
    answers = dict(teller.tell(step) for step in STORY if step.answer is None)
    told = {step.operation for step in STORY}
    assert set(operations(document)) - told == set()
    if RECORD:
        examples = load()
        for name, found in answers.items():
            examples.setdefault(name, {})["response"] = shortened(found)
        text = json.dumps(examples, indent=1, ensure_ascii=False) + "\n"
        EXAMPLES.write_text(text, encoding="utf-8")


def test_every_request_body_and_success_answer_has_an_example_its_schema_accepts(
    api: Api,
) -> None:
    document = api.client.get("/openapi.json").json()
    for name, (_, _, operation) in operations(document).items():
        for media, body in operation.get("requestBody", {}).get("content", {}).items():
            example = body.get("example")
            assert example is not None, (name, media)
            assert not list(validator(document, body["schema"]).iter_errors(example)), name
        for code, answer in operation["responses"].items():
            for media, content in answer.get("content", {}).items() if code < "300" else ():
                if media == "application/pdf":
                    continue  # binary: no example to show
                assert "example" in content, (name, code, media)
                if media == "application/json":
                    schema, example = content["schema"], content["example"]
                    errors = list(validator(document, schema).iter_errors(example))
                    assert not errors, (name, code, [e.message for e in errors])
                else:
                    assert isinstance(content["example"], str), (name, code, media)
