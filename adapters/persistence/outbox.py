"""The mail outbox table: letters recorded once by key, claimed by one process, marked sent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, func, or_, select, text, update

from adapters.persistence.schema import mail_outbox
from adapters.persistence.sql import SqlTables
from application.mail import Letter, MailTrouble, PendingLetter

o = mail_outbox.c
_WAITING = and_(o.sent_at.is_(None), o.handed_over_at.is_(None))
_NEW = ("key", "kind", "recipient", "payload", "recorded_at", "next_attempt_at", "attempts")
_RECORD = text(
    f"INSERT INTO mail_outbox ({', '.join(_NEW)}) VALUES ({', '.join(':' + n for n in _NEW)}) "
    "ON CONFLICT (key) DO NOTHING RETURNING key"
).bindparams(*(bindparam(n, type_=mail_outbox.c[n].type) for n in _NEW))
"""Built once: the dialects' ON CONFLICT constructs are compiled anew on every use."""


class SqlOutbox(SqlTables):
    def record(self, letters: Sequence[Letter], at: datetime) -> int:
        recorded = 0
        with self._write() as session:
            for letter in letters:
                values = {
                    "key": letter.key,
                    "kind": letter.kind,
                    "recipient": letter.recipient,
                    "payload": json.dumps(letter.payload, sort_keys=True),
                    "recorded_at": at,
                    "next_attempt_at": at,
                    "attempts": 0,
                }
                recorded += session.execute(_RECORD, values).first() is not None
        return recorded

    def claim_next(self, now: datetime, lease_seconds: float) -> PendingLetter | None:
        free = or_(o.claimed_until.is_(None), o.claimed_until < now)
        due = and_(_WAITING, free, o.next_attempt_at <= now)
        lease = now + timedelta(seconds=lease_seconds)
        with self._write() as session:
            candidates = session.execute(
                select(o.key).where(due).order_by(o.next_attempt_at, o.key).limit(5)
            ).scalars()
            for key in list(candidates):
                claimed = session.execute(
                    update(mail_outbox)
                    .where(o.key == key, due)
                    .values(claimed_until=lease, attempts=o.attempts + 1)
                    .returning(o.kind, o.recipient, o.payload, o.recorded_at, o.attempts)
                ).first()
                if claimed is not None:
                    row = claimed._mapping
                    payload = json.loads(row["payload"])
                    letter = Letter(key, row["kind"], row["recipient"], payload)
                    return PendingLetter(letter, row["recorded_at"], row["attempts"], lease)
        return None

    def handing_over(self, pending: PendingLetter, at: datetime) -> bool:
        ours = and_(o.key == pending.letter.key, o.claimed_until == pending.claimed_until)
        with self._write() as session:
            taken = session.execute(
                update(mail_outbox).where(ours, _WAITING).values(handed_over_at=at).returning(o.key)
            ).first()
        return taken is not None

    def sent(self, key: str, at: datetime) -> None:
        with self._write() as session:
            session.execute(
                update(mail_outbox).where(o.key == key).values(sent_at=at, last_error=None)
            )

    def failed(self, pending: PendingLetter, error: str, retry_at: datetime) -> None:
        ours = and_(o.key == pending.letter.key, o.claimed_until == pending.claimed_until)
        with self._write() as session:
            session.execute(
                update(mail_outbox)
                .where(ours, o.sent_at.is_(None))
                .values(
                    handed_over_at=None,
                    claimed_until=None,
                    next_attempt_at=retry_at,
                    last_error=error.replace("\x00", "")[:500],
                )
            )

    def in_doubt(self, now: datetime) -> list[PendingLetter]:
        lapsed = and_(o.sent_at.is_(None), o.handed_over_at.is_not(None), o.claimed_until < now)
        with self._read() as session:
            rows = session.execute(select(mail_outbox).where(lapsed).order_by(o.key)).all()
        return [
            PendingLetter(
                Letter(r.key, r.kind, r.recipient, json.loads(r.payload)),
                r.recorded_at,
                r.attempts,
                r.claimed_until,
            )
            for r in rows
        ]

    def release(self, key: str, now: datetime) -> bool:
        lapsed = and_(o.sent_at.is_(None), o.handed_over_at.is_not(None), o.claimed_until < now)
        with self._write() as session:
            released = session.execute(
                update(mail_outbox)
                .where(o.key == key, lapsed)
                .values(handed_over_at=None, claimed_until=None, next_attempt_at=now)
                .returning(o.key)
            ).first()
        return released is not None

    def trouble(self, now: datetime) -> MailTrouble:
        unsent = o.sent_at.is_(None)
        lapsed = and_(o.handed_over_at.is_not(None), o.claimed_until < now)
        with self._read() as session:
            failing = session.execute(
                select(func.count()).where(unsent, _WAITING, o.last_error.is_not(None))
            ).scalar_one()
            in_doubt = session.execute(select(func.count()).where(unsent, lapsed)).scalar_one()
            last = session.execute(
                select(o.last_error)
                .where(unsent, o.last_error.is_not(None))
                .order_by(o.next_attempt_at.desc())
                .limit(1)
            ).scalar_one_or_none()
        return MailTrouble(int(failing), int(in_doubt), last)
