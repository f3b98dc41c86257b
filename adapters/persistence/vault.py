"""The personal-data vault in SQL: a data key per case (AES-GCM), wrapped by the master key.

Cases sealed before keys were kept per case used a key per person (`person_keys`); those still
open, and erasing the person deletes both kinds."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import Table, bindparam, delete, insert, select

from adapters.persistence.schema import case_keys, case_persons, person_emails, person_keys
from adapters.persistence.sql import SqlTables
from application.personal_data import SEALED
from application.ports import Clock
from domain.personal_data import shape_of

KEY_CACHE_SECONDS = 1.0  # an erasure reaches every other process within this long
KEY_CACHE_SIZE = 10_000
PERSONS_OF_CASES = select(case_persons.c.case_id, case_persons.c.person_id).where(
    case_persons.c.case_id.in_(bindparam("cases", expanding=True))
)
"""Built once: a list's page looks up the persons of its cases on every read."""
SCOPES: dict[str, tuple[Table, str]] = {
    "case": (case_keys, "case_id"),
    "person": (person_keys, "person_id"),
}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class SqlVault(SqlTables):
    def __init__(self, datastore: SQLAlchemyDatastore, master_key: bytes, clock: Clock) -> None:
        super().__init__(datastore)
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes (base64 of 32 random bytes)")
        self._master = AESGCM(master_key)
        self._hmac_key = hashlib.sha256(b"gehoord:email-index:" + master_key).digest()
        self._clock = clock
        self._opened: dict[tuple[str, UUID], tuple[bytes, float]] = {}

    # -- keys -----------------------------------------------------------------------------------

    def _stored_key(self, scope: str, owner: UUID) -> bytes | None:
        table, column = SCOPES[scope]
        with self._read() as session:
            wrapped = session.execute(
                select(table.c.wrapped_key).where(table.c[column] == str(owner))
            ).scalar_one_or_none()
        if wrapped is None:
            return None
        wrapped = bytes(wrapped)
        return self._master.decrypt(wrapped[:12], wrapped[12:], owner.bytes)

    def _key_for_sealing(self, case_id: UUID) -> bytes:
        key = self._cached("case", case_id) or self._stored_key("case", case_id)
        if key is None:
            key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
            wrapped = nonce + self._master.encrypt(nonce, key, case_id.bytes)
            with self._write() as session:
                session.execute(
                    insert(case_keys).values(
                        case_id=str(case_id), wrapped_key=wrapped, created_at=self._clock.now()
                    )
                )
        self._opened[("case", case_id)] = (key, time.monotonic())
        return key

    def _cached(self, scope: str, owner: UUID) -> bytes | None:
        cached = self._opened.get((scope, owner))
        if cached is not None and time.monotonic() - cached[1] < KEY_CACHE_SECONDS:
            return cached[0]
        return None

    def _key_for_opening(self, scope: str, owner: UUID) -> bytes | None:
        cached = self._cached(scope, owner)
        if cached is not None:
            return cached
        key = self._stored_key(scope, owner)
        if key is None:
            self._opened.pop((scope, owner), None)
            return None
        if len(self._opened) >= KEY_CACHE_SIZE:  # bounded: forget the whole (short-lived) cache
            self._opened.clear()
        self._opened[(scope, owner)] = (key, time.monotonic())
        return key

    # -- sealing --------------------------------------------------------------------------------

    def seal(self, case_id: UUID, value: Any) -> dict[str, Any]:
        nonce = os.urandom(12)
        plain = json.dumps(value, ensure_ascii=False).encode()
        cipher = AESGCM(self._key_for_sealing(case_id)).encrypt(nonce, plain, case_id.bytes)
        return {
            SEALED: str(case_id),
            "scope": "case",
            "shape": shape_of(value),
            "n": _b64(nonce),
            "c": _b64(cipher),
        }

    def open(self, sealed: dict[str, Any]) -> Any:
        owner, scope = UUID(sealed[SEALED]), sealed.get("scope", "person")
        key = self._key_for_opening(scope, owner)
        if key is None:
            raise KeyError(owner)
        nonce, cipher = base64.b64decode(sealed["n"]), base64.b64decode(sealed["c"])
        return json.loads(AESGCM(key).decrypt(nonce, cipher, owner.bytes))

    def readable(self, case_id: UUID) -> bool:
        if self._key_for_opening("case", case_id) is not None:
            return True
        person = self.person_of_case(case_id)
        return person is not None and self._key_for_opening("person", person) is not None

    # -- people ---------------------------------------------------------------------------------

    def link_case(self, case_id: UUID, person_id: UUID) -> None:
        if self.person_of_case(case_id) == person_id:
            return
        with self._write() as session:
            session.execute(
                insert(case_persons).values(case_id=str(case_id), person_id=str(person_id))
            )

    def person_of_case(self, case_id: UUID) -> UUID | None:
        with self._read() as session:
            found = session.execute(
                select(case_persons.c.person_id).where(case_persons.c.case_id == str(case_id))
            ).scalar_one_or_none()
        return None if found is None else UUID(found)

    def persons_of_cases(self, case_ids: Sequence[UUID]) -> dict[UUID, UUID]:
        wanted = [str(case) for case in case_ids]
        with self._read() as session:
            found = session.execute(PERSONS_OF_CASES, {"cases": wanted}).all()
        return {UUID(case): UUID(person) for case, person in found}

    def cases_of_person(self, person_id: UUID) -> list[UUID]:
        with self._read() as session:
            found = session.execute(
                select(case_persons.c.case_id).where(case_persons.c.person_id == str(person_id))
            ).scalars()
            return [UUID(case) for case in found]

    def _email_hmac(self, email: str) -> str:
        return hmac.new(self._hmac_key, email.strip().lower().encode(), "sha256").hexdigest()

    def find_person_by_email(self, email: str) -> UUID | None:
        with self._read() as session:
            found = session.execute(
                select(person_emails.c.person_id).where(
                    person_emails.c.email_hmac == self._email_hmac(email)
                )
            ).scalar_one_or_none()
        return None if found is None else UUID(found)

    def person_for_email(self, email: str) -> UUID:
        """The same pseudonymous person for every case of one e-mail address."""
        found = self.find_person_by_email(email)
        if found is not None:
            return found
        person = uuid4()
        with self._write() as session:
            session.execute(
                insert(person_emails).values(
                    email_hmac=self._email_hmac(email), person_id=str(person)
                )
            )
        return person

    def erase(self, person_id: UUID) -> bool:
        cases = [str(case) for case in self.cases_of_person(person_id)]
        with self._write() as session:
            removed = session.execute(
                delete(person_keys).where(person_keys.c.person_id == str(person_id))
            ).rowcount  # type: ignore[attr-defined]
            removed += session.execute(
                delete(case_keys).where(case_keys.c.case_id.in_(cases))
            ).rowcount  # type: ignore[attr-defined]
            session.execute(
                delete(person_emails).where(person_emails.c.person_id == str(person_id))
            )
        self._opened.clear()
        return bool(removed)

    def shred(self, case_id: UUID) -> bool:
        with self._write() as session:
            removed = session.execute(
                delete(case_keys).where(case_keys.c.case_id == str(case_id))
            ).rowcount  # type: ignore[attr-defined]
        self._opened.pop(("case", case_id), None)
        return bool(removed)
