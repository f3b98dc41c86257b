"""The Dutch words part B's pages show for the service's codes (statuses, channels, clocks,
policies, roles, event types), as template filters: `{{ status | status_nl }}`."""

from __future__ import annotations

from datetime import datetime

from adapters.explanation_words import in_dutch
from domain.calendar import AMSTERDAM
from web.pages import dutch_moment, templates

STATUSES = {
    "received": "ontvangen",
    "acknowledged": "ontvangst bevestigd",
    "in_conversation": "in gesprek",
    "resolved": "opgelost",
    "referred": "doorverwezen naar de commissie",
    "ruled": "uitspraak gedaan",
    "answered": "beantwoord",
    "closed": "gesloten",
    "withdrawn": "ingetrokken",
    "escalated": "klacht geworden",
}
CHANNELS = {
    "phone": "telefoon",
    "email": "e-mail",
    "social_media": "sociale media",
    "stem": "STEM-vragenlijst",
    "staff": "medewerker",
    "client_council": "cliëntenraad",
    "other": "anders",
    "letter": "brief",
    "web": "website",
    "in_person": "persoonlijk",
    "signal": "signaal",
}
CLOCKS = {
    "acknowledgement": "ontvangstbevestiging",
    "minutes": "verslag van het gesprek",
    "decision": "uitspraak",
    "upheld_response": "reactie na gegronde klacht",
    "agreement": "afspraak",
    "signal_acknowledgement": "reactie op het signaal",
    "signal_open": "afhandeling van het signaal",
    "measure": "maatregel",
    "subject_access": "inzageverzoek",
}
CLOCK_STATES = {
    "running": "loopt",
    "met": "gehaald",
    "breached": "overschreden",
    "stopped": "gestopt",
}
POLICIES = {
    "complaint_acknowledgement_overdue": "ontvangst klacht niet op tijd bevestigd",
    "minutes_overdue": "verslag niet op tijd",
    "decision_overdue": "uitspraak niet op tijd",
    "upheld_unanswered": "gegronde klacht niet beantwoord",
    "upheld_without_apology": "gegronde klacht zonder excuses",
    "agreement_overdue": "afspraak niet op tijd nagekomen",
    "signal_acknowledgement_overdue": "signaal niet op tijd beantwoord",
    "signal_stale": "signaal blijft te lang open",
    "measure_overdue": "maatregel niet op tijd",
    "subject_access_overdue": "inzageverzoek niet op tijd",
}
SEVERITIES = {"warning": "waarschuwing", "breach": "overschreden"}
ROLES = {
    "intake": "intake",
    "mediator": "klachtenfunctionaris",
    "manager": "manager",
    "auditor": "auditor",
    "admin": "beheerder",
    "system": "systeem",
}
ACCESS_ACTIONS = {
    "read": "ingezien",
    "list": "in een lijst",
    "search": "gezocht",
    "export": "geëxporteerd",
    "report": "rapportage",
    "command": "opdracht",
    "audit_read": "auditlog ingezien",
}
EVENTS = {
    "Received": "ontvangen",
    "Acknowledged": "ontvangst bevestigd",
    "MediatorAssigned": "klachtenfunctionaris toegewezen",
    "ConversationHeld": "gesprek gevoerd",
    "AgreementDone": "afspraak nagekomen",
    "MinutesSent": "verslag verstuurd",
    "ReferredToCommittee": "doorverwezen naar de commissie",
    "RulingReceived": "uitspraak ontvangen",
    "Answered": "beantwoord",
    "ApologyGiven": "excuses gemaakt",
    "MeasuresCommunicated": "maatregelen meegedeeld",
    "MeasureDone": "maatregel uitgevoerd",
    "MeasureSummaryWritten": "samenvatting maatregel geschreven",
    "MeasureSummaryApproved": "samenvatting maatregel goedgekeurd",
    "ThemesSet": "thema's vastgelegd",
    "Suspended": "opgeschort",
    "Resumed": "hervat",
    "DeadlineExtended": "termijn verlengd",
    "Resolved": "opgelost",
    "EscalatedToComplaint": "klacht geworden",
    "Withdrawn": "ingetrokken",
    "Closed": "gesloten",
    "Reopened": "heropend",
    "FlagRaised": "signalering",
    "FlagCleared": "signalering opgeheven",
    "LegalHoldPlaced": "bewaarplicht ingesteld",
    "LegalHoldLifted": "bewaarplicht opgeheven",
    "Destroyed": "vernietigd",
}
FIELDS = {
    "participants": "deelnemers",
    "outcome": "uitkomst",
    "agreements": "afspraken",
    "policy_version": "beleidsversie",
    "reason": "reden",
    "mediator": "klachtenfunctionaris",
    "themes": "thema's",
    "sent_to": "verstuurd aan",
    "verdict": "oordeel",
    "summary": "samenvatting",
    "measures": "maatregelen",
    "evidence": "bewijs",
    "clock": "termijn",
    "weeks": "weken",
    "channel": "kanaal",
    "team": "team",
    "subject": "onderwerp",
    "description": "omschrijving",
    "dossier_ref": "dossier",
    "reference": "kenmerk",
    "complainant": "indiener",
    "policy": "norm",
    "severity": "ernst",
    "due_at": "uiterlijk",
    "key": "sleutel",
    "previous_severity": "eerdere ernst",
    "explanation": "uitleg",
    "explained": "uitleg",
    "complaint_id": "klacht",
    "signal_id": "signaal",
    "person_id": "persoon",
}
TEAMS = {"unassigned": "(nog geen team)"}
VALUES = {
    "resolved": "opgelost",
    "unresolved": "niet opgelost",
    "upheld": "gegrond",
    "partly_upheld": "deels gegrond",
    "unfounded": "ongegrond",
    "inadmissible": "niet-ontvankelijk",
    "warning": "waarschuwing",
    "breach": "overschreden",
} | {code: f"{words} ({code})" for code, words in POLICIES.items()}
"""Codes inside event data, in words (a policy keeps its code: the auditor may search it)."""


def dutch_value(value: object) -> str:
    """Event data written for a person: lists joined, nothing as a dash, times the Dutch way."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, datetime):
        return dutch_moment(value)
    if isinstance(value, list | tuple):
        return "; ".join(dutch_value(item) for item in value)
    if isinstance(value, dict) and set(value) == {"t", "v"}:  # an explanation's phrase
        return in_dutch(value, "")
    if isinstance(value, dict):
        return ", ".join(f"{FIELDS.get(k, k)}: {dutch_value(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return VALUES.get(str(value), str(value))


def exact_moment(moment: datetime | None) -> str:
    """ "ma 23 nov 2026 16:10:05": the access log needs the second."""
    if moment is None:
        return ""
    return dutch_moment(moment) + moment.astimezone(AMSTERDAM).strftime(":%S")


def _word(words: dict[str, str]) -> object:
    def dutch(code: object) -> str:
        text = "" if code is None else str(code)
        return words.get(text, text.replace("_", " "))

    return dutch


for _name, _words in {
    "status_nl": STATUSES,
    "channel_nl": CHANNELS,
    "clock_nl": CLOCKS,
    "clock_state_nl": CLOCK_STATES,
    "policy_nl": POLICIES,
    "severity_nl": SEVERITIES,
    "role_nl": ROLES,
    "access_nl": ACCESS_ACTIONS,
    "event_nl": EVENTS,
    "field_nl": FIELDS,
    "team_nl": TEAMS,
}.items():
    templates.env.filters[_name] = _word(_words)
templates.env.filters["value_nl"] = dutch_value
templates.env.filters["exact"] = exact_moment
