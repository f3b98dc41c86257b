"""The baseline: the same number of events stored and replayed by eventsourcing-sqlalchemy alone."""

from __future__ import annotations

import time
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class BenchCase(Aggregate):
    """One aggregate per case with four events, like register, acknowledge, talk, minutes."""

    @event("Received")
    def __init__(self, reference: str) -> None:
        self.reference = reference

    @event("Acknowledged")
    def acknowledge(self, at: str) -> None:
        self.acknowledged = at

    @event("ConversationHeld")
    def talk(self, at: str, participants: list[str]) -> None:
        self.talked = at

    @event("MinutesSent")
    def send_minutes(self, at: str, sent_to: str) -> None:
        self.minutes = at


class Gehoord(Application[Any]):
    """The library's own Application over gehoord's event table, with its plain mapper."""

    name = "gehoord"


class Baseline(Application[Any]):
    name = "baseline"


def library(url: str, over_gehoord_log: bool = False) -> Application[Any]:
    env = {"PERSISTENCE_MODULE": "eventsourcing_sqlalchemy", "SQLALCHEMY_URL": url}
    return (Gehoord if over_gehoord_log else Baseline)(env=env)


def store_events(app: Application[Any], cases: int) -> tuple[int, float]:
    """Four events per case, one event per transaction; returns (events, seconds)."""
    started = time.perf_counter()
    for n in range(cases):
        case = BenchCase(reference=f"B-{n}")
        app.save(case)
        case.acknowledge(at="2026-03-02")
        app.save(case)
        case.talk(at="2026-03-03", participants=["Ouder"])
        app.save(case)
        case.send_minutes(at="2026-03-04", sent_to="Ouder")
        app.save(case)
    return 4 * cases, time.perf_counter() - started


def replay(app: Application[Any]) -> tuple[int, float]:
    """Every notification in the log mapped back to a domain event; returns (events, seconds)."""
    recorder: Any = app.recorder
    started, after, count = time.perf_counter(), 0, 0
    while True:
        batch = recorder.select_notifications(start=after, limit=500, inclusive_of_start=False)
        for notification in batch:
            app.mapper.to_domain_event(notification)
        count += len(batch)
        if len(batch) < 500:
            return count, time.perf_counter() - started
        after = batch[-1].id
