"""The read endpoints every kind of case has: itself (also as of a moment), deadlines, history,
timeline. Each read is appended to the access log before it is answered."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from api.dependencies import ServiceDep, allowed, log_read
from api.presenters import case_response, summary
from api.schemas.audit import TimelineStepPublic
from api.schemas.complaints import CasePage, HistoryEntryPublic
from api.schemas.deadlines import ClockPublic, Deadlines
from application.cases_projection import CaseFilter, flag_id
from application.roles import Action
from application.tokens import Principal
from domain.flagging import Flagged

Reader = Annotated[Principal, allowed(Action.READ_CASE)]
HistoryReader = Annotated[Principal, allowed(Action.READ_HISTORY)]
TimelineReader = Annotated[Principal, allowed(Action.READ_TIMELINE)]
AsOf = Annotated[
    datetime | None, Query(description="as the service knew it at this moment (with offset)")
]


def _as_of(as_of: datetime | None) -> datetime | None:
    if as_of is not None and as_of.tzinfo is None:
        raise HTTPException(422, "as_of must carry a UTC offset")
    return as_of


def add_case_reads(router: APIRouter, kind: type[Flagged], public: type[BaseModel]) -> None:
    noun = kind.__name__.lower()

    def load(service: Any, case_id: UUID, as_of: datetime | None) -> Any:
        return getattr(service.casework, noun)(case_id, as_of=_as_of(as_of))

    @router.get("/{case_id}", response_model=public, summary=f"Read a {noun}")
    def read(
        case_id: UUID, request: Request, service: ServiceDep, caller: Reader, as_of: AsOf = None
    ) -> JSONResponse:
        log_read(service, caller, request, case_id, as_of)
        case = load(service, case_id, as_of)
        return case_response(
            case, service.casework.policies.clocks(case, as_of or service.clock.now())
        )

    @router.get("/{case_id}/deadlines", response_model=Deadlines, summary="Every clock, explained")
    def deadlines(
        case_id: UUID, request: Request, service: ServiceDep, caller: Reader, as_of: AsOf = None
    ) -> Deadlines:
        log_read(service, caller, request, case_id, as_of)
        case = load(service, case_id, as_of)
        clocks = service.casework.policies.clocks(case, as_of or service.clock.now())
        return Deadlines(clocks=[ClockPublic.model_validate(asdict(c)) for c in clocks])

    @router.get(
        "/{case_id}/history", response_model=list[HistoryEntryPublic], summary="Every event"
    )
    def history(
        case_id: UUID, request: Request, service: ServiceDep, caller: HistoryReader
    ) -> list[HistoryEntryPublic]:
        log_read(service, caller, request, case_id)
        return [HistoryEntryPublic(**vars(e)) for e in service.casework.history(kind, case_id)]

    @router.get(
        "/{case_id}/timeline",
        response_model=list[TimelineStepPublic],
        summary="Each event with the status, clocks and open flags right after it",
    )
    def timeline(
        case_id: UUID, request: Request, service: ServiceDep, caller: TimelineReader
    ) -> list[TimelineStepPublic]:
        log_read(service, caller, request, case_id)
        return [
            TimelineStepPublic(
                **vars(step.entry),
                status=step.status,
                clocks=[ClockPublic.model_validate(asdict(c)) for c in step.clocks],
                open_flags=[
                    {"flag_id": flag_id(case_id, flag["key"]), **flag} for flag in step.open_flags
                ],
            )
            for step in service.casework.timeline(kind, case_id)
        ]


def case_page(service: Any, where: CaseFilter, limit: int, cursor: str | None) -> CasePage:
    """One page of the case list, newest first; the cursor is the last row's log position."""
    rows = service.case_list.page(where, limit + 1, int(cursor) if cursor else None)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = str(rows[-1].position) if more else None
    return CasePage(items=[summary(r) for r in rows], next_cursor=next_cursor)
