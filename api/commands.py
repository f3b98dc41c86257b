"""Running a command over HTTP: If-Match, Idempotency-Key, one transaction, the case as answer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import structlog
from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from adapters.bootstrap import Service
from api.presenters import case_response
from application.tokens import Principal
from domain.complaint import Complaint

IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=200, description="Replays return the first answer"),
]
IfMatch = Annotated[
    str | None, Header(alias="If-Match", max_length=40, description='The ETag, e.g. "3"')
]

Decision = Callable[[Complaint, datetime], None]


def _expected_version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise HTTPException(412, 'If-Match must name a version as ETag, e.g. "3"')
    return int(tag)


def _fingerprint(request: Request, body: BaseModel | None) -> str:
    payload = {"path": request.url.path, "body": body.model_dump(mode="json") if body else None}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def run_command(
    service: Service,
    caller: Principal,
    request: Request,
    body: BaseModel | None,
    key: str | None,
    action: Callable[[], Complaint],
    status: int = 200,
    retry_collisions: bool = True,
) -> JSONResponse:
    def remembered() -> dict[str, Any]:
        complaint = action()
        return {"status": status, "case_id": str(complaint.id), "version": complaint.version}

    outcome, _ = service.commands.run(
        remembered,
        actor=caller.actor,
        key=key,
        fingerprint=_fingerprint(request, body),
        retry_collisions=retry_collisions,
    )
    case_id = UUID(outcome["case_id"])
    structlog.contextvars.bind_contextvars(case_id=str(case_id))
    complaint = service.casework.complaint(case_id, version=outcome["version"])
    headers = {"Location": f"/v1/complaints/{case_id}"} if outcome["status"] == 201 else {}
    clocks = service.casework.policies.clocks(complaint, service.clock.now())
    return case_response(complaint, clocks, outcome["status"], **headers)


def change_complaint(
    service: Service,
    caller: Principal,
    request: Request,
    case_id: UUID,
    body: BaseModel | None,
    key: str | None,
    if_match: str | None,
    decide: Decision,
) -> JSONResponse:
    expected = _expected_version(if_match)
    return run_command(
        service,
        caller,
        request,
        body,
        key,
        lambda: service.casework.change(case_id, expected, decide),
        retry_collisions=expected is None,
    )
