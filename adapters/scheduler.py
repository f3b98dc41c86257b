"""The policy scheduler: APScheduler with an in-memory job store; each period claimed in the DB."""

from __future__ import annotations

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
    return chosen
