"""The learning loop on a complaint: a measure done with evidence, its public summary written
and approved by two managers, and the complaint's themes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from api.callers import Mediator, Summariser
from api.presenters import complaint_public
from api.schemas.complaints import ComplaintPublic, MeasureDoneBody, SummaryBody, ThemesBody
from application.learning_use_cases import (
    ApproveMeasureSummary,
    MarkMeasureDone,
    SetThemes,
    WriteMeasureSummary,
)

router = APIRouter(prefix="/v1/complaints/{case_id}", tags=["learning from complaints"])
Number = Annotated[int, Path(ge=1, le=10_000, description="counted from 1 in the order given")]


@router.post("/measures/{number}/done", response_model=ComplaintPublic, summary="A measure is done")
def mark_measure_done(
    case_id: UUID, number: Number, body: MeasureDoneBody, call: Mediator
) -> ComplaintPublic:
    command = MarkMeasureDone(case_id, number, body.at, body.evidence)
    return complaint_public(call.case(command))


@router.post(
    "/measures/{number}/summary", response_model=ComplaintPublic, summary="Write a public summary"
)
def write_measure_summary(
    case_id: UUID, number: Number, body: SummaryBody, call: Summariser
) -> ComplaintPublic:
    return complaint_public(call.case(WriteMeasureSummary(case_id, number, body.text)))


@router.post(
    "/measures/{number}/summary/approve",
    response_model=ComplaintPublic,
    summary="Approve another manager's summary for publication",
)
def approve_measure_summary(case_id: UUID, number: Number, call: Summariser) -> ComplaintPublic:
    return complaint_public(call.case(ApproveMeasureSummary(case_id, number)))


@router.post("/themes", response_model=ComplaintPublic, summary="Set the complaint's themes")
def set_themes(case_id: UUID, body: ThemesBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(SetThemes(case_id, tuple(body.themes), body.at)))
