"""Turns a letter from the outbox into a MIME message: Dutch text and HTML parts, stable headers."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from adapters.explanation_words import in_dutch
from adapters.mail_words import (
    CASE_PAGES,
    SEVERITY_WORDS,
    digest_subject,
    due_day,
    policy_words,
    short_day,
)
from application.mail import PendingLetter

TEMPLATES = Path(__file__).resolve().parent / "templates" / "mail"
_ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


class MailRendering:
    """Renders letters the same way every time: the Message-ID and Date come from the letter
    (its key and the moment it was recorded), so a copy sent twice is the same message."""

    def __init__(self, public_url: str, sender: str, organisation: str) -> None:
        self._public_url = public_url.rstrip("/")
        self._sender = sender
        self._organisation = organisation

    def message(self, pending: PendingLetter) -> EmailMessage:
        letter = pending.letter
        if letter.kind == "digest":
            subject, context = self._digest(letter.payload)
        else:
            subject, context = self._notice(letter.payload)
        context |= {"subject": subject, "organisation": self._organisation}
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = self._sender
        message["To"] = letter.recipient
        message["Date"] = format_datetime(pending.recorded_at)
        message["Message-ID"] = message_id(letter.key, self._sender)
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(_render(f"{letter.kind}.txt", context))
        message.add_alternative(_render(f"{letter.kind}.html", context), subtype="html")
        return message

    def link(self, case_type: str, reference: str) -> str:
        return f"{self._public_url}/{CASE_PAGES.get(case_type, 'klachten')}/{reference}"

    def _digest(self, payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        day = date.fromisoformat(payload["day"])
        items = [
            {
                "reference": item["reference"],
                "policy": policy_words(item["policy"]),
                "severity": SEVERITY_WORDS.get(item["severity"], item["severity"]),
                "breach": item["severity"] == "breach",
                "due": due_day(datetime.fromisoformat(item["due_at"])),
                "explanation": in_dutch(item.get("explained"), item["explanation"]),
                "link": self.link(item["case_type"], item["reference"]),
            }
            for item in payload["items"]
        ]
        breaches = sum(item["breach"] for item in items)
        warnings = len(items) - breaches
        context = {
            "name": payload["name"],
            "day": short_day(day),
            "items": items,
            "breaches": breaches,
            "warnings": warnings,
        }
        return digest_subject(day, breaches, warnings), context

    def _notice(self, payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        reference = payload["reference"]
        context = {"reference": reference, "link": self.link("complaint", reference)}
        return f"Zaak {reference} is aan jou toegewezen", context


def message_id(key: str, sender: str) -> str:
    """`<digest.2026-04-14.<hash>@domain>`: one per letter key, whoever sends it, however often."""
    kind, _, rest = key.partition(":")
    label = f"{kind}.{rest.split(':', 1)[0]}" if kind == "digest" else kind
    domain = sender.rpartition("@")[2].strip(">") or "gehoord.invalid"
    return f"<{label}.{hashlib.sha256(key.encode()).hexdigest()[:24]}@{domain}>"


def _render(template: str, context: dict[str, Any]) -> str:
    return _ENVIRONMENT.get_template(template).render(**context)
