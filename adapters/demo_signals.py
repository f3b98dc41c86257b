"""Demo signals: every channel; some heard in time, some resolved, escalated or left stale."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from adapters.bootstrap import Service
from application.signal_use_cases import (
    AcknowledgeSignal,
    EscalateSignal,
    HoldSignalConversation,
    RecordStemResponse,
    RegisterSignal,
    ResolveSignal,
)
from application.use_case import CaseView, Command
from domain.calendar import AMSTERDAM
from domain.values import SignalChannel

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
        registration = RegisterSignal(
            received,
            SignalChannel(channel),
            f"D-{received.year}-{2000 + number * 13}",
            summary,
            team=["Team Noord", "Team Zuid", "Team Oost"][number % 3],
        )
        signal = service.commands.run(registration, actor="intake:demo").case
        for step in _follow_up(signal.id, fate, received, now):
            service.commands.run(step, actor=M)
    _stem_answers(service, now)
    return len(SIGNALS)


def _follow_up(
    signal: UUID, fate: str, received: datetime, now: datetime
) -> list[Command[CaseView]]:
    def at(days: int) -> datetime:
        return min(_weekday(received + timedelta(days=days), now), now - timedelta(minutes=1))

    steps: list[Command[CaseView]] = []
    if fate in ("acknowledged", "resolved", "talked", "escalated"):
        steps.append(AcknowledgeSignal(signal, at(1)))
    if fate in ("resolved", "talked"):
        talk = HoldSignalConversation(
            signal, at(3), ("klachtenbemiddelaar",), "Zorgen besproken, afspraak gemaakt"
        )
        steps.append(talk)
    if fate == "resolved":
        steps.append(ResolveSignal(signal, at(4), "Teruggebeld; ouder is tevreden"))
    if fate == "escalated":
        steps.append(EscalateSignal(signal, at(5)))
    return steps


def _stem_answers(service: Service, now: datetime) -> None:
    """Two STEM answers for one dossier; the second drops sharply and opens a signal."""
    for days_ago, (collaboration, heard, clear) in ((20, (4, 4, 5)), (4, (4, 2, 5))):
        answered = _weekday(now - timedelta(days=days_ago), now)
        answer = RecordStemResponse("D-2026-3001", answered, collaboration, heard, clear)
        service.commands.run(answer, actor="intake:demo")


def _weekday(moment: datetime, now: datetime) -> datetime:
    local = moment.astimezone(AMSTERDAM)
    while local.weekday() >= 5:
        local -= timedelta(days=1)
    return min(local.replace(hour=11, minute=0, second=0, microsecond=0), now - timedelta(hours=1))
