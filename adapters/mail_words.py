"""The Dutch words a mail uses: policies, severities, days and the digest's subject line."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from domain.calendar import AMSTERDAM

POLICY_WORDS = {
    "complaint_acknowledgement_overdue": "ontvangstbevestiging klacht",
    "minutes_overdue": "verslag van het gesprek",
    "decision_overdue": "beslissing op de klacht",
    "upheld_unanswered": "reactie op gegrond oordeel",
    "upheld_without_apology": "gegrond oordeel zonder excuses",
    "agreement_overdue": "afspraak uit een gesprek",
    "signal_acknowledgement_overdue": "ontvangstbevestiging signaal",
    "signal_stale": "signaal zonder gesprek",
    "measure_overdue": "maatregel na gegrond oordeel",
    "subject_access_overdue": "inzageverzoek",
}
SEVERITY_WORDS = {"breach": "overschreden", "warning": "waarschuwing"}
CASE_PAGES = {"complaint": "klachten", "signal": "signalen"}


def policy_words(policy: str) -> str:
    return POLICY_WORDS.get(policy, policy.replace("_", " "))


def short_day(day: date) -> str:
    """`di 14 apr`: the digest's day as its subject names it."""
    return format_date(day, "EEE d MMM", locale="nl").replace(".", "")


def dutch_day(day: date) -> str:
    """`di 14 apr 2026`."""
    return format_date(day, "EEE d MMM y", locale="nl").replace(".", "")


def due_day(moment: datetime) -> str:
    """`di 14 apr 2026`: the Dutch day a norm ends on (its due moment is that day's end)."""
    return dutch_day(moment.astimezone(AMSTERDAM).date())


def digest_subject(day: date, breaches: int, warnings: int) -> str:
    """`Werkvoorraad di 14 apr: 2 overschreden, 3 waarschuwingen`."""
    warned = f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"
    return f"Werkvoorraad {short_day(day)}: {breaches} overschreden, {warned}"
