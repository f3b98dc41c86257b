"""Versioned deadline norms: a case's clock is judged by the version in force when it started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.calendar import AMSTERDAM


@dataclass(frozen=True)
class Policy:
    """One dated version of the norms of DOMAIN.md (working days unless named otherwise)."""

    version: str
    effective_from: date
    acknowledgement_days: int = 5
    acknowledgement_warn_days: int = 3
    minutes_days: int = 5
    minutes_warn_days: int = 3
    decision_weeks: int = 6
    decision_warn_weeks: int = 1
    max_extensions: int = 1
    max_extension_weeks: int = 4
    upheld_response_months: int = 1
    upheld_response_warn_weeks: int = 1
    agreement_warn_days: int = 2
    signal_acknowledgement_days: int = 2
    signal_acknowledgement_warn_days: int = 1
    signal_open_days: int = 10
    signal_open_warn_days: int = 7


class PolicyBook:
    """The dated versions, oldest first; a new version never re-judges clocks started before it."""

    def __init__(self, versions: list[Policy]) -> None:
        if not versions:
            raise ValueError("a policy book needs at least one version")
        self.versions = sorted(versions, key=lambda p: p.effective_from)
        names = [p.version for p in self.versions]
        if len(set(names)) != len(names):
            raise ValueError(f"policy versions must be unique: {names}")

    def in_force_at(self, moment: datetime) -> Policy:
        """The latest version effective on `moment`'s Amsterdam date; the earliest if none is.

        Ask it with the moment a clock started, never with now, so history is not re-judged.
        """
        day = moment.astimezone(AMSTERDAM).date()
        chosen = self.versions[0]
        for policy in self.versions:
            if policy.effective_from <= day:
                chosen = policy
        return chosen


DEFAULT_POLICY_BOOK = PolicyBook([Policy(version="2019-1", effective_from=date(2019, 1, 1))])
