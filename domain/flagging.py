"""Flags on a case: raised, escalated and cleared by the policies, recorded as events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from eventsourcing.domain import Aggregate, event


class FlagSpec(Protocol):
    """What a policy says a case should be flagged with now (see domain.flags)."""

    @property
    def policy(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def policy_version(self) -> str: ...
    @property
    def explanation(self) -> str: ...


class Flagged(Aggregate):
    """Base of every case that policies can flag; `open_flags` is keyed by flag key."""

    if TYPE_CHECKING:  # set by each case's __init__; an annotation here would become a field
        open_flags: dict[str, dict[str, Any]]

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
                policy = flag["policy"]
                self._clear_flag(
                    at=at, actor=f"policy:{policy}", key=key, policy=policy, timestamp=now
                )
                cleared += 1
        for key, spec in expected.items():
            current = self.open_flags.get(key)
            if current is not None and current["severity"] == spec.severity:
                continue
            self._raise_flag(
                at=at,
                actor=f"policy:{spec.policy}",
                key=key,
                policy=spec.policy,
                severity=spec.severity,
                previous_severity=None if current is None else current["severity"],
                due_at=spec.due_at,
                policy_version=spec.policy_version,
                explanation=spec.explanation,
                timestamp=now,
            )
            raised += 1
        return raised, cleared

    @event("FlagRaised")
    def _raise_flag(
        self,
        at: datetime,
        actor: str,
        key: str,
        policy: str,
        severity: str,
        previous_severity: str | None,
        due_at: datetime,
        policy_version: str,
        explanation: str,
        timestamp: datetime,
    ) -> None:
        self.open_flags[key] = {
            "key": key,
            "policy": policy,
            "severity": severity,
            "due_at": due_at,
            "raised_at": at,
            "policy_version": policy_version,
            "explanation": explanation,
        }

    @event("FlagCleared")
    def _clear_flag(
        self, at: datetime, actor: str, key: str, policy: str, timestamp: datetime
    ) -> None:
        del self.open_flags[key]
