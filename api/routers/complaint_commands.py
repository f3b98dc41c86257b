"""Complaint commands: each POST turns its body into one named use case and answers the case."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from api.callers import Acknowledger, Mediator
from api.presenters import complaint_public
from api.schemas.common import AtBody, ReasonBody
from api.schemas.complaints import (
    ApologyBody,
    AssignBody,
    ComplaintPublic,
    ConversationBody,
    ExtendBody,
    MeasuresBody,
    MinutesBody,
    RulingBody,
)
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    AssignMediator,
    CloseComplaint,
    ExtendDeadline,
    GiveApology,
    MarkAgreementDone,
    RecordRuling,
    ReferToCommittee,
    ReopenComplaint,
    ResumeComplaint,
    SendMinutes,
    SuspendComplaint,
    WithdrawComplaint,
)

router = APIRouter(
    prefix="/v1/complaints/{case_id}",
    tags=["complaint commands"],
    responses={
        404: {"description": "Unknown complaint"},
        409: {"description": "Not allowed in the complaint's current state"},
        412: {"description": "If-Match names an old version"},
    },
)
Number = Annotated[int, Path(ge=1, le=10_000, description="counted from 1 in the order made")]


@router.post("/acknowledge", response_model=ComplaintPublic, summary="Acknowledge receipt")
def acknowledge_complaint(case_id: UUID, body: AtBody, call: Acknowledger) -> ComplaintPublic:
    return complaint_public(call.case(AcknowledgeComplaint(case_id, body.at)))


@router.post("/assign", response_model=ComplaintPublic, summary="Assign a mediator")
def assign_mediator(case_id: UUID, body: AssignBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(AssignMediator(case_id, body.mediator)))


@router.post(
    "/conversations", response_model=ComplaintPublic, summary="Record a complaint conversation"
)
def hold_complaint_conversation(
    case_id: UUID, body: ConversationBody, call: Mediator
) -> ComplaintPublic:
    return complaint_public(call.case(body.command(case_id)))


@router.post("/minutes", response_model=ComplaintPublic, summary="Record that minutes were sent")
def send_minutes(case_id: UUID, body: MinutesBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(SendMinutes(case_id, body.at, body.sent_to)))


@router.post("/refer", response_model=ComplaintPublic, summary="Refer to the complaints committee")
def refer_to_committee(case_id: UUID, body: AtBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(ReferToCommittee(case_id, body.at)))


@router.post("/ruling", response_model=ComplaintPublic, summary="Record the committee's ruling")
def record_ruling(case_id: UUID, body: RulingBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(RecordRuling(case_id, body.at, body.verdict)))


@router.post("/apology", response_model=ComplaintPublic, summary="Record an apology")
def give_apology(case_id: UUID, body: ApologyBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(GiveApology(case_id, body.at, body.summary)))


@router.post("/measures", response_model=ComplaintPublic, summary="Record measures after a ruling")
def communicate_measures(case_id: UUID, body: MeasuresBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(body.command(case_id)))


@router.post("/extend", response_model=ComplaintPublic, summary="Extend a deadline (capped)")
def extend_deadline(case_id: UUID, body: ExtendBody, call: Mediator) -> ComplaintPublic:
    command = ExtendDeadline(case_id, body.clock, body.weeks, body.reason, body.at)
    return complaint_public(call.case(command))


@router.post(
    "/agreements/{number}/done", response_model=ComplaintPublic, summary="Mark an agreement done"
)
def mark_agreement_done(
    case_id: UUID, number: Number, body: AtBody, call: Mediator
) -> ComplaintPublic:
    return complaint_public(call.case(MarkAgreementDone(case_id, number, body.at)))


@router.post(
    "/suspend", response_model=ComplaintPublic, summary="Suspend: the decision clock pauses"
)
def suspend_complaint(case_id: UUID, body: ReasonBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(SuspendComplaint(case_id, body.at, body.reason)))


@router.post("/resume", response_model=ComplaintPublic, summary="Resume a suspended case")
def resume_complaint(case_id: UUID, body: ReasonBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(ResumeComplaint(case_id, body.at, body.reason)))


@router.post(
    "/withdraw", response_model=ComplaintPublic, summary="Record that the complainant withdrew"
)
def withdraw_complaint(case_id: UUID, body: ReasonBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(WithdrawComplaint(case_id, body.at, body.reason)))


@router.post("/close", response_model=ComplaintPublic, summary="Close the case")
def close_complaint(case_id: UUID, body: ReasonBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(CloseComplaint(case_id, body.at, body.reason)))


@router.post("/reopen", response_model=ComplaintPublic, summary="Reopen a closed or withdrawn case")
def reopen_complaint(case_id: UUID, body: ReasonBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(ReopenComplaint(case_id, body.at, body.reason)))
