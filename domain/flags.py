"""Which flags a case should carry at a moment, and when that can next change without an event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.complaint import Complaint
from domain.deadlines import Clock, day_text
from domain.values import ClockName

POLICY_OF_CLOCK = {
    ClockName.ACKNOWLEDGEMENT: "complaint_acknowledgement_overdue",
    ClockName.MINUTES: "minutes_overdue",
    ClockName.DECISION: "decision_overdue",
    ClockName.UPHELD_RESPONSE: "upheld_unanswered",
    ClockName.AGREEMENT: "agreement_overdue",
    ClockName.SIGNAL_ACKNOWLEDGEMENT: "signal_acknowledgement_overdue",
    ClockName.SIGNAL_OPEN: "signal_stale",
}
WITHOUT_APOLOGY = "upheld_without_apology"
BREACH_AFTER = timedelta(seconds=1)  # due at 23:59:59 local: breached from the next second


@dataclass(frozen=True)
class ExpectedFlag:
    policy: str
    clock_key: str
    severity: str
    due_at: datetime
    policy_version: str
    explanation: str


def clock_flags(clocks: list[Clock], now: datetime) -> dict[str, ExpectedFlag]:
    """A warning once a running clock's warn moment has passed, a breach once it is due."""
    flags = {}
    for clock in clocks:
        if clock.state not in ("running", "breached") or now < clock.warn_at:
            continue
        policy = POLICY_OF_CLOCK[clock.clock]
        flags[f"{policy}:{clock.key}"] = ExpectedFlag(
            policy=policy,
            clock_key=clock.key,
            severity="breach" if now > clock.due_at else "warning",
            due_at=clock.due_at,
            policy_version=clock.policy_version,
            explanation=clock.explanation,
        )
    return flags


def expected_flags(
    complaint: Complaint, clocks: list[Clock], now: datetime
) -> dict[str, ExpectedFlag]:
    flags = clock_flags(clocks, now)
    ruling = complaint.ruling
    upheld = [c for c in clocks if c.clock == ClockName.UPHELD_RESPONSE]
    if (
        ruling is not None
        and upheld
        and complaint.measures
        and not complaint.apologies
        and not complaint.status.is_final
    ):
        measured = complaint.measures[0]["at"]
        flags[WITHOUT_APOLOGY] = ExpectedFlag(
            policy=WITHOUT_APOLOGY,
            clock_key=upheld[0].key,
            severity="warning",
            due_at=upheld[0].due_at,
            policy_version=upheld[0].policy_version,
            explanation=(
                f"An upheld ruling deserves an apology (policy {upheld[0].policy_version}). "
                f"Measures were communicated on {day_text(measured.date())} after the ruling "
                f"'{ruling['verdict']}' of {day_text(ruling['at'].date())}, but no apology was "
                "given. The committee's criticism was about empathy, not only deadlines: "
                "consider a sincere apology."
            ),
        )
    return flags


def next_change_at(clocks: list[Clock], now: datetime) -> datetime | None:
    """The earliest moment after `now` at which a running clock warns or breaches."""
    moments = []
    for clock in clocks:
        if clock.state != "running":
            continue
        if clock.warn_at > now:
            moments.append(clock.warn_at)
        moments.append(clock.due_at + BREACH_AFTER)
    return min((m for m in moments if m > now), default=None)
