"""Turns aggregates and read-model rows into the response schemas, with ETag headers."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi.responses import JSONResponse

from api.schemas.complaints import CaseSummary, ComplaintPublic
from api.schemas.signals import SignalPublic
from application.cases_projection import CaseRow, flag_id
from domain.complaint import Complaint
from domain.deadlines import Clock
from domain.flagging import Flagged
from domain.signal import Signal


def _dated(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"at": e["at"], "details": {k: v for k, v in e.items() if k != "at"}} for e in entries]


def complaint_public(complaint: Complaint, clocks: list[Clock]) -> ComplaintPublic:
    person = complaint.complainant
    return ComplaintPublic.model_validate(
        {
            "id": complaint.id,
            "reference": complaint.reference,
            "status": str(complaint.status),
            "suspended": complaint.is_suspended,
            "version": complaint.version,
            "received_at": complaint.received_at,
            "channel": complaint.channel,
            "complainant": {
                "name": person["name"],
                "email": person.get("email"),
                "phone": person.get("phone"),
            },
            "dossier_ref": complaint.dossier_ref,
            "subject": complaint.subject,
            "description": complaint.description,
            "team": complaint.team,
            "external_ref": complaint.external_ref,
            "signal_id": complaint.signal_id,
            "mediator": complaint.mediator,
            "acknowledged_at": complaint.acknowledged_at,
            "conversations": complaint.conversations,
            "minutes": _dated(complaint.minutes),
            "referred_at": complaint.referred_at,
            "ruling": complaint.ruling,
            "apologies": _dated(complaint.apologies),
            "measures": _dated(complaint.measures),
            "extensions": _dated(complaint.extensions),
            "deadlines": [asdict(c) for c in clocks],
            "open_flags": flags_public(complaint),
        }
    )


def flags_public(case: Flagged) -> list[dict[str, Any]]:
    return [
        {"flag_id": flag_id(case.id, key), **flag} for key, flag in sorted(case.open_flags.items())
    ]


def signal_public(signal: Signal, clocks: list[Clock]) -> SignalPublic:
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
            "complainant": signal.complainant,
            "team": signal.team,
            "acknowledged_at": signal.acknowledged_at,
            "conversations": signal.conversations,
            "resolution": signal.resolution,
            "complaint_id": signal.complaint_id,
            "escalated_at": signal.escalated_at,
            "deadlines": [asdict(c) for c in clocks],
            "open_flags": flags_public(signal),
        }
    )


def case_response(
    case: Complaint | Signal, clocks: list[Clock], status: int = 200, **headers: str
) -> JSONResponse:
    public = (
        signal_public(case, clocks) if isinstance(case, Signal) else complaint_public(case, clocks)
    )
    body = public.model_dump(mode="json")
    return JSONResponse(body, status_code=status, headers={"ETag": f'"{case.version}"', **headers})


def summary(row: CaseRow) -> CaseSummary:
    return CaseSummary(**{k: v for k, v in asdict(row).items() if k in CaseSummary.model_fields})
