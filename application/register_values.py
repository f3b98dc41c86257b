"""Reading one cell of a register: dates the Dutch or the ISO way, Dutch words, bounded text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import TypeVar

from email_validator import EmailNotValidError, validate_email

from domain.calendar import AMSTERDAM
from domain.values import Channel, Verdict

DUTCH_MOMENT = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
PHONE = re.compile(r"^[0-9+() -]*$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
W = TypeVar("W", bound=StrEnum)


def _word(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


CHANNEL_WORDS: dict[str, Channel] = {
    **{_word(c.value): c for c in Channel if c not in (Channel.SIGNAL,)},
    "brief": Channel.LETTER,
    "post": Channel.LETTER,
    "e-mail": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "telefoon": Channel.PHONE,
    "telefonisch": Channel.PHONE,
    "website": Channel.WEB,
    "webformulier": Channel.WEB,
    "sociale media": Channel.SOCIAL_MEDIA,
    "persoonlijk": Channel.IN_PERSON,
    "in persoon": Channel.IN_PERSON,
    "mondeling": Channel.IN_PERSON,
    "balie": Channel.IN_PERSON,
}
"""Channels in the register's words (Dutch) or the API's; a signal comes in by escalation only."""

VERDICT_WORDS: dict[str, Verdict] = {
    **{_word(v.value): v for v in Verdict},
    "gegrond": Verdict.UPHELD,
    "deels gegrond": Verdict.PARTLY_UPHELD,
    "gedeeltelijk gegrond": Verdict.PARTLY_UPHELD,
    "ongegrond": Verdict.UNFOUNDED,
    "niet-ontvankelijk": Verdict.INADMISSIBLE,
    "niet ontvankelijk": Verdict.INADMISSIBLE,
}


class CellRefused(ValueError):
    """Raised when a cell cannot be read as its column asks; the message says what is expected."""


@dataclass(frozen=True)
class Dated:
    """A moment from the register; `has_time` is False for a bare date (read as 00:00)."""

    at: datetime
    has_time: bool


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_moment(value: object) -> Dated:
    """ISO-8601 or dd-mm-jjjj [uu:mm]; without an offset the time is Amsterdam time."""
    if isinstance(value, datetime):  # an Excel date cell: no offset, time 00:00 for a bare date
        local = value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
        return _plausible(Dated(local, value.time() != time(0)))
    if isinstance(value, date):
        return _plausible(Dated(datetime.combine(value, time(0), AMSTERDAM), False))
    if not isinstance(value, str):
        raise CellRefused("expected a date (dd-mm-jjjj [uu:mm] or ISO-8601), not a number")
    text = value.strip()
    if found := DUTCH_MOMENT.match(text):
        day, month, year, hour, minute, second = found.groups()
        clock = (int(hour or 0), int(minute or 0), int(second or 0))
        try:
            at = datetime(int(year), int(month), int(day), *clock, tzinfo=AMSTERDAM)
        except ValueError as error:
            raise CellRefused(f"not a date: {error}") from None
        return _plausible(Dated(at, hour is not None))
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise CellRefused("not a date; write dd-mm-jjjj, dd-mm-jjjj uu:mm or ISO-8601") from None
    at = at if at.tzinfo else at.replace(tzinfo=AMSTERDAM)
    return _plausible(Dated(at, len(text) > len("2026-03-02")))


def _plausible(dated: Dated) -> Dated:
    if not 1900 <= dated.at.year <= 2999:
        raise CellRefused("a date before 1900 or after 2999 is not a plausible moment for a case")
    return dated


def read_channel(value: object) -> Channel:
    return _one_of(CHANNEL_WORDS, value, "channel")


def read_verdict(value: object) -> Verdict:
    return _one_of(VERDICT_WORDS, value, "verdict")


def _one_of(words: dict[str, W], value: object, what: str) -> W:
    found = words.get(_word(read_text(value)))
    if found is None:
        raise CellRefused(f"unknown {what}; use one of: {', '.join(words)}")
    return found


def read_text(value: object, max_length: int = 200) -> str:
    """Text as the API accepts it: no control characters but tab and newline, bounded."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellRefused("expected text")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an Excel number cell holding a reference such as 12345
    text = str(value).replace("\r\n", "\n").strip()
    if CONTROL.search(text):
        raise CellRefused("contains a control character")
    if len(text) > max_length:
        raise CellRefused(f"longer than {max_length} characters")
    return text


def read_email(value: object) -> str:
    text = read_text(value, 254)
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise CellRefused("not an e-mail address") from None
    return text


def read_phone(value: object) -> str:
    text = read_text(value, 40)
    if not PHONE.match(text):
        raise CellRefused("a phone number holds only digits, spaces, +, ( ) and -")
    return text


def read_measures(value: object) -> tuple[str, ...]:
    """One measure a line, or separated by semicolons."""
    text = read_text(value, 20_000)
    measures = tuple(m.strip() for m in re.split(r"[;\n]", text) if m.strip())
    if any(len(m) > 500 for m in measures):
        raise CellRefused("a measure is at most 500 characters")
    return measures
