"""Turns the use cases' answers (cases with deadlines, list rows) into the response schemas."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from api.schemas.case_list import CasePage as CasePagePublic
from api.schemas.case_list import CaseSummary
from api.schemas.complaints import ComplaintPublic
from api.schemas.deadlines import ClockPublic, FlagPublic
from api.schemas.signals import SignalPublic
from application.cases_projection import flag_id
from application.ports import CaseRow
from application.reads import CasePage
from application.use_case import CaseView
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.flagging import Flagged
from domain.records import OpenFlag
from domain.signal import Signal


def _dated(records: list[Any]) -> list[dict[str, Any]]:
    """Minutes, apologies, measures, extensions: when, and what else was recorded."""
    dated = [asdict(record) for record in records]
    return [{"at": d.pop("at"), "details": d} for d in dated]


def deadlines_public(deadlines: list[Deadline]) -> list[ClockPublic]:
    return [ClockPublic.model_validate(d, from_attributes=True) for d in deadlines]


def flags_public(case: Flagged) -> list[FlagPublic]:
    return [flag_public(case, flag) for _, flag in sorted(case.open_flags.items())]


def flag_public(case: Flagged, flag: OpenFlag) -> FlagPublic:
    return FlagPublic.model_validate({"flag_id": flag_id(case.id, flag.key), **asdict(flag)})


def complaint_public(view: CaseView) -> ComplaintPublic:
    complaint = view.case
    assert isinstance(complaint, Complaint)
    conversations = [
        asdict(talk)
        | {"agreements": [asdict(a) for a in complaint.agreements if a.conversation == number]}
        for number, talk in enumerate(complaint.conversations, start=1)
    ]
    return ComplaintPublic.model_validate(
        {
            "id": complaint.id,
            "reference": complaint.reference,
            "status": str(complaint.status),
            "suspended": complaint.is_suspended,
            "version": complaint.version,
            "received_at": complaint.received_at,
            "channel": complaint.channel,
            "complainant": asdict(complaint.complainant),
            "dossier_ref": complaint.dossier_ref,
            "subject": complaint.subject,
            "description": complaint.description,
            "team": complaint.team,
            "external_ref": complaint.external_ref,
            "signal_id": complaint.signal_id,
            "mediator": complaint.mediator,
            "acknowledged_at": complaint.acknowledged_at,
            "conversations": conversations,
            "minutes": _dated(complaint.minutes),
            "referred_at": complaint.referred_at,
            "ruling": asdict(complaint.ruling) if complaint.ruling else None,
            "apologies": _dated(complaint.apologies),
            "measures": [
                asdict(m) | {"summary_approved": m.summary_approved_by is not None}
                for m in complaint.measures
            ],
            "themes": list(complaint.themes),
            "extensions": _dated(complaint.extensions),
            "deadlines": deadlines_public(view.deadlines),
            "open_flags": flags_public(complaint),
        }
    )


def signal_public(view: CaseView) -> SignalPublic:
    signal = view.case
    assert isinstance(signal, Signal)
    return SignalPublic.model_validate(
        {
            "id": signal.id,
            "reference": signal.reference,
            "status": str(signal.status),
            "version": signal.version,
            "received_at": signal.received_at,
            "channel": signal.channel,
            "dossier_ref": signal.dossier_ref,
            "summary": signal.summary,
            "complainant": asdict(signal.complainant) if signal.complainant else None,
            "team": signal.team,
            "acknowledged_at": signal.acknowledged_at,
            "conversations": [asdict(c) for c in signal.conversations],
            "resolution": asdict(signal.resolution) if signal.resolution else None,
            "complaint_id": signal.complaint_id,
            "escalated_at": signal.escalated_at,
            "deadlines": deadlines_public(view.deadlines),
            "open_flags": flags_public(signal),
        }
    )


def summary(row: CaseRow) -> CaseSummary:
    return CaseSummary.model_validate(
        {k: v for k, v in asdict(row).items() if k in CaseSummary.model_fields}
    )


def case_page(page: CasePage) -> CasePagePublic:
    return CasePagePublic(items=[summary(r) for r in page.rows], next_cursor=page.next_cursor)
