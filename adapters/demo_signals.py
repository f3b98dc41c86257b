"""Demo signals: every channel; some heard in time, some resolved, escalated or left stale."""

from __future__ import annotations

from datetime import datetime, timedelta

from adapters.bootstrap import Service
from application.signals import NewSignal, StemResponse
from domain.calendar import AMSTERDAM
from domain.signal import Signal

M = "mediator:demo"
SIGNALS = [
    # (channel, days ago, summary, what happened)
    ("phone", 1, "Moeder belt: de nieuwe afspraak is weer verzet.", "new"),
    ("email", 6, "Grootvader mailt dat hij niets hoort over het omgangsplan.", "acknowledged"),
    ("social_media", 9, "Vader schrijft op Facebook dat niemand terugbelt.", "resolved"),
    ("staff", 20, "Gezinsvoogd merkt boosheid bij pleegouders na het huisbezoek.", "stale"),
    ("client_council", 14, "Cliëntenraad: ouders weten niet bij wie ze terecht kunnen.", "talked"),
    ("other", 25, "Brief van advocaat namens moeder over het verslag.", "escalated"),
    ("phone", 30, "Jongere belt zelf: wil een andere jeugdbeschermer.", "stale"),
]


def load_demo_signals(service: Service, now: datetime) -> int:
    for number, (channel, days_ago, summary, fate) in enumerate(SIGNALS):
        received = _weekday(now - timedelta(days=days_ago), now)
        new = NewSignal(
            received,
            channel,
            f"D-{received.year}-{2000 + number * 13}",
            summary,
            team=["Team Noord", "Team Zuid", "Team Oost"][number % 3],
        )
        with service.unit_of_work():
            signal = service.signals.register(new, "intake:demo")
        _follow_up(service, signal, fate, received, now)
    _stem_answers(service, now)
    return len(SIGNALS)


def _follow_up(
    service: Service, signal: Signal, fate: str, received: datetime, now: datetime
) -> None:
    def at(days: int) -> datetime:
        return min(_weekday(received + timedelta(days=days), now), now - timedelta(minutes=1))

    change = service.casework.change_case
    if fate in ("acknowledged", "resolved", "talked", "escalated"):
        with service.unit_of_work():
            change(Signal, signal.id, None, lambda s, t: s.acknowledge(at=at(1), actor=M, now=t))
    if fate in ("resolved", "talked"):
        with service.unit_of_work():
            change(
                Signal,
                signal.id,
                None,
                lambda s, t: s.hold_conversation(
                    at=at(3),
                    actor=M,
                    now=t,
                    participants=["klachtenbemiddelaar"],
                    outcome="Zorgen besproken, afspraak gemaakt",
                ),
            )
    if fate == "resolved":
        with service.unit_of_work():
            change(
                Signal,
                signal.id,
                None,
                lambda s, t: s.resolve(
                    at=at(4), actor=M, now=t, outcome="Teruggebeld; ouder is tevreden"
                ),
            )
    if fate == "escalated":
        with service.unit_of_work():
            service.signals.escalate(signal.id, at(5), M, None)


def _stem_answers(service: Service, now: datetime) -> None:
    """Two STEM answers for one dossier; the second drops sharply and opens a signal."""
    for days_ago, scores in ((20, (4, 4, 5)), (4, (4, 2, 5))):
        answered = _weekday(now - timedelta(days=days_ago), now)
        response = StemResponse(
            "D-2026-3001",
            answered,
            dict(zip(("collaboration", "heard", "agreements_clear"), scores, strict=True)),
        )
        with service.unit_of_work():
            service.signals.record_stem(response, "intake:demo", service.stem_rule)


def _weekday(moment: datetime, now: datetime) -> datetime:
    local = moment.astimezone(AMSTERDAM)
    while local.weekday() >= 5:
        local -= timedelta(days=1)
    return min(local.replace(hour=11, minute=0, second=0, microsecond=0), now - timedelta(hours=1))
