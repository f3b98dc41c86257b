"""The personal-data vault in SQL: a data key per person (AES-GCM), wrapped by the master key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from typing import Any
from uuid import UUID, uuid4

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import delete, insert, select

from adapters.persistence.schema import case_persons, person_emails, person_keys
from adapters.persistence.sql import SqlTables
from application.personal_data import SEALED
from application.ports import Clock
from domain.personal_data import shape_of

KEY_CACHE_SECONDS = 1.0  # an erasure reaches every other process within this long
KEY_CACHE_SIZE = 10_000


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
        self._opened: dict[UUID, tuple[bytes, float]] = {}

    # -- keys -----------------------------------------------------------------------------------

    def _stored_key(self, person: UUID) -> bytes | None:
        with self._read() as session:
            wrapped = session.execute(
                select(person_keys.c.wrapped_key).where(person_keys.c.person_id == str(person))
            ).scalar_one_or_none()
        if wrapped is None:
            return None
        wrapped = bytes(wrapped)
        return self._master.decrypt(wrapped[:12], wrapped[12:], person.bytes)

    def _key_for_sealing(self, person: UUID) -> bytes:
        key = self._stored_key(person)
        if key is None:
            key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
            wrapped = nonce + self._master.encrypt(nonce, key, person.bytes)
            with self._write() as session:
                session.execute(
                    insert(person_keys).values(
                        person_id=str(person), wrapped_key=wrapped, created_at=self._clock.now()
                    )
                )
        return key

    def _key_for_opening(self, person: UUID) -> bytes | None:
        cached = self._opened.get(person)
        if cached is not None and time.monotonic() - cached[1] < KEY_CACHE_SECONDS:
            return cached[0]
        key = self._stored_key(person)
        if key is None:
            self._opened.pop(person, None)
            return None
        if len(self._opened) >= KEY_CACHE_SIZE:  # bounded: forget the whole (short-lived) cache
            self._opened.clear()
        self._opened[person] = (key, time.monotonic())
        return key

    # -- sealing --------------------------------------------------------------------------------

    def seal(self, person_id: UUID, value: Any) -> dict[str, Any]:
        nonce = os.urandom(12)
        plain = json.dumps(value, ensure_ascii=False).encode()
        cipher = AESGCM(self._key_for_sealing(person_id)).encrypt(nonce, plain, person_id.bytes)
        return {
            SEALED: str(person_id),
            "shape": shape_of(value),
            "n": _b64(nonce),
            "c": _b64(cipher),
        }

    def open(self, sealed: dict[str, Any]) -> Any:
        person = UUID(sealed[SEALED])
        key = self._key_for_opening(person)
        if key is None:
            raise KeyError(person)
        nonce, cipher = base64.b64decode(sealed["n"]), base64.b64decode(sealed["c"])
        return json.loads(AESGCM(key).decrypt(nonce, cipher, person.bytes))

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
        with self._write() as session:
            removed = session.execute(
                delete(person_keys).where(person_keys.c.person_id == str(person_id))
            ).rowcount  # type: ignore[attr-defined]
            session.execute(
                delete(person_emails).where(person_emails.c.person_id == str(person_id))
            )
        self._opened.pop(person_id, None)
        return bool(removed)
