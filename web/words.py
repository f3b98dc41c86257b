"""The Dutch words a person reads for the service's codes: statuses, policies, clocks, events."""

from __future__ import annotations

from adapters.explanation_words import VERDICTS

STATUS = {
    "received": "ontvangen",
    "acknowledged": "ontvangst bevestigd",
    "in_conversation": "in gesprek",
    "resolved": "opgelost in gesprek",
    "referred": "bij de klachtencommissie",
    "ruled": "uitspraak gedaan",
    "answered": "beantwoord",
    "closed": "gesloten",
    "withdrawn": "ingetrokken",
    "escalated": "opgeschaald",
}

POLICY = {
    "complaint_acknowledgement_overdue": "ontvangstbevestiging te laat",
    "minutes_overdue": "verslag te laat",
    "decision_overdue": "beslissing te laat",
    "upheld_unanswered": "gegronde klacht niet beantwoord",
    "agreement_overdue": "afspraak niet nagekomen",
    "signal_acknowledgement_overdue": "signaal niet bevestigd",
    "signal_stale": "signaal blijft liggen",
    "measure_overdue": "maatregel te laat",
    "subject_access_overdue": "inzageverzoek te laat",
    "upheld_without_apology": "gegrond zonder excuses",
}

SEVERITY = {"breach": "overschreden", "warning": "waarschuwing"}

CLOCK = {
    "acknowledgement": "ontvangstbevestiging",
    "minutes": "verslag van het gesprek",
    "decision": "beslissing",
    "upheld_response": "antwoord op gegronde klacht",
    "agreement": "afspraak",
    "signal_acknowledgement": "bevestiging van het signaal",
    "signal_open": "afhandeling van het signaal",
    "measure": "maatregel",
    "subject_access": "inzageverzoek",
}

CLOCK_STATE = {
    "running": "loopt",
    "met": "gehaald",
    "breached": "overschreden",
    "stopped": "gestopt",
}

CHANNEL = {
    "letter": "brief",
    "email": "e-mail",
    "phone": "telefoon",
    "web": "website",
    "social_media": "sociale media",
    "in_person": "persoonlijk",
    "stem": "STEM-vragenlijst",
    "signal": "signaal",
}

VERDICT = VERDICTS  # the explanations say verdicts with the same words

OUTCOME = {"resolved": "opgelost", "unresolved": "niet opgelost"}

EVENT = {
    "Received": "Klacht ontvangen",
    "Acknowledged": "Ontvangst bevestigd",
    "MediatorAssigned": "Klachtbemiddelaar toegewezen",
    "ConversationHeld": "Klachtgesprek gevoerd",
    "MinutesSent": "Verslag verstuurd",
    "ReferredToCommittee": "Doorverwezen naar de klachtencommissie",
    "RulingReceived": "Uitspraak van de commissie",
    "ApologyGiven": "Excuses aangeboden",
    "MeasuresCommunicated": "Maatregelen meegedeeld",
    "Suspended": "Opgeschort",
    "Resumed": "Hervat",
    "DeadlineExtended": "Termijn verlengd",
    "MeasureDone": "Maatregel uitgevoerd",
    "MeasureSummaryWritten": "Samenvatting maatregel geschreven",
    "MeasureSummaryApproved": "Samenvatting maatregel goedgekeurd",
    "ThemesSet": "Thema's vastgelegd",
    "LegalHoldPlaced": "Bewaarplicht opgelegd",
    "LegalHoldLifted": "Bewaarplicht opgeheven",
    "Destroyed": "Vernietigd",
    "Withdrawn": "Ingetrokken",
    "Closed": "Gesloten",
    "Reopened": "Heropend",
    "AgreementDone": "Afspraak nagekomen",
    "FlagRaised": "Signalering gezet",
    "FlagCleared": "Signalering opgeheven",
}

ROLE = {
    "intake": "intake",
    "mediator": "klachtbemiddelaar",
    "manager": "manager",
    "auditor": "auditor",
    "admin": "beheerder",
}


def word(table: dict[str, str], code: object) -> str:
    """The Dutch word for `code`, or the code itself when it has none yet."""
    text = str(code) if code is not None else ""
    return table.get(text, text.replace("_", " "))


def policy_word(policy: str, severity: str) -> str:
    """The policy in words; a warning says it is nearly so ("verslag bijna te laat")."""
    text = word(POLICY, policy)
    if severity == "warning":
        text = text.replace("te laat", "bijna te laat").replace("niet nagekomen", "verloopt bijna")
    return text


def actor_word(actor: str) -> str:
    """Who did it: a person's e-mail address, the deadline watch, or an import."""
    kind, _, name = actor.partition(":")
    if kind == "policy":
        return "de termijnbewaking"
    if kind == "import":
        return f"de import van {name}"
    return name or actor
