"""STEM questionnaire responses per dossier, and the rule that turns a low answer into a signal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.complaint import check_moment

QUESTIONS = ("collaboration", "heard", "agreements_clear")


@dataclass(frozen=True)
class StemRule:
    threshold: int = 2
    drop: int = 2


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

    @staticmethod
    def create_id(dossier_ref: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"gehoord:stem:{dossier_ref}")

    @event("Opened")
    def __init__(
        self, dossier_ref: str, person_id: str, at: datetime, actor: str, timestamp: datetime
    ) -> None:
        self.dossier_ref = dossier_ref
        self.person_id = person_id
        self.responses: list[dict[str, object]] = []

    @property
    def last_scores(self) -> dict[str, int] | None:
        if not self.responses:
            return None
        scores: dict[str, int] = self.responses[-1]["scores"]  # type: ignore[assignment]
        return scores

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
        check_moment(answered_at, now)
        self._record(
            at=answered_at,
            actor=actor,
            scores=dict(scores),
            comment=comment,
            signal_id=str(signal_id) if signal_id else None,
            timestamp=now,
        )

    @event("ResponseRecorded")
    def _record(
        self,
        at: datetime,
        actor: str,
        scores: dict[str, int],
        comment: str | None,
        signal_id: str | None,
        timestamp: datetime,
    ) -> None:
        self.responses.append(
            {"at": at, "scores": scores, "comment": comment, "signal_id": signal_id}
        )
