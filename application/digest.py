"""The morning digest: per staff member, the flags open on their cases at a moment, as letters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from application.casework import Casework
from application.errors import CaseNotFound
from application.judging import Judge
from application.mail import DigestItem, Letter, Outbox, digest_letter
from application.ports import JobClaims, StaffDirectory, StaffRecord, UnitOfWork
from application.roles import Role
from domain.calendar import WorkingDayCalendar
from domain.flagging import Flagged

DIGEST_JOB = "digest"


class DigestCases(Protocol):
    def candidates(
        self, mediators: Sequence[str], teams: Sequence[str], at: datetime
    ) -> list[tuple[UUID, str]]:
        """(case id, case type) of every case of these mediators or teams that may have had a
        flag open at `at`: received by then, not destroyed, not ended long before."""
        ...


@dataclass(frozen=True)
class DigestRun:
    day: date
    working_day: bool
    letters: list[Letter]
    recorded: int = 0


def receives_digest(member: StaffRecord) -> bool:
    """Active, the digest on, and a mediator, or a manager with a team."""
    if not (member.active and member.digest):
        return False
    return member.role == Role.MEDIATOR or (member.role == Role.MANAGER and bool(member.team))


class Digests:
    """Composes the digests of a moment from the case log (so any moment can be asked about),
    and records them in the outbox, once per person per day."""

    def __init__(
        self,
        casework: Casework,
        judge: Judge,
        staff: StaffDirectory,
        cases: DigestCases,
        outbox: Outbox,
        claims: JobClaims,
        unit_of_work: UnitOfWork,
    ) -> None:
        self._casework = casework
        self._judge = judge
        self._staff = staff
        self._cases = cases
        self._outbox = outbox
        self._claims = claims
        self._unit_of_work = unit_of_work

    @property
    def calendar(self) -> WorkingDayCalendar:
        return self._judge.calendar

    def compose(self, at: datetime) -> DigestRun:
        """What the scheduled digest sends at `at`: nothing on a day that is not a working day,
        nothing to a member without open flags."""
        day = WorkingDayCalendar.local_day(at)
        if not self.calendar.is_working_day(day):
            return DigestRun(day, False, [])
        members = [m for m in self._staff.all() if receives_digest(m)]
        mediators = sorted({m.email.lower() for m in members if m.role == Role.MEDIATOR})
        teams = sorted({m.team for m in members if m.role == Role.MANAGER and m.team})
        flagged = self._flagged_cases(mediators, teams, at)
        letters = []
        for member in sorted(members, key=lambda m: m.email):
            items = [
                item
                for mediator, team, case_items in flagged
                if (member.role == Role.MEDIATOR and mediator == member.email.lower())
                or (member.role == Role.MANAGER and team == member.team)
                for item in case_items
            ]
            if items:
                letters.append(
                    digest_letter(member.member_id, member.email, member.name, day, items)
                )
        return DigestRun(day, True, letters)

    def record(self, at: datetime, now: datetime, *, claim: bool = True) -> DigestRun:
        """Compose the digests of `at` and record them, with the day's claim when `claim`
        (one transaction: a process that dies before the commit leaves the day unclaimed)."""
        run = self.compose(at)
        if not run.working_day:
            return run
        with self._unit_of_work():
            if claim and not self._claims.claim(DIGEST_JOB, run.day.isoformat(), now):
                return DigestRun(run.day, True, [])
            recorded = self._outbox.record(run.letters, now)
        return DigestRun(run.day, True, run.letters, recorded)

    def _flagged_cases(
        self, mediators: Sequence[str], teams: Sequence[str], at: datetime
    ) -> list[tuple[str | None, str | None, list[DigestItem]]]:
        """Per candidate case as known at `at`: its mediator, its team and its items."""
        found = []
        for case_id, case_type in self._cases.candidates(mediators, teams, at):
            try:
                case = self._casework.load(Flagged, case_id, as_of=at)
            except CaseNotFound:
                continue
            reference = getattr(case, "reference", None)
            expected = self._judge.expected_flags(case, at)
            if not expected or reference is None:
                continue
            items = [
                DigestItem(
                    reference=reference,
                    case_type=case_type,
                    policy=flag.policy,
                    severity=flag.severity,
                    due_at=flag.due_at,
                    explained=flag.explain(),
                )
                for flag in expected.values()
            ]
            mediator = getattr(case, "mediator", None)
            team = getattr(case, "team", None)
            found.append((mediator.lower() if mediator else None, team, items))
        return found
