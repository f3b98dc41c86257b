"""Builds a data set of complaints quickly: many registrations per transaction, judged as usual.

Reused by the benchmark and usable by reliability runs: `build_cases(service, 100_000)`.
"""

from __future__ import annotations

from datetime import timedelta

from adapters.bootstrap import Service
from application.casework import NewComplaint

TEAMS = ["Team Noord", "Team Zuid", "Team Oost", "Team West"]


def build_cases(service: Service, count: int, batch: int = 500, spread_days: int = 60) -> None:
    """`count` complaints received over the last `spread_days` days, `batch` per transaction.

    Older ones already carry acknowledgement flags, as they would in a real store."""
    now = service.clock.now()
    casework = service.casework
    for start in range(0, count, batch):
        with service.unit_of_work():
            complaints = [
                casework.new_complaint(
                    NewComplaint(
                        received_at=now - timedelta(minutes=(n * 37) % (spread_days * 24 * 60)),
                        channel=("email", "phone", "letter", "web")[n % 4],
                        complainant={"name": f"Ouder {n}"},
                        dossier_ref=f"D-{n}",
                        subject="Benchmark",
                        description="",
                        team=TEAMS[n % len(TEAMS)],
                    ),
                    "intake:bench",
                )
                for n in range(start, min(start + batch, count))
            ]
            casework.save(*complaints)
