"""One row of facts per case for the complaints analysis: no names, no dossier, no free text
except the measures. Computed from the case and its clocks, so it is rebuilt like any view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.deadlines import Clock
from domain.signal import Signal
from domain.values import SignalStatus


def _on_time(clock: Clock | None) -> bool | None:
    """True or False once a clock is judged (met, or breached); None while open or stopped."""
    if clock is None or clock.state in ("running", "stopped"):
        return None
    return clock.state == "met" and not clock.met_late


def _first(clocks: list[Clock], name: str) -> Clock | None:
    return next((c for c in clocks if c.clock == name), None)


def report_row(
    case: Complaint | Signal, clocks: list[Clock], cal: WorkingDayCalendar
) -> dict[str, Any]:
    received: datetime = case.received_at
    row: dict[str, Any] = {
        "case_type": "signal" if isinstance(case, Signal) else "complaint",
        "month": received.astimezone(AMSTERDAM).strftime("%Y-%m"),
        "channel": case.channel,
        "team": case.team,
        "policy_version": clocks[0].policy_version if clocks else None,
    }
    if isinstance(case, Signal):
        ack = _first(clocks, "signal_acknowledgement")
        row.update(
            acknowledged_on_time=_on_time(ack),
            resolved=case.status == SignalStatus.RESOLVED,
            escalated=case.status == SignalStatus.ESCALATED,
        )
        return row
    return row | _complaint_facts(case, clocks, cal)


def _complaint_facts(c: Complaint, clocks: list[Clock], cal: WorkingDayCalendar) -> dict[str, Any]:
    def days(clock: Clock | None) -> int | None:
        if clock is None or clock.met_at is None:
            return None
        return cal.working_days_between(clock.started_at, clock.met_at)

    ack, minutes = _first(clocks, "acknowledgement"), _first(clocks, "minutes")
    answer = _first(clocks, "upheld_response")
    verdict = c.ruling["verdict"] if c.ruling else None
    upheld = verdict in ("upheld", "partly_upheld")
    return {
        "verdict": verdict,
        "upheld": upheld,
        "acknowledgement_days": days(ack),
        "acknowledgement_on_time": _on_time(ack),
        "minutes_days": days(minutes),
        "minutes_on_time": _on_time(minutes),
        "decision_on_time": _on_time(_first(clocks, "decision")),
        "answer_days": days(answer),
        "answer_on_time": _on_time(answer),
        "apology": upheld and any(a["at"] >= c.ruling["at"] for a in c.apologies if c.ruling),
        "measures_given": upheld and bool(c.measures),
        "measures": [m for entry in c.measures for m in entry["measures"]] if upheld else [],
    }
