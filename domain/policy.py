"""Versioned deadline norms: a case's clock is judged by the version in force when it started."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from domain.calendar import AMSTERDAM
from domain.wording import Phrase, phrase


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
    measure_warn_days: int = 5

    def __post_init__(self) -> None:
        """A norm is a whole, positive span (a warning may be 0: no warning before due)."""
        if not 1 <= len(self.version) <= 32:
            raise ValueError("a policy version is named with 1 to 32 characters")
        for norm in fields(self)[2:]:
            value = getattr(self, norm.name)
            least = 0 if "warn" in norm.name or norm.name == "max_extensions" else 1
            if type(value) is not int or not least <= value <= 366:
                raise ValueError(f"{norm.name} must be a whole number from {least} to 366")


@dataclass(frozen=True)
class ClockPolicy:
    """The norms a started clock is judged by, and how they were chosen, in words."""

    policy: Policy
    how: Phrase


class PolicyBook:
    """The dated versions, oldest first; a new version never re-judges clocks started before it."""

    def __init__(self, versions: list[Policy]) -> None:
        if not versions:
            raise ValueError("a policy book needs at least one version")
        self.versions = sorted(versions, key=lambda p: p.effective_from)
        names = [p.version for p in self.versions]
        if len(set(names)) != len(names):
            raise ValueError(f"policy versions must be unique: {names}")

    def named(self, version: str) -> Policy | None:
        return next((p for p in self.versions if p.version == version), None)

    def for_clock(self, recorded: str | None, start: datetime) -> ClockPolicy:
        """The version a clock recorded when it started, so configuration changes made later
        never re-judge it. A clock stored before versions were recorded, or naming a version
        no longer configured, is judged by the version in force at its start."""
        named = self.named(recorded) if recorded is not None else None
        if named is not None:
            return ClockPolicy(named, phrase("recorded when the clock started"))
        in_force = self.in_force_at(start)
        if recorded is None:
            return ClockPolicy(in_force, phrase("in force when the clock started"))
        gone = "in force at the start; the recorded {recorded} is no longer configured"
        return ClockPolicy(in_force, phrase(gone, recorded=recorded))

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
