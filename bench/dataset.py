"""Builds a data set of complaints quickly: many registrations per transaction, judged as usual.

Reused by the benchmark and usable by reliability runs: `build_cases(service, 100_000)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from eventsourcing.domain import Aggregate

from adapters.bootstrap import Service
from application.complaint_use_cases import RegisterComplaint
from application.use_case import Command, Context
from domain.records import Contact
from domain.values import Channel

TEAMS = ["Team Noord", "Team Zuid", "Team Oost", "Team West"]
CHANNELS = (Channel.EMAIL, Channel.PHONE, Channel.LETTER, Channel.WEB)


@dataclass(frozen=True)
class RegisterMany(Command[int]):
    """Many registrations in one transaction (a data set, not a person's command)."""

    registrations: tuple[RegisterComplaint, ...]

    def execute(self, context: Context) -> Sequence[Aggregate]:
        return [
            r.receive(context, person_id=context.person_for(r.complainant))
            for r in self.registrations
        ]

    def answer(self, saved: Sequence[Aggregate], context: Context) -> int:
        return len(saved)


def build_cases(service: Service, count: int, batch: int = 500, spread_days: int = 60) -> None:
    """`count` complaints received over the last `spread_days` days, `batch` per transaction.

    Older ones already carry acknowledgement flags, as they would in a real store."""
    now = service.clock.now()
    for start in range(0, count, batch):
        registrations = tuple(
            RegisterComplaint(
                received_at=now - timedelta(minutes=(n * 37) % (spread_days * 24 * 60)),
                channel=CHANNELS[n % 4],
                complainant=Contact(f"Ouder {n}"),
                dossier_ref=f"D-{n}",
                subject="Benchmark",
                description="",
                team=TEAMS[n % len(TEAMS)],
            )
            for n in range(start, min(start + batch, count))
        )
        service.commands.run(RegisterMany(registrations), actor="intake:bench")
