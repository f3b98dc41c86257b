"""`gehoord digest send`: what the morning digest sends at a moment, shown or sent."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from adapters.cli_support import fail, load_settings, running_service
from adapters.mail_rendering import message_id
from adapters.mail_words import SEVERITY_WORDS, digest_subject, due_day, policy_words
from application.digest import DigestRun
from domain.moments import lies_in_the_future

digest_cli = typer.Typer(help="The morning digest by e-mail.", no_args_is_help=True)


@digest_cli.command("send")
def send(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="ISO-8601 moment with offset; default now"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="print what would go to whom; send nothing")
    ] = False,
) -> None:
    """Send what the scheduled digest would send at --as-of, from the flags open then (at most
    one digest per person per day: a day already sent is not sent again)."""
    moment = _moment(as_of)
    with running_service(load_settings()) as service:
        now = service.clock.now()
        at = moment or now
        if not dry_run and lies_in_the_future(at, now):
            fail("--as-of lies in the future; only --dry-run can look ahead")
        service.projections.catch_up()
        if dry_run:
            run = service.digests.compose(at)
            _show(run, service.digests.calendar.why_not_working(run.day))
            return
        run = service.digests.record(at, now, claim=False)
        delivered = service.mail.run()
    if not run.working_day:
        typer.echo(f"{run.day.isoformat()} is not a working day: no digest")
        return
    typer.echo(
        f"{run.day.isoformat()}: {len(run.letters)} digests, {run.recorded} new in the outbox; "
        f"sent {delivered.sent}, failed {delivered.failed}, in doubt {delivered.in_doubt}"
    )


@digest_cli.command("in-doubt")
def in_doubt() -> None:
    """List the mails whose hand-over a crash interrupted: key, recipient and Message-ID, to look
    up in the mail server's log (see README, "Morning digest")."""
    with running_service(load_settings()) as service:
        letters = service.mail.outbox.in_doubt(service.clock.now())
        sender = service.settings.mail_from
    for pending in letters:
        letter = pending.letter
        typer.echo(f"{letter.key}\t{letter.recipient}\t{message_id(letter.key, sender)}")


@digest_cli.command("release")
def release(key: Annotated[str, typer.Argument(help="the key `digest in-doubt` lists")]) -> None:
    """Send a mail in doubt again, with the same Message-ID, once its absence is confirmed."""
    with running_service(load_settings()) as service:
        if not service.mail.outbox.release(key, service.clock.now()):
            fail(f"no mail in doubt with key {key!r}", code=1)
    typer.echo(f"released {key}: the next delivery round sends it")


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--as-of {text!r} is not an ISO-8601 moment")
    if moment.tzinfo is None:
        fail("--as-of needs a UTC offset, e.g. 2026-04-14T07:30:00+02:00")
    return moment


def _show(run: DigestRun, why_not: str | None) -> None:
    if not run.working_day:
        typer.echo(f"{run.day.isoformat()} is not a working day ({why_not}): no digest")
        return
    if not run.letters:
        typer.echo(f"{run.day.isoformat()}: nobody has open flags: no digest")
        return
    for letter in run.letters:
        items = letter.payload["items"]
        breaches = sum(item["severity"] == "breach" for item in items)
        subject = digest_subject(run.day, breaches, len(items) - breaches)
        typer.echo(f"{letter.recipient}: {subject}")
        for item in items:
            due = due_day(datetime.fromisoformat(item["due_at"]))
            severity = SEVERITY_WORDS.get(item["severity"], item["severity"])
            typer.echo(
                f"  {item['reference']}  {severity}  {policy_words(item['policy'])}  "
                f"uiterlijk {due}"
            )
