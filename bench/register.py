"""A spreadsheet register of many complaints, for timing `gehoord import` as a real one is run.

Rows cycle through the paths a register holds: acknowledged on time and closed after a
conversation, acknowledged late, referred and ruled (with an apology and measures), withdrawn,
and still open. Dates are written the Dutch way (dd-mm-jjjj uu:mm), `;`-separated, UTF-8.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from application.register_rows import COLUMNS
from application.register_table import csv_register

STORIES: list[dict[str, int]] = [
    {"acknowledged_at": 1, "conversation_at": 6, "minutes_at": 8, "closed_at": 10},
    {"acknowledged_at": 12, "conversation_at": 14, "minutes_at": 25},
    {"acknowledged_at": 2, "referred_at": 5, "ruling_at": 30, "apology_at": 35, "measures_at": 35},
    {"acknowledged_at": 1, "withdrawn_at": 4},
    {},
]


def register_csv(count: int, now: datetime) -> bytes:
    """`count` rows received over the last year, none later than a day before `now`."""
    rows = []
    for n in range(count):
        received = now - timedelta(days=40 + n % 320, hours=n % 7)
        row: dict[str, Any] = {
            "external_ref": f"REG-{n:06d}",
            "received_at": received,
            "channel": ("brief", "e-mail", "telefoon", "website")[n % 4],
            "complainant_name": f"Ouder {n}",
            "complainant_email": f"ouder{n}@example.nl",
            "dossier_ref": f"D-{n % 5000}",
            "subject": "Afspraken niet nagekomen",
            "description": "De jeugdbeschermer kwam niet op de afgesproken tijd.",
            "team": ("Team Noord", "Team Zuid", "Team Oost")[n % 3],
        }
        story = STORIES[n % len(STORIES)]
        row |= {column: received + timedelta(days=days) for column, days in story.items()}
        if "ruling_at" in story:
            row |= {"verdict": "deels gegrond", "measures": "Vaste jeugdbeschermer"}
        rows.append(row)
    return csv_register(COLUMNS, rows).encode()
