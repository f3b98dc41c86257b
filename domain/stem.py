"""STEM questionnaire responses per dossier, and the rule that turns a low answer into a signal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent
from domain.moments import check_moment

QUESTIONS = ("collaboration", "heard", "agreements_clear")


@dataclass(frozen=True)
class StemRule:
    threshold: int = 2
    drop: int = 2


@dataclass(frozen=True)
class StemAnswer:
    at: datetime
    scores: dict[str, int]
    comment: str | None
    signal_id: str | None


def stem_trigger(
    scores: dict[str, int], previous: dict[str, int] | None, rule: StemRule
) -> str | None:
    """Why these scores should open a signal, or None: a low score, or a drop since last time."""
    for question in QUESTIONS:
        if scores[question] <= rule.threshold:
            return (
                f"STEM: '{question}' scored {scores[question]} "
                f"(at or below the threshold of {rule.threshold})"
            )
    for question in QUESTIONS if previous else ():
        assert previous is not None
        fall = previous[question] - scores[question]
        if fall >= rule.drop:
            return (
                f"STEM: '{question}' dropped from {previous[question]} to {scores[question]} "
                f"(a drop of {fall}, the limit is {rule.drop})"
            )
    return None


class StemDossier(Aggregate):
    """All STEM responses of one dossier, in the order they were answered."""

    if TYPE_CHECKING:
        dossier_ref: str
        person_id: str
        responses: list[StemAnswer]

    @staticmethod
    def create_id(dossier_ref: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"gehoord:stem:{dossier_ref}")

    class Opened(Aggregate.Created):
        dossier_ref: str
        person_id: str
        at: datetime
        actor: str

        def apply(self, dossier: StemDossier) -> None:
            dossier.dossier_ref, dossier.person_id = self.dossier_ref, self.person_id
            dossier.responses = []

    @classmethod
    def open(
        cls, *, dossier_ref: str, person_id: UUID, at: datetime, actor: str, now: datetime
    ) -> StemDossier:
        return cls._create(
            cls.Opened,
            dossier_ref=dossier_ref,
            person_id=str(person_id),
            at=at,
            actor=actor,
            timestamp=now,
        )

    @property
    def last_scores(self) -> dict[str, int] | None:
        return self.responses[-1].scores if self.responses else None

    def record(
        self,
        *,
        answered_at: datetime,
        scores: dict[str, int],
        comment: str | None,
        signal_id: UUID | None,
        actor: str,
        now: datetime,
    ) -> None:
        check_moment(answered_at, now, field="answered_at")
        self.trigger_event(
            self.ResponseRecorded,
            at=answered_at,
            actor=actor,
            scores=dict(scores),
            comment=comment,
            signal_id=str(signal_id) if signal_id else None,
            timestamp=now,
        )

    class ResponseRecorded(CaseEvent):
        scores: dict[str, int]
        comment: str | None
        signal_id: str | None

        def apply(self, dossier: StemDossier) -> None:
            answer = StemAnswer(self.at, self.scores, self.comment, self.signal_id)
            dossier.responses.append(answer)
