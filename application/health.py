"""Is the service well? Whether its store answers, every read model keeps up, and mail goes out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from application.mail import MailTrouble
from application.ports import SetAsideEvent, SetAsideEvents, StoreProbe

SHOWN = 20


@dataclass(frozen=True)
class HealthReport:
    """`ok`; `degraded` when a read model set events aside (named, with position and error);
    `unavailable` when the store does not answer."""

    status: str
    store: str
    error: str | None = None
    set_aside: list[SetAsideEvent] = field(default_factory=list)
    set_aside_count: int = 0
    mail: MailTrouble | None = None
    """Set when mail cannot be delivered: letters waiting for a retry, or in doubt."""

    @property
    def available(self) -> bool:
        return self.status != "unavailable"


class Health:
    def __init__(
        self,
        probe: StoreProbe,
        set_aside: SetAsideEvents,
        mail: Callable[[], MailTrouble] | None = None,
    ) -> None:
        self._probe = probe
        self._set_aside = set_aside
        self._mail = mail

    def check(self) -> HealthReport:
        error = self._probe.reachable()
        if error is not None:
            return HealthReport("unavailable", "unreachable", error)
        try:
            count, first = self._set_aside.first(SHOWN)
        except Exception as failure:  # e.g. `gehoord migrate` has not made the table yet
            return HealthReport("degraded", "reachable", f"read models: {type(failure).__name__}")
        mail = self._mail_trouble()
        if count or mail is not None:
            return HealthReport("degraded", "reachable", None, first, count, mail)
        return HealthReport("ok", "reachable")

    def _mail_trouble(self) -> MailTrouble | None:
        if self._mail is None:
            return None
        try:
            trouble = self._mail()
        except Exception:  # e.g. `gehoord migrate` has not made the outbox yet
            return MailTrouble(0, 0, "the mail outbox cannot be read")
        return trouble if trouble.failing or trouble.in_doubt else None
