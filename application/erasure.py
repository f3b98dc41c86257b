"""Erasure by crypto-shredding: delete a person's data key and record that it happened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.use_case import Command, Context
from domain.erasure import Erasure


@dataclass(frozen=True)
class ErasureResult:
    erased: bool
    erasure_id: UUID | None


@dataclass(frozen=True)
class ErasePerson(Command[ErasureResult]):
    """Erase the person behind an e-mail address or a case; a repeat erases nothing new."""

    complainant_email: str | None = None
    case_id: UUID | None = None

    def execute(self, context: Context) -> Sequence[Aggregate]:
        vault = context.casework.vault
        if self.complainant_email is not None:
            person, basis = vault.find_person_by_email(self.complainant_email), "complainant_email"
        else:
            assert self.case_id is not None
            person, basis = vault.person_of_case(self.case_id), "case_id"
        if person is None or not vault.erase(person):
            return []
        return [Erasure.record(person_id=person, basis=basis, actor=context.actor, now=context.now)]

    def answer(self, saved: Sequence[Aggregate], context: Context) -> ErasureResult:
        return ErasureResult(erased=bool(saved), erasure_id=saved[0].id if saved else None)

    def remember(self, answer: ErasureResult) -> dict[str, Any]:
        return {"erasure_id": str(answer.erasure_id) if answer.erasure_id else None}

    def recall(self, memory: dict[str, Any], context: Context) -> ErasureResult:
        erasure = memory["erasure_id"]
        return ErasureResult(
            erased=erasure is not None, erasure_id=UUID(erasure) if erasure else None
        )
