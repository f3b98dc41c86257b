"""When a business moment (`at`) may lie: with an offset, not in the future, not before receipt."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.errors import InvalidMoment

FUTURE_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the service's clock a moment may lie (clocks of callers drift a little)."""


def lies_in_the_future(at: datetime, now: datetime) -> bool:
    return at > now + FUTURE_TOLERANCE


def check_moment(
    at: datetime, now: datetime, not_before: datetime | None = None, field: str = "at"
) -> None:
    """Refuse an effective time without offset, too far in the future, or before `not_before`.

    `field` names the request's own field for the time, so the error can point at it."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidMoment("the time must carry a UTC offset", field)
    if lies_in_the_future(at, now):
        raise InvalidMoment("the time lies more than 5 minutes in the future", field)
    if not_before is not None and at < not_before:
        raise InvalidMoment("the time lies before the case was received", field)
