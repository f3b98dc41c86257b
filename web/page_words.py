"""The Dutch words part B's pages show for the service's codes (statuses, channels, clocks,
policies, roles, event types), as template filters: `{{ status | status_nl }}`."""

from __future__ import annotations

from web.pages import templates

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
    "ConversationHeld": "gesprek gevoerd",
    "Resolved": "opgelost",
    "Escalated": "klacht geworden",
    "FlagRaised": "signalering",
    "FlagCleared": "signalering opgeheven",
    "MinutesSent": "verslag verstuurd",
    "Referred": "doorverwezen",
    "Ruled": "uitspraak",
    "Assigned": "toegewezen",
    "Closed": "gesloten",
    "Withdrawn": "ingetrokken",
    "Reopened": "heropend",
    "Suspended": "opgeschort",
    "Resumed": "hervat",
    "Extended": "termijn verlengd",
    "ApologyGiven": "excuses gemaakt",
    "MeasuresTaken": "maatregelen genomen",
    "HoldPlaced": "bewaarplicht ingesteld",
    "HoldLifted": "bewaarplicht opgeheven",
    "Destroyed": "vernietigd",
}


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
}.items():
    templates.env.filters[_name] = _word(_words)
