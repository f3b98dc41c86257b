"""The auditor's use cases: the global log in order, the hash chain's check, who read what.
Reading the global log shows every case's personal data decrypted, so each page is in the
access log, naming every case on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent

from application.access import Accessor, AccessRecorder
from application.hash_chain import Verification, verify
from application.ports import AccessAction, EventLog
from application.reads import ENVELOPE


@dataclass(frozen=True)
class LoggedEvent:
    position: int
    case_id: UUID
    version: int
    type: str
    at: datetime | None
    recorded_at: datetime | None
    actor: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class EventPage:
    items: list[LoggedEvent]
    next_after: int | None


class AuditTrail:
    def __init__(self, log: EventLog, mapper: Mapper[UUID], access: AccessRecorder) -> None:
        self._log = log
        self._mapper = mapper
        self._access = access

    def events(self, after: int, limit: int, who: Accessor) -> EventPage:
        """The global log after `after`, decoded the way every read decodes it."""
        stored = self._log.stored(after, limit)
        self._access.cases(who, AccessAction.AUDIT_READ, [record.case_id for record in stored])
        items = [self._logged(record.position, record) for record in stored]
        return EventPage(items, stored[-1].position if len(stored) == limit else None)

    def _logged(self, position: int, record: Any) -> LoggedEvent:
        try:
            event: Any = self._mapper.to_domain_event(
                StoredEvent(record.case_id, record.version, record.topic, record.state)
            )
        except Exception as error:  # a poison event: shown as such, the log stays readable
            return LoggedEvent(
                position=position,
                case_id=record.case_id,
                version=record.version,
                type=str(record.topic).rsplit(".", 1)[-1],
                at=None,
                recorded_at=None,
                actor=None,
                data={"undecodable": type(error).__name__},
            )
        fields = vars(event)
        return LoggedEvent(
            position=position,
            case_id=record.case_id,
            version=record.version,
            type=type(event).__name__,
            at=fields.get("at"),
            recorded_at=event.timestamp,
            actor=fields.get("actor"),
            data={k: v for k, v in fields.items() if k not in ENVELOPE},
        )

    def verify(self) -> Verification:
        """Recompute the hash chain over the stored log; name the first position that disagrees."""
        set_aside, late = self._log.gaps()
        return verify(self._log.chain(), self._log.records(), set_aside, late)
