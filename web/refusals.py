"""A refusal from the domain or the application in Dutch: what happened, and what to do now."""

from __future__ import annotations

import re

from application.errors import ConcurrentChange, VersionMismatch
from domain.errors import DomainError, InvalidMoment, InvalidValue

KNOWN: list[tuple[str, str]] = [
    (r"only reopen is allowed", "De klacht is afgesloten; alleen heropenen kan nog."),
    (r"already been acknowledged", "De ontvangst is al bevestigd."),
    (
        r"with the committee; no complaint conversation",
        "De klacht ligt bij de commissie; een klachtgesprek kan nu niet meer.",
    ),
    (
        r"no conversation has been held",
        "Er is nog geen klachtgesprek gevoerd, dus nog geen "
        "verslag om te versturen. Leg eerst het gesprek vast.",
    ),
    (
        r"minutes cannot be sent before the conversation",
        "Het verslag kan niet vóór het gesprek verstuurd zijn.",
    ),
    (r"already been referred", "De klacht is al doorverwezen naar de klachtencommissie."),
    (r"has not been referred", "De klacht is nog niet doorverwezen naar de klachtencommissie."),
    (r"already ruled", "De commissie heeft al uitspraak gedaan."),
    (r"ruling cannot precede the referral", "De uitspraak kan niet vóór de doorverwijzing liggen."),
    (r"already suspended", "De klacht is al opgeschort."),
    (r"is not suspended", "De klacht is niet opgeschort."),
    (r"cannot resume before", "Hervatten kan niet vóór het opschorten."),
    (r"cannot be extended", "Alleen de beslistermijn kan verlengd worden."),
    (r"an extension is 1 to (\d+) weeks", r"Verlengen kan met 1 tot \1 weken."),
    (r"already been extended", "De termijn is al zo vaak verlengd als de regeling toestaat."),
    (r"must be decided before", "Verlengen moet vóór het einde van de termijn besloten zijn."),
    (
        r"only a closed or withdrawn complaint",
        "Alleen een gesloten of ingetrokken klacht kan heropend worden.",
    ),
    (r"has no agreement", "Deze afspraak bestaat niet."),
    (r"agreement \d+ is already done", "Deze afspraak is al nagekomen."),
    (
        r"measures follow a ruling",
        "Maatregelen volgen op een uitspraak; de commissie heeft nog geen uitspraak gedaan.",
    ),
    (r"measures cannot precede the ruling", "De maatregelen kunnen niet vóór de uitspraak liggen."),
    (r"not an active staff member", "Dit is geen actieve medewerker."),
    (r"must carry a UTC offset", "Vul een datum en tijd in."),
    (r"more than 5 minutes in the future", "Dit moment ligt in de toekomst."),
    (r"before the case was received", "Dit moment ligt vóór de ontvangst van de klacht."),
]


def in_dutch(error: Exception) -> str:
    """The refusal in Dutch; a message without a translation yet is shown as it is."""
    if isinstance(error, VersionMismatch | ConcurrentChange):
        return (
            "Iemand anders heeft de klacht intussen gewijzigd. Bekijk de actuele stand hieronder "
            "en geef de opdracht zo nodig opnieuw."
        )
    text = str(error)
    for pattern, dutch in KNOWN:
        found = re.search(pattern, text)
        if found:
            return found.expand(dutch)
    return f"Dit kan nu niet ({text})."


def field_of(error: Exception) -> str | None:
    """The command's field a refusal is about, when it names one."""
    if isinstance(error, InvalidMoment | InvalidValue):
        return error.field
    return None


def status_of(error: Exception) -> int:
    """409 when the case's state refuses the step, 422 when a value cannot be right."""
    if isinstance(error, InvalidValue):
        return 422
    if isinstance(error, DomainError | VersionMismatch | ConcurrentChange):
        return 409
    return 400
