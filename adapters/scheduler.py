"""The policy scheduler: APScheduler with an in-memory job store; each period claimed in the DB."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import structlog
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from adapters.bootstrap import Service
from domain.calendar import AMSTERDAM

log = structlog.get_logger("gehoord.scheduler")


def sweep_period(service: Service) -> None:
    """Run one sweep if this process wins the claim on the current period."""
    now = service.clock.now()
    interval = service.settings.sweep_seconds
    period = int(now.timestamp() // interval)
    try:
        if not service.sweep_claims.claim(period, now):
            return
        result = service.sweep.run(now)
    except Exception as error:  # the next period sweeps whatever this one left
        log.warning("sweep_failed", period=period, error=type(error).__name__)
        return
    log.info(
        "sweep", period=period, checked=result.checked, raised=result.raised, cleared=result.cleared
    )


RETENTION_ACTOR = "system:retention"


def retention_night(service: Service) -> None:
    """Propose the night's destruction list if this process wins the claim on the night."""
    now = service.clock.now()
    night = now.astimezone(AMSTERDAM).date().isoformat()
    try:
        if not service.job_claims.claim("retention", night, now):
            return
        proposed = service.retention.propose(RETENTION_ACTOR)
    except Exception as error:  # the next night proposes whatever this one could not
        log.warning("retention_failed", night=night, error=type(error).__name__)
        return
    log.info("retention", night=night, proposed=len(proposed.cases) if proposed else 0)


CATCH_UP = timedelta(hours=4)
"""A process that starts after the digest time still sends the day's digest this long after it
(a morning mail, never one at night)."""


class MorningDigest:
    """Records the day's digests once the digest time has passed on a working day (at the time
    itself, or on the first round after a start within CATCH_UP), then delivers the outbox.

    The day is claimed in the database in the transaction that records its letters, so one
    process composes it; this process remembers the days it has settled, to compose once."""

    def __init__(self, service: Service) -> None:
        self._service = service
        self._settled: set[date] = set()
        self._lock = threading.Lock()

    def __call__(self) -> None:
        service = self._service
        with self._lock:
            now = service.clock.now()
            local = now.astimezone(AMSTERDAM)
            due = datetime.combine(local.date(), service.settings.digest_time, AMSTERDAM)
            if due <= local <= due + CATCH_UP and local.date() not in self._settled:
                try:
                    run = service.digests.record(now, now)
                    self._settled.add(local.date())
                    if run.working_day:
                        log.info("digest", day=run.day.isoformat(), recorded=run.recorded)
                except Exception as error:  # the next round tries the day again
                    log.warning("digest_failed", error=type(error).__name__)
            deliver_mail(service)


def deliver_mail(service: Service) -> None:
    """One round of delivery from the outbox; failures wait for their retry moment."""
    try:
        done = service.mail.run()
    except Exception as error:  # the store is away: the next round delivers
        log.warning("mail_failed", error=type(error).__name__)
        return
    if done.sent or done.failed or done.in_doubt:
        log.info("mail", sent=done.sent, failed=done.failed, in_doubt=done.in_doubt)


def scheduler(service: Service, blocking: bool = False) -> BaseScheduler:
    chosen: BaseScheduler = BlockingScheduler() if blocking else BackgroundScheduler()
    chosen.add_job(
        sweep_period,
        "interval",
        args=[service],
        seconds=service.settings.sweep_seconds,
        id="policy-sweep",
        max_instances=1,
        coalesce=True,
    )
    chosen.add_job(
        retention_night,
        "cron",
        args=[service],
        hour=2,
        minute=30,
        timezone=AMSTERDAM,
        id="retention-proposal",
        max_instances=1,
        coalesce=True,
    )
    morning = MorningDigest(service)
    chosen.add_job(
        morning,
        "cron",
        hour=service.settings.digest_time.hour,
        minute=service.settings.digest_time.minute,
        timezone=AMSTERDAM,
        id="morning-digest",
        max_instances=1,
        coalesce=True,
    )
    chosen.add_job(
        morning,
        "interval",
        seconds=service.settings.mail_retry_seconds,
        id="mail-outbox",
        max_instances=1,
        coalesce=True,
    )
    return chosen
