"""The policy scheduler: APScheduler with an in-memory job store; each period claimed in the DB."""

from __future__ import annotations

import structlog
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from adapters.bootstrap import Service

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
    return chosen
