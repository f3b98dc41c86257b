"""A subject-access export as the person receives it: JSON, or one readable Dutch HTML page
(self-contained, printable), listing every case with every step, STEM answers, and who saw
their data when."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from babel.dates import format_datetime
from jinja2 import Environment, FileSystemLoader, select_autoescape

from application.subject_access import SubjectAccessExport
from domain.calendar import AMSTERDAM

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def _dutch_moment(moment: datetime) -> str:
    return format_datetime(moment.astimezone(AMSTERDAM), "EEE d MMM y HH:mm", locale="nl")


FIELDS = {
    "channel": "kanaal",
    "complainant": "indiener",
    "name": "naam",
    "email": "e-mail",
    "phone": "telefoon",
    "dossier_ref": "dossier",
    "subject": "onderwerp",
    "description": "omschrijving",
    "summary": "samenvatting",
    "team": "team",
    "mediator": "klachtenfunctionaris",
    "participants": "deelnemers",
    "outcome": "uitkomst",
    "agreements": "afspraken",
    "due": "uiterlijk",
    "sent_to": "verstuurd aan",
    "reason": "reden",
    "verdict": "uitspraak",
    "measures": "maatregelen",
    "owner_team": "verantwoordelijk team",
    "evidence": "onderbouwing",
    "weeks": "weken",
    "clock": "termijn",
    "themes": "thema's",
    "external_ref": "eigen kenmerk",
    "collaboration": "samenwerking",
    "heard": "gehoord",
    "agreements_clear": "afspraken duidelijk",
    "number": "nummer",
    "text": "tekst",
}
"""Recorded fields in the words a person reads; internal ones (ids, versions) are left out."""
INTERNAL = {"reference", "person_id", "policy_version", "case_id", "signal_id", "complaint_id"}
STATUSES = {
    "received": "ontvangen",
    "acknowledged": "ontvangst bevestigd",
    "in_conversation": "in gesprek",
    "referred": "bij de klachtencommissie",
    "ruled": "uitspraak gedaan",
    "answered": "beantwoord",
    "closed": "afgesloten",
    "withdrawn": "ingetrokken",
    "resolved": "opgelost",
    "escalated": "omgezet in een klacht",
}
ACTIONS = {
    "read": "ingezien",
    "list": "in een lijst gezien",
    "search": "gezocht",
    "export": "uitgevoerd",
    "report": "rapportage",
    "command": "vastgelegd",
    "audit_read": "gecontroleerd",
}


def _plain(value: Any) -> str:
    """A recorded value for reading: texts as they are, lists and records spelled out."""
    if isinstance(value, dict):
        return ", ".join(
            f"{FIELDS.get(k, k)}: {_plain(v)}"
            for k, v in value.items()
            if v not in (None, "", [], ()) and k not in INTERNAL
        )
    if isinstance(value, list | tuple):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, datetime):
        return _dutch_moment(value)
    return "" if value is None else str(value)


STEPS = {
    "Received": "ontvangen",
    "Acknowledged": "ontvangst bevestigd",
    "MediatorAssigned": "klachtenfunctionaris toegewezen",
    "ConversationHeld": "gesprek gevoerd",
    "AgreementDone": "afspraak nagekomen",
    "MinutesSent": "verslag verstuurd",
    "Suspended": "opgeschort",
    "Resumed": "hervat",
    "DeadlineExtended": "termijn verlengd",
    "ReferredToCommittee": "doorverwezen naar de klachtencommissie",
    "RulingReceived": "uitspraak ontvangen",
    "ApologyGiven": "excuses aangeboden",
    "MeasuresCommunicated": "maatregelen meegedeeld",
    "MeasureDone": "maatregel uitgevoerd",
    "MeasureSummaryWritten": "samenvatting van een maatregel geschreven",
    "MeasureSummaryApproved": "samenvatting van een maatregel goedgekeurd",
    "ThemesSet": "thema's vastgelegd",
    "Withdrawn": "ingetrokken",
    "Closed": "afgesloten",
    "Reopened": "heropend",
    "Resolved": "opgelost",
    "EscalatedToComplaint": "omgezet in een klacht",
    "FlagRaised": "termijnsignaal gezet",
    "FlagCleared": "termijnsignaal opgeheven",
}
"""Each recorded step in the words a person reads; an unknown step keeps its own name."""

_env.filters["moment"] = _dutch_moment
_env.filters["status"] = lambda status: STATUSES.get(status, status)
_env.filters["action"] = lambda action: ACTIONS.get(action, action)
_env.filters["step"] = lambda name: STEPS.get(name, name)
_env.filters["plain"] = _plain


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(type(value).__name__)


def export_json(export: SubjectAccessExport) -> bytes:
    return json.dumps(asdict(export), indent=2, ensure_ascii=False, default=_json_value).encode()


def export_html(export: SubjectAccessExport, organisation: str) -> bytes:
    page = _env.get_template("inzage.html").render(export=export, organisation=organisation)
    return page.encode()
