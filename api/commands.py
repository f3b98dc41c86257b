"""Running a command over HTTP: If-Match, Idempotency-Key, one transaction, the case as answer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar
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
from domain.signal import Signal

IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=200, description="Replays return the first answer"),
]
IfMatch = Annotated[
    str | None, Header(alias="If-Match", max_length=40, description='The ETag, e.g. "3"')
]

Decision = Callable[[Complaint, datetime], None]
C = TypeVar("C", Complaint, Signal)


def expected_version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise HTTPException(412, 'If-Match must name a version as ETag, e.g. "3"')
    return int(tag)


def fingerprint(request: Request, body: BaseModel | None) -> str:
    payload = {"path": request.url.path, "body": body.model_dump(mode="json") if body else None}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def run_command(
    service: Service,
    caller: Principal,
    request: Request,
    body: BaseModel | None,
    key: str | None,
    action: Callable[[], Complaint | Signal],
    status: int = 200,
    retry_collisions: bool = True,
) -> JSONResponse:
    done: list[Complaint | Signal] = []

    def remembered() -> dict[str, Any]:
        case = action()
        done[:] = [case]
        kind = "signals" if isinstance(case, Signal) else "complaints"
        return {"status": status, "case_id": str(case.id), "version": case.version, "kind": kind}

    outcome, replayed = service.commands.run(
        remembered,
        actor=caller.actor,
        key=key,
        fingerprint=fingerprint(request, body),
        retry_collisions=retry_collisions,
    )
    case_id = UUID(outcome["case_id"])
    structlog.contextvars.bind_contextvars(case_id=str(case_id))
    kind = outcome["kind"]
    if replayed or not done:  # a replay answers with the case as the first answer left it
        read = service.casework.signal if kind == "signals" else service.casework.complaint
        case = read(case_id, version=outcome["version"])
    else:
        case = done[0]
    headers = {"Location": f"/v1/{kind}/{case_id}"} if outcome["status"] == 201 else {}
    clocks = service.casework.policies.clocks(case, service.clock.now())
    return case_response(case, clocks, outcome["status"], **headers)


def change_case(
    kind: type[C],
    service: Service,
    caller: Principal,
    request: Request,
    case_id: UUID,
    body: BaseModel | None,
    key: str | None,
    if_match: str | None,
    decide: Callable[[C, datetime], None],
) -> JSONResponse:
    """Run one command on a case of `kind`; `If-Match` turns collisions into 412, not retries."""
    expected = expected_version(if_match)
    return run_command(
        service,
        caller,
        request,
        body,
        key,
        lambda: service.casework.change_case(kind, case_id, expected, decide),
        retry_collisions=expected is None,
    )


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
    return change_case(Complaint, service, caller, request, case_id, body, key, if_match, decide)


def change_signal(
    service: Service,
    caller: Principal,
    request: Request,
    case_id: UUID,
    body: BaseModel | None,
    key: str | None,
    if_match: str | None,
    decide: Callable[[Signal, datetime], None],
) -> JSONResponse:
    return change_case(Signal, service, caller, request, case_id, body, key, if_match, decide)
