"""Deadline and flag explanations in Dutch, for the console and the morning mail: each English
template of the domain with its Dutch words, and days written the Dutch way (Babel)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from babel.dates import format_datetime

from adapters.mail_words import dutch_day, short_day
from domain.calendar import AMSTERDAM
from domain.wording import PLAIN_WEEKEND, Phrase, from_data, say

VERDICTS = {
    "upheld": "gegrond",
    "partly_upheld": "deels gegrond",
    "unfounded": "ongegrond",
    "inadmissible": "niet-ontvankelijk",
}

TEMPLATES = {
    "{rule} (policy {version}, {how}). {steps}; due end of {due}, warning {warning}.{verdict}": (
        "{rule} (beleid {version}, {how}). {steps}; uiterlijk eind {due}, "
        "waarschuwing {warning}.{verdict}"
    ),
    "": "",
    " Met {at}.": " Gehaald op {at}.",
    " Met {at} (late).": " Gehaald op {at} (te laat).",
    " Stopped: the case was closed or withdrawn first.": (
        " Gestopt: de zaak werd eerder gesloten of ingetrokken."
    ),
    " Breached: not met by the due moment.": " Overschreden: niet gehaald op tijd.",
    "from end of {day}": "vanaf eind {day}",
    "from {at}": "vanaf {at}",
    "{label} {at}": "{label} {at}",
    "skipped {days}": "overgeslagen: {days}",
    "{day} is not a working day, moved to {moved}: {skipped}": (
        "{day} is geen werkdag, verschoven naar {moved}: {skipped}"
    ),
    "recorded when the clock started": "vastgelegd toen de termijn begon",
    "in force when the clock started": "van kracht toen de termijn begon",
    "in force at the start; the recorded {recorded} is no longer configured": (
        "van kracht bij de start; het vastgelegde {recorded} is niet meer ingesteld"
    ),
    "{count} day": "{count} dag",
    "{count} days": "{count} dagen",
    "{months} calendar month": "{months} kalendermaand",
    "{months} calendar months": "{months} kalendermaanden",
    "received": "ontvangen",
    "conversation held": "gesprek gehouden",
    "signal received": "signaal ontvangen",
    "request received": "verzoek ontvangen",
    "communicated": "meegedeeld",
    "agreed in the conversation of": "afgesproken in het gesprek van",
    "ruling ({verdict}) received": "oordeel ({verdict}) ontvangen",
    "An acknowledgement is due {days} working days after receipt": (
        "Een ontvangstbevestiging binnen {days} werkdagen na ontvangst"
    ),
    "Minutes are due {days} working days after the conversation": (
        "Het verslag binnen {days} werkdagen na het gesprek"
    ),
    "A decision is due {weeks} weeks after receipt, suspensions not counted": (
        "Een beslissing binnen {weeks} weken na ontvangst, opschortingen niet meegeteld"
    ),
    "An apology or measures are due {span} after an upheld ruling": (
        "Excuses of maatregelen binnen {span} na een gegrond oordeel"
    ),
    "Agreement {number} is due on the date agreed": (
        "Afspraak {number} uiterlijk op de afgesproken datum"
    ),
    "Measure {number} is due on the date set": "Maatregel {number} uiterlijk op de gestelde datum",
    "Measure {number} is due on the date set, owned by {team}": (
        "Maatregel {number} uiterlijk op de gestelde datum, eigenaar {team}"
    ),
    "suspended {start} to {end}: {days} not counted": (
        "opgeschort van {start} tot {end}: {days} niet meegeteld"
    ),
    "suspended since {since}, counted until now: {days} not counted so far": (
        "opgeschort sinds {since}, tot nu geteld: {days} nog niet meegeteld"
    ),
    "extended {weeks} weeks, decided and told on {day}": (
        "verlengd met {weeks} weken, besloten en meegedeeld op {day}"
    ),
    "Let the client know they were heard within {days} working days": (
        "Laat de cliënt binnen {days} werkdagen weten dat het signaal gehoord is"
    ),
    "Talk about the signal, resolve or escalate it within {days} working days": (
        "Bespreek het signaal en los het op of zet het om in een klacht binnen {days} werkdagen"
    ),
    "Answer a subject-access request (AVG art. 15) within 1 calendar month of receiving it": (
        "Beantwoord een inzageverzoek (AVG art. 15) binnen 1 kalendermaand na ontvangst"
    ),
    "one calendar month after {day} is {due}": "een kalendermaand na {day} is {due}",
    (
        "Measures were communicated on {measured} after an upheld ruling ({verdict}) of "
        "{ruled}, but no apology was given (policy {version}). The committee's criticism "
        "was about empathy, not only deadlines: consider a sincere apology."
    ): (
        "Op {measured} zijn maatregelen meegedeeld na een gegrond oordeel ({verdict}) van "
        "{ruled}, maar er zijn geen excuses gemaakt (beleid {version}). De kritiek van de "
        "commissie ging over empathie, niet alleen over termijnen: overweeg oprechte excuses."
    ),
}
"""Every template the domain writes (a test reads them from the domain's source)."""

CLOSING_DAY = "closing day"
DUTCH_NAME = re.compile(r"\(([^()]*)\)$")  # "King's Day (Koningsdag)" names it last


class Dutch:
    """The domain's explanations as a Dutch mediator reads them: "ma 27 apr 2026 09:30"."""

    def template(self, english: str) -> str:
        return TEMPLATES[english]

    def word(self, code: str) -> str:
        return VERDICTS.get(code, code)

    def day(self, day: date) -> str:
        return dutch_day(day)

    def moment(self, moment: datetime) -> str:
        local = moment.astimezone(AMSTERDAM)
        return format_datetime(local, "EEE d MMM y HH:mm", locale="nl").replace(".", "")

    def skipped_day(self, day: date, reason: str) -> str:
        written = short_day(day)
        if reason in PLAIN_WEEKEND:
            return written
        return f"{written} ({self.reason(reason)})"

    @staticmethod
    def reason(reason: str) -> str:
        """ "Saturday, King's Day (Koningsdag)" as "Koningsdag"; a closing day as such."""
        if reason == CLOSING_DAY:
            return "sluitingsdag"
        named = DUTCH_NAME.search(reason)
        return named.group(1) if named else reason


DUTCH = Dutch()


def in_dutch(words: Phrase | dict[str, Any] | None, english: str) -> str:
    """An explanation in Dutch where its phrases were recorded (as a phrase or its data), else
    the English it was written in (flags raised before phrases were recorded)."""
    if isinstance(words, dict):
        words = from_data(words)
    return say(words, DUTCH) if isinstance(words, Phrase) else english


def explained_in_dutch(thing: Any) -> str:
    """What a page or mail shows under "Waarom?": a deadline (which explains itself when asked),
    or a flag or queue item (which carries its English `explanation` and maybe `explained`)."""
    explain = getattr(thing, "explain", None)
    if callable(explain):
        return say(explain(), DUTCH)
    return in_dutch(getattr(thing, "explained", None), thing.explanation)
