"""Complaint endpoints: register, list, and read one (also as of a moment) with its deadlines,
history and timeline. The commands on a complaint are in complaint_commands."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from api.callers import HistoryReader, Reader, Registrar, TimelineReader
from api.presenters import case_page, complaint_public, deadlines_public
from api.schemas.audit import Timeline
from api.schemas.case_list import CasePage, ComplaintListQuery
from api.schemas.common import AsOf
from api.schemas.complaints import ComplaintCreate, ComplaintPublic, History
from api.schemas.deadlines import Deadlines
from domain.complaint import Complaint

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])


@router.post("", status_code=201, response_model=ComplaintPublic, summary="Register a complaint")
def register_complaint(body: ComplaintCreate, call: Registrar) -> ComplaintPublic:
    return complaint_public(call.case(body.command()))


@router.get("", response_model=CasePage, summary="List complaints, newest first")
def list_complaints(query: Annotated[ComplaintListQuery, Query()], reader: Reader) -> CasePage:
    return case_page(reader.page(query.where(reader.caller), query.limit, query.cursor))


@router.get("/{case_id}", response_model=ComplaintPublic, summary="Read a complaint")
def read_complaint(case_id: UUID, reader: Reader, as_of: AsOf = None) -> ComplaintPublic:
    return complaint_public(reader.case(Complaint, case_id, as_of))


@router.get("/{case_id}/deadlines", response_model=Deadlines, summary="Every clock, explained")
def read_complaint_deadlines(case_id: UUID, reader: Reader, as_of: AsOf = None) -> Deadlines:
    return Deadlines(clocks=deadlines_public(reader.case(Complaint, case_id, as_of).deadlines))


@router.get("/{case_id}/history", response_model=History, summary="Every event, oldest first")
def read_complaint_history(case_id: UUID, reader: HistoryReader) -> History:
    return History.of(reader.history(Complaint, case_id))


@router.get(
    "/{case_id}/timeline", response_model=Timeline, summary="Replay: each event, the state after"
)
def read_complaint_timeline(case_id: UUID, reader: TimelineReader) -> Timeline:
    return Timeline.of(case_id, reader.timeline(Complaint, case_id))
