"""Which flags a case should carry at a moment, and when that can next change without an event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
from domain.deadlines import Deadline
from domain.values import ClockName
from domain.wording import Phrase, phrase, say

POLICY_OF_CLOCK = {
    ClockName.ACKNOWLEDGEMENT: "complaint_acknowledgement_overdue",
    ClockName.MINUTES: "minutes_overdue",
    ClockName.DECISION: "decision_overdue",
    ClockName.UPHELD_RESPONSE: "upheld_unanswered",
    ClockName.AGREEMENT: "agreement_overdue",
    ClockName.SIGNAL_ACKNOWLEDGEMENT: "signal_acknowledgement_overdue",
    ClockName.SIGNAL_OPEN: "signal_stale",
    ClockName.MEASURE: "measure_overdue",
    ClockName.SUBJECT_ACCESS: "subject_access_overdue",
}
WITHOUT_APOLOGY = "upheld_without_apology"
BREACH_AFTER = timedelta(microseconds=1)  # due at the last instant of a day: breached after it

Severity = Literal["warning", "breach"]


@dataclass(frozen=True)
class ExpectedFlag:
    """A flag a policy says the case should carry now, with the clock and reason behind it."""

    policy: str
    clock_key: str
    severity: Severity
    due_at: datetime
    policy_version: str
    explain: Callable[[], Phrase] = field(repr=False, compare=False)

    @property
    def explanation(self) -> str:
        """Composed when a flag is raised or changes, not each time a case is judged."""
        return say(self.explain())


def clock_flags(clocks: list[Deadline], now: datetime) -> dict[str, ExpectedFlag]:
    """A warning once an unmet clock's warn moment has passed, a breach once it is past due."""
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
            explain=clock.explain,
        )
    return flags


def expected_flags(
    complaint: Complaint, clocks: list[Deadline], now: datetime
) -> dict[str, ExpectedFlag]:
    """The clock flags, plus `upheld_without_apology` (keyed so) when measures came alone."""
    flags = clock_flags(clocks, now)
    without_apology = _upheld_without_apology(complaint, clocks)
    if without_apology is not None:
        flags[WITHOUT_APOLOGY] = without_apology
    return flags


def _upheld_without_apology(complaint: Complaint, clocks: list[Deadline]) -> ExpectedFlag | None:
    """Measures after an upheld ruling but no apology since: the criticism was about empathy."""
    ruling = complaint.ruling
    if ruling is None or not ruling.verdict.is_upheld or complaint.status.is_final:
        return None
    ruled = ruling.at
    measures = [m.communicated_at for m in complaint.measures if m.communicated_at >= ruled]
    apologies = [a for a in complaint.apologies if a.at >= ruled]
    upheld = [c for c in clocks if c.clock == ClockName.UPHELD_RESPONSE]
    if not measures or apologies or not upheld:
        return None
    measured, clock = min(measures), upheld[0]
    return ExpectedFlag(
        policy=WITHOUT_APOLOGY,
        clock_key=clock.key,
        severity="warning",
        due_at=clock.due_at,
        policy_version=clock.policy_version,
        explain=lambda: phrase(
            "Measures were communicated on {measured} after an upheld ruling ({verdict}) of "
            "{ruled}, but no apology was given (policy {version}). The committee's criticism "
            "was about empathy, not only deadlines: consider a sincere apology.",
            measured=_local_day(measured),
            verdict=str(ruling.verdict),
            ruled=_local_day(ruled),
            version=clock.policy_version,
        ),
    )


def _local_day(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


def next_change_at(clocks: list[Deadline], now: datetime) -> datetime | None:
    """The earliest moment after `now` at which a running clock starts to warn or is breached.

    A clock is breached only after its due moment, so that moment is `due_at` + 1 second.
    """
    moments = []
    for clock in clocks:
        if clock.state == "running":
            moments += [clock.warn_at, clock.due_at + BREACH_AFTER]
    return min((m for m in moments if m > now), default=None)
