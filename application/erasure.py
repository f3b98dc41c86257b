"""Erasure by crypto-shredding: delete a person's data key and record that it happened."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.casework import Casework
from application.personal_data import PersonalDataVault
from domain.erasure import Erasure


@dataclass(frozen=True)
class ErasureResult:
    erased: bool
    erasure_id: UUID | None


class Erasures:
    def __init__(self, casework: Casework, vault: PersonalDataVault) -> None:
        self._casework = casework
        self._vault = vault

    def erase(self, *, email: str | None, case_id: UUID | None, actor: str) -> ErasureResult:
        """Erase the person behind an e-mail address or a case; a repeat erases nothing new."""
        if email is not None:
            person, basis = self._vault.find_person_by_email(email), "complainant_email"
        else:
            assert case_id is not None
            person, basis = self._vault.person_of_case(case_id), "case_id"
        if person is None or not self._vault.erase(person):
            return ErasureResult(erased=False, erasure_id=None)
        now = self._casework.clock.now()
        record = Erasure(person_id=str(person), basis=basis, at=now, actor=actor, timestamp=now)
        self._casework.save(record)
        return ErasureResult(erased=True, erasure_id=record.id)
