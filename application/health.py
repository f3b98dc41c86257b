"""Is the service well? Whether its store answers, and whether every read model keeps up."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    @property
    def available(self) -> bool:
        return self.status != "unavailable"


class Health:
    def __init__(self, probe: StoreProbe, set_aside: SetAsideEvents) -> None:
        self._probe = probe
        self._set_aside = set_aside

    def check(self) -> HealthReport:
        error = self._probe.reachable()
        if error is not None:
            return HealthReport("unavailable", "unreachable", error)
        try:
            count, first = self._set_aside.first(SHOWN)
        except Exception as failure:  # e.g. `gehoord migrate` has not made the table yet
            return HealthReport("degraded", "reachable", f"read models: {type(failure).__name__}")
        if count:
            return HealthReport("degraded", "reachable", None, first, count)
        return HealthReport("ok", "reachable")
