"""Keeps the read models following the log in the background: polling on SQLite, LISTEN/NOTIFY
(the library's subscription) on PostgreSQL. Never stops on an error: it logs and tries again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import structlog
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder

log = structlog.get_logger(__name__)


class ProjectionFollower:
    def __init__(
        self,
        recorder: SQLAlchemyApplicationRecorder,
        catch_up: Callable[[], object],
        names: list[str],
    ) -> None:
        self._recorder = recorder
        self._catch_up = catch_up
        self._names = names
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._subscription: Any = None
        self._caught_up_to: dict[str, int] = {}

    def caught_up(self, name: str, position: int) -> None:
        """`name` has applied everything up to `position` (told by the runner)."""
        self._caught_up_to[name] = position

    def start(self, poll_seconds: float) -> None:
        engine = self._recorder.datastore.engine
        assert engine is not None
        target = self._subscribe if engine.dialect.name == "postgresql" else self._poll
        self._thread = threading.Thread(
            target=target, args=(poll_seconds,), name="projections", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._subscription is not None:
            self._subscription.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _is_behind(self, head: int | None) -> bool:
        known = min(self._caught_up_to.get(name, -1) for name in self._names)
        return head is not None and head > known

    def _poll(self, poll_seconds: float) -> None:
        while not self._stopped.is_set():
            try:
                if self._is_behind(self._recorder.max_notification_id()):
                    self._catch_up()
            except Exception as error:  # the store may be down: log and poll again
                log.warning("projection_catch_up_failed", error=type(error).__name__)
            self._stopped.wait(poll_seconds)

    def _subscribe(self, retry_seconds: float) -> None:
        while not self._stopped.is_set():
            try:
                start = self._recorder.max_notification_id()
                with self._recorder.subscribe(gt=start) as subscription:
                    self._subscription = subscription
                    self._catch_up_logged()
                    for notification in subscription:
                        if self._stopped.is_set():
                            break
                        if self._is_behind(notification.id):
                            self._catch_up_logged()
            except Exception as error:  # the store may be down: log, wait, subscribe again
                log.warning("projection_subscription_failed", error=type(error).__name__)
            self._stopped.wait(retry_seconds)

    def _catch_up_logged(self) -> None:
        try:
            self._catch_up()
        except Exception as error:
            log.warning("projection_catch_up_failed", error=type(error).__name__)
