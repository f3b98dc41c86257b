"""Flags on a case: raised, escalated and cleared by the policies, recorded as events."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from eventsourcing.domain import Aggregate

from domain.case_event import CaseEvent
from domain.records import OpenFlag
from domain.wording import Phrase, say, to_data


class FlagSpec(Protocol):
    """What a policy says a case should be flagged with now (see domain.flag_rules)."""

    @property
    def policy(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def policy_version(self) -> str: ...
    @property
    def explain(self) -> Callable[[], Phrase]: ...


def without_free_text(explanation: str) -> str:
    """An explanation written before version 2, without the agreement's description and the
    extension's reason that it quoted."""
    explanation = re.sub(
        r"(Agreement \d+) \(.*?\) is due on the date agreed",
        r"\1 is due on "
        r"the date agreed",
        explanation,
    )
    return re.sub(r"(extended \d+ weeks[^:;]*): [^;]*", r"\1", explanation)


class Flagged(Aggregate):
    """Base of every case that policies can flag; `open_flags` is keyed by flag key."""

    if TYPE_CHECKING:  # set by each case's first event; an annotation here would become a field
        open_flags: dict[str, OpenFlag]

    class FlagRaised(CaseEvent):
        """A policy raised a flag, or changed its severity (`previous_severity` then says from).

        Version 2 explanations hold no free text of the case (it is personal data, sealed in
        the events that recorded it); version 1 explanations lose it when read. Version 3 also
        records the explanation as phrase data (`explained`), so it can be read in Dutch."""

        class_version = 3
        key: str
        policy: str
        severity: str
        previous_severity: str | None
        due_at: datetime
        policy_version: str
        explanation: str
        explained: dict[str, Any] | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["explanation"] = without_free_text(state["explanation"])

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["explained"] = None  # read in the English it was written in

        def apply(self, case: Flagged) -> None:
            case.open_flags[self.key] = OpenFlag(
                key=self.key,
                policy=self.policy,
                severity=self.severity,
                due_at=self.due_at,
                raised_at=self.at,
                policy_version=self.policy_version,
                explanation=self.explanation,
                explained=self.explained,
            )

    class FlagCleared(CaseEvent):
        key: str
        policy: str

        def apply(self, case: Flagged) -> None:
            del case.open_flags[self.key]

    def reconcile_flags(
        self, expected: Mapping[str, FlagSpec], at: datetime, now: datetime
    ) -> tuple[int, int]:
        """Raise, escalate and clear flags so the open ones are exactly `expected` at `at`.

        `now` is the recording moment. Returns how many flags were raised (or changed severity)
        and how many were cleared.
        """
        raised = cleared = 0
        for key, flag in list(self.open_flags.items()):
            if key not in expected:
                self.trigger_event(
                    self.FlagCleared,
                    at=at,
                    actor=f"policy:{flag.policy}",
                    key=key,
                    policy=flag.policy,
                    timestamp=now,
                )
                cleared += 1
        for key, spec in expected.items():
            current = self.open_flags.get(key)
            if current is not None and current.severity == spec.severity:
                continue
            words = spec.explain()
            self.trigger_event(
                self.FlagRaised,
                at=at,
                actor=f"policy:{spec.policy}",
                key=key,
                policy=spec.policy,
                severity=spec.severity,
                previous_severity=None if current is None else current.severity,
                due_at=spec.due_at,
                policy_version=spec.policy_version,
                explanation=say(words),
                explained=to_data(words),
                timestamp=now,
            )
            raised += 1
        return raised, cleared
