"""Signal endpoints: register from any channel, list, read, acknowledge, talk, resolve, escalate."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from api.callers import Acknowledger, HistoryReader, Mediator, Reader, Registrar, TimelineReader
from api.presenters import case_page, complaint_public, deadlines_public, signal_public
from api.schemas.audit import Timeline
from api.schemas.case_list import CasePage, SignalListQuery
from api.schemas.common import AsOf, AtBody
from api.schemas.complaints import ComplaintPublic, History
from api.schemas.deadlines import Deadlines
from api.schemas.signals import (
    ResolveBody,
    SignalConversationBody,
    SignalCreate,
    SignalPublic,
)
from application import signal_use_cases as use_cases
from domain.signal import Signal

router = APIRouter(prefix="/v1/signals", tags=["signals"])


@router.get("", response_model=CasePage, summary="List signals, newest first")
def list_signals(query: Annotated[SignalListQuery, Query()], reader: Reader) -> CasePage:
    return case_page(reader.page(query.where(), query.limit, query.cursor))


@router.post("", status_code=201, response_model=SignalPublic, summary="Register a signal")
def register_signal(body: SignalCreate, call: Registrar) -> SignalPublic:
    return signal_public(call.case(body.command()))


@router.get("/{case_id}", response_model=SignalPublic, summary="Read a signal")
def read_signal(case_id: UUID, reader: Reader, as_of: AsOf = None) -> SignalPublic:
    return signal_public(reader.case(Signal, case_id, as_of))


@router.get(
    "/{case_id}/timeline", response_model=Timeline, summary="Replay: each event, the state after"
)
def read_signal_timeline(case_id: UUID, reader: TimelineReader) -> Timeline:
    return Timeline.of(case_id, reader.timeline(Signal, case_id))


@router.get("/{case_id}/history", response_model=History, summary="Every event, oldest first")
def read_signal_history(case_id: UUID, reader: HistoryReader) -> History:
    return History.of(reader.history(Signal, case_id))


@router.get("/{case_id}/deadlines", response_model=Deadlines, summary="Both clocks, explained")
def read_signal_deadlines(case_id: UUID, reader: Reader, as_of: AsOf = None) -> Deadlines:
    return Deadlines(clocks=deadlines_public(reader.case(Signal, case_id, as_of).deadlines))


@router.post("/{case_id}/acknowledge", response_model=SignalPublic, summary="We hear you")
def acknowledge_signal(case_id: UUID, body: AtBody, call: Acknowledger) -> SignalPublic:
    return signal_public(call.case(use_cases.AcknowledgeSignal(case_id, body.at)))


@router.post("/{case_id}/conversations", response_model=SignalPublic, summary="A conversation")
def hold_signal_conversation(
    case_id: UUID, body: SignalConversationBody, call: Mediator
) -> SignalPublic:
    command = use_cases.HoldSignalConversation(
        case_id, body.at, tuple(body.participants), body.outcome
    )
    return signal_public(call.case(command))


@router.post("/{case_id}/resolve", response_model=SignalPublic, summary="Resolve the signal")
def resolve_signal(case_id: UUID, body: ResolveBody, call: Mediator) -> SignalPublic:
    return signal_public(call.case(use_cases.ResolveSignal(case_id, body.at, body.outcome)))


@router.post(
    "/{case_id}/escalate",
    status_code=201,
    response_model=ComplaintPublic,
    summary="Escalate to a complaint (both sides recorded in one transaction)",
)
def escalate_signal(case_id: UUID, body: AtBody, call: Mediator) -> ComplaintPublic:
    return complaint_public(call.case(use_cases.EscalateSignal(case_id, body.at)))
