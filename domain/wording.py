"""Explanations as words with blanks: an English template and what fills each blank, so the API
can say them in English and the console and the morning mail in Dutch, from the same record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from domain.calendar import AMSTERDAM, Skipped

PLAIN_WEEKEND = ("Saturday", "Sunday")


@dataclass(frozen=True)
class Phrase:
    """An English template with `{name}` blanks and what fills each one."""

    template: str
    values: tuple[tuple[str, Filling], ...] = ()


@dataclass(frozen=True)
class Steps:
    """Phrases said one after another ("; "), the first letter a capital."""

    items: tuple[Phrase, ...]


@dataclass(frozen=True)
class SkippedDays:
    """The days a count skipped, each with why; plain weekends go unnamed."""

    days: Skipped


Filling = int | str | date | datetime | Phrase | Steps | SkippedDays


def phrase(template: str, **values: Filling) -> Phrase:
    return Phrase(template, tuple(values.items()))


class Language(Protocol):
    """How one language says templates, codes, days and moments."""

    def template(self, english: str) -> str: ...

    def word(self, code: str) -> str: ...

    def day(self, day: date) -> str: ...

    def moment(self, moment: datetime) -> str: ...

    def skipped_day(self, day: date, reason: str) -> str: ...


class English:
    """The words the domain was written in: "Sat 25 Apr 2026", "Mon 27 Apr 2026 09:30"."""

    def template(self, english: str) -> str:
        return english

    def word(self, code: str) -> str:
        return code

    def day(self, day: date) -> str:
        return day.strftime("%a %-d %b %Y")

    def moment(self, moment: datetime) -> str:
        return moment.astimezone(AMSTERDAM).strftime("%a %-d %b %Y %H:%M")

    def skipped_day(self, day: date, reason: str) -> str:
        return day.strftime("%a %-d %b") + ("" if reason in PLAIN_WEEKEND else f" ({reason})")


ENGLISH = English()


def say(words: Phrase, language: Language = ENGLISH) -> str:
    """The phrase in `language`, every blank filled the way that language writes it."""
    filled = {name: _fill(value, language) for name, value in words.values}
    return language.template(words.template).format(**filled)


def _fill(value: Filling, language: Language) -> str:
    if isinstance(value, Phrase):
        return say(value, language)
    if isinstance(value, Steps):
        said = "; ".join(say(item, language) for item in value.items)
        return said[:1].upper() + said[1:]
    if isinstance(value, SkippedDays):
        return ", ".join(language.skipped_day(day, reason) for day, reason in value.days)
    if isinstance(value, datetime):
        return language.moment(value)
    if isinstance(value, date):
        return language.day(value)
    if isinstance(value, str):
        return language.word(value)
    return str(value)


def to_data(value: Filling) -> Any:
    """A phrase as plain JSON data (recorded in a flag's event and its read model)."""
    if isinstance(value, Phrase):
        return {"t": value.template, "v": {name: to_data(v) for name, v in value.values}}
    if isinstance(value, Steps):
        return {"steps": [to_data(item) for item in value.items]}
    if isinstance(value, SkippedDays):
        return {"skipped": [[day.isoformat(), reason] for day, reason in value.days]}
    if isinstance(value, datetime):  # in UTC, written with Z as every time the API shows
        return {"at": value.astimezone(UTC).isoformat().replace("+00:00", "Z")}
    if isinstance(value, date):
        return {"day": value.isoformat()}
    return value


def from_data(data: Any) -> Any:
    """The phrase `to_data` wrote (raises KeyError, TypeError or ValueError on anything else)."""
    if isinstance(data, dict):
        if "t" in data:
            values = tuple((name, from_data(v)) for name, v in data["v"].items())
            return Phrase(str(data["t"]), values)
        if "steps" in data:
            return Steps(tuple(from_data(item) for item in data["steps"]))
        if "skipped" in data:
            return SkippedDays(tuple((date.fromisoformat(d), str(r)) for d, r in data["skipped"]))
        if "at" in data:
            return datetime.fromisoformat(data["at"])
        return date.fromisoformat(data["day"])
    if isinstance(data, int | str):
        return data
    raise TypeError(f"not a phrase: {data!r}")


def column_text(explanation: str, explained: Any) -> str:
    """What a read model stores for an explanation: its phrase data as JSON where recorded,
    else the English text (flags raised before phrases were recorded)."""
    return json.dumps(explained, separators=(",", ":")) if explained else explanation


def from_column(text: str) -> tuple[str, Phrase | None]:
    """The English explanation and, where stored, its phrase (see `column_text`)."""
    if not text.startswith('{"t":'):
        return text, None
    words = from_data(json.loads(text))
    return say(words), words
