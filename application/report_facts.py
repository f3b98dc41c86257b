"""Each case's facts for the analysis, computed from the case and its deadlines like any view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.judging import Judge
from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.signal import Signal
from domain.values import SignalStatus


def _on_time(deadline: Deadline | None) -> bool | None:
    """True or False once a clock is judged (met, or breached); None while open or stopped."""
    if deadline is None or deadline.state in ("running", "stopped"):
        return None
    return deadline.state == "met" and not deadline.met_late


def _first(deadlines: list[Deadline], name: str) -> Deadline | None:
    return next((d for d in deadlines if d.clock == name), None)


def report_facts(
    case: Complaint | Signal, deadlines: list[Deadline], judge: Judge
) -> dict[str, Any]:
    received: datetime = case.received_at
    row: dict[str, Any] = {
        "case_type": "signal" if isinstance(case, Signal) else "complaint",
        "month": received.astimezone(AMSTERDAM).strftime("%Y-%m"),
        "channel": case.channel,
        "team": case.team,
        "policy_version": deadlines[0].policy_version if deadlines else None,
    }
    if isinstance(case, Signal):
        ack = _first(deadlines, "signal_acknowledgement")
        row.update(
            acknowledged_on_time=_on_time(ack),
            resolved=case.status == SignalStatus.RESOLVED,
            escalated=case.status == SignalStatus.ESCALATED,
        )
        return row
    return row | _complaint_facts(case, deadlines, judge)


def _complaint_facts(c: Complaint, deadlines: list[Deadline], judge: Judge) -> dict[str, Any]:
    def days(deadline: Deadline | None) -> int | None:
        if deadline is None or deadline.met_at is None:
            return None
        return judge.calendar.working_days_between(deadline.started_at, deadline.met_at)

    ack, minutes = _first(deadlines, "acknowledgement"), _first(deadlines, "minutes")
    answer = _first(deadlines, "upheld_response")
    ruling = c.ruling
    upheld = ruling is not None and ruling.verdict.is_upheld
    answered_after = ruling.at if ruling is not None else None
    return {
        "verdict": str(ruling.verdict) if ruling else None,
        "upheld": upheld,
        "acknowledgement_days": days(ack),
        "acknowledgement_on_time": _on_time(ack),
        "minutes_days": days(minutes),
        "minutes_on_time": _on_time(minutes),
        "minutes_norm_days": judge.minutes_policy(c).minutes_days,
        "decision_on_time": _on_time(_first(deadlines, "decision")),
        "answer_days": days(answer),
        "answer_on_time": _on_time(answer),
        "apology": upheld and any(a.at >= answered_after for a in c.apologies if answered_after),
        "measures_given": upheld and bool(c.measures),
        "themes": list(c.themes),
        "measures": [
            {
                "due": m.due.isoformat() if m.due else None,
                "done_at": m.done_at.isoformat() if m.done_at else None,
            }
            for m in c.measures
        ],
        "summaries": [m.publishable_summary for m in c.measures if m.publishable_summary],
    }
