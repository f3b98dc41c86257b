"""Hands letters to the mail server over SMTP (plain, STARTTLS, SMTPS), or writes .eml files."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from email import policy
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from adapters.mail_rendering import MailRendering
from application.mail import DeliveryFailed, PendingLetter

if TYPE_CHECKING:  # the settings import this module to check GEHOORD_SMTP_URL
    from adapters.settings import Settings

TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class SmtpTarget:
    """GEHOORD_SMTP_URL taken apart: `smtp://user:pass@host:port[?starttls=true]` or `smtps://`."""

    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    user: str | None
    password: str | None

    @classmethod
    def parse(cls, url: str) -> SmtpTarget:
        """Raises ValueError, in one line, when the URL is not one of those forms."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("must start with smtp:// or smtps://")
        if not parts.hostname:
            raise ValueError("names no host")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("has a port that is not a number from 1 to 65535") from None
        query = {k: v[-1].lower() for k, v in parse_qs(parts.query).items()}
        unknown = set(query) - {"starttls"}
        if unknown:
            raise ValueError(f"has an unknown option {sorted(unknown)[0]!r}")
        starttls = query.get("starttls", "false") in ("true", "1", "yes")
        if starttls and parts.scheme == "smtps":
            raise ValueError("smtps:// is TLS from the start: starttls does not apply")
        return cls(
            host=parts.hostname,
            port=port or (465 if parts.scheme == "smtps" else 25),
            implicit_tls=parts.scheme == "smtps",
            starttls=starttls,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class SmtpPostman:
    """The envelope is agreed before `handing_over` is called; only the message itself follows,
    so a failure before that point is surely not delivered and is tried again."""

    def __init__(
        self, target: SmtpTarget, rendering: MailRendering, ca_file: Path | None = None
    ) -> None:
        self._target = target
        self._rendering = rendering
        self._tls = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)

    def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
        message = self._rendering.message(letter)
        sender = parseaddr(str(message["From"]))[1]
        client = self._connect()
        try:
            self._envelope(client, sender, letter.letter.recipient)
            handing_over()
            try:
                client.data(message.as_bytes(policy=policy.SMTP))
            except smtplib.SMTPResponseException as refused:  # a reply: surely not taken
                raise DeliveryFailed(_said(refused)) from None
        finally:
            with suppress(Exception):
                client.quit()
            client.close()

    def _connect(self) -> smtplib.SMTP:
        target = self._target
        try:
            if target.implicit_tls:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    target.host, target.port, timeout=TIMEOUT_SECONDS, context=self._tls
                )
            else:
                client = smtplib.SMTP(target.host, target.port, timeout=TIMEOUT_SECONDS)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(f"cannot reach {target.host}:{target.port}: {error}") from None
        return client

    def _envelope(self, client: smtplib.SMTP, sender: str, recipient: str) -> None:
        target = self._target
        try:
            client.ehlo()
            if target.starttls:
                client.starttls(context=self._tls)
                client.ehlo()
            if target.user is not None:
                client.login(target.user, target.password or "")
            code, reply = client.mail(sender)
            if code != 250:
                raise DeliveryFailed(f"MAIL FROM refused: {code} {reply.decode(errors='replace')}")
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                raise DeliveryFailed(f"RCPT TO refused: {code} {reply.decode(errors='replace')}")
        except smtplib.SMTPResponseException as refused:
            raise DeliveryFailed(_said(refused)) from None
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(f"{type(error).__name__}: {error}") from None


def _said(refused: smtplib.SMTPResponseException) -> str:
    reply = refused.smtp_error
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return f"the mail server answered {refused.smtp_code} {text}"


class FilePostman:
    """Without GEHOORD_SMTP_URL: one .eml file per letter in the outbox folder, written whole
    (a temporary file renamed into place), named after the letter's key."""

    def __init__(self, folder: Path, rendering: MailRendering) -> None:
        self._folder = folder
        self._rendering = rendering

    def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
        message = self._rendering.message(letter)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", letter.letter.key)
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            partial = self._folder / f".{name}.partial"
            partial.write_bytes(message.as_bytes(policy=policy.SMTP))
        except OSError as error:
            raise DeliveryFailed(f"cannot write to {self._folder}: {error}") from None
        handing_over()
        os.replace(partial, self._folder / f"{name}.eml")


def postman_from(settings: Settings) -> SmtpPostman | FilePostman:
    """SMTP when GEHOORD_SMTP_URL is set, else .eml files in GEHOORD_OUTBOX_DIR."""
    rendering = MailRendering(
        str(settings.public_url), settings.mail_from, settings.organisation_name
    )
    if settings.smtp_url is None:
        return FilePostman(settings.outbox_dir, rendering)
    target = SmtpTarget.parse(settings.smtp_url.get_secret_value())
    return SmtpPostman(target, rendering, settings.smtp_ca_file)
