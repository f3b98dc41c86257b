"""The access log as NEN 7513 asks: who saw whose personal data, when, how, and from where.

Every response or page that shows personal data is logged before it is sent: one record per
case it shows (a list names each case on it), with the person whose data that case holds.
The records are committed before the data leaves the service, so a crash can lose a response
but never an access."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.personal_data import PersonalDataVault
from application.ports import (
    AccessAction,
    AccessLog,
    AccessQuery,
    AccessRecord,
    Clock,
    NewAccess,
)


@dataclass(frozen=True)
class Accessor:
    """Who is looking and through what: the user, their role, on whose behalf (when they say),
    the endpoint or console page, and the client's address."""

    user: str
    role: str
    access_point: str
    address: str
    request_id: str = ""
    on_behalf_of: str | None = None

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.user}"


SYSTEM = Accessor(user="system", role="system", access_point="internal", address="-")
"""The service itself (a sweep, a rebuild): its reads are not a person's access."""


@dataclass(frozen=True)
class AccessPage:
    items: list[AccessRecord]
    next_cursor: str | None


class AccessRecorder:
    def __init__(self, log: AccessLog, vault: PersonalDataVault, clock: Clock) -> None:
        self._log = log
        self._vault = vault
        self._clock = clock

    def cases(self, who: Accessor, action: AccessAction, case_ids: Iterable[UUID]) -> None:
        """One record per case shown (once each, in order), with its person; one record
        without a case when nothing was shown, so the looking itself is on record."""
        shown = list(dict.fromkeys(case_ids))
        persons = self._vault.persons_of_cases(shown) if shown else {}
        entries = [self._entry(who, action, case, persons.get(case)) for case in shown]
        self._log.append(entries or [self._entry(who, action, None, None)])

    def person(
        self, who: Accessor, action: AccessAction, person_id: UUID, case_ids: Iterable[UUID]
    ) -> None:
        """A person's data across their cases (an export): one record per case, or one for
        the person alone when they have none."""
        shown = list(dict.fromkeys(case_ids))
        entries = [self._entry(who, action, case, person_id) for case in shown]
        self._log.append(entries or [self._entry(who, action, None, person_id)])

    def looked(self, who: Accessor, action: AccessAction) -> None:
        """An access that concerns no single case or person (a published report)."""
        self._log.append([self._entry(who, action, None, None)])

    def page(self, who: Accessor, where: AccessQuery, cursor: str | None, limit: int) -> AccessPage:
        """The log, filtered; reading it is itself logged (naming the case or person asked
        about, when the auditor filtered on one)."""
        person = where.person_id
        if person is None and where.case_id is not None:
            person = self._vault.persons_of_cases([where.case_id]).get(where.case_id)
        self._log.append([self._entry(who, AccessAction.AUDIT_READ, where.case_id, person)])
        rows = self._log.page(where, int(cursor) if cursor else 0, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        return AccessPage(rows, str(rows[-1].id) if more else None)

    def _entry(
        self, who: Accessor, action: AccessAction, case_id: UUID | None, person_id: UUID | None
    ) -> NewAccess:
        return NewAccess(
            at=self._now(),
            user=who.user,
            role=who.role,
            on_behalf_of=who.on_behalf_of,
            action=action,
            case_id=case_id,
            person_id=person_id,
            access_point=who.access_point,
            address=who.address,
            request_id=who.request_id,
        )

    def _now(self) -> datetime:
        return self._clock.now()
