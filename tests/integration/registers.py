"""Registers as an organisation keeps them: rows in the register's own words, as CSV or XLSX."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from application.register_rows import COLUMNS
from application.register_table import csv_register

# The clock of the tests stands at Monday 16 March 2026, 10:00 in Amsterdam.
ON_TIME = {
    "external_ref": "2026-001",
    "received_at": "02-02-2026 09:30",
    "channel": "E-mail",
    "complainant_name": "Fatima de Vries",
    "complainant_email": "f.devries@example.nl",
    "dossier_ref": "D-2026-0142",
    "subject": "Afspraken niet nagekomen",
    "description": "De gezinsvoogd kwam twee keer niet.",
    "team": "Team Noord",
    "acknowledged_at": "03-02-2026",
    "conversation_at": "05-02-2026 14:00",
    "minutes_at": "09-02-2026 10:00",
    "closed_at": "12-02-2026",
}
LATE = {
    "external_ref": "2026-002",
    "received_at": "02-02-2026",
    "channel": "brief",
    "complainant_name": "Jan Jansen",
    "complainant_phone": "06-12345678",
    "dossier_ref": "D-2026-0077",
    "subject": "Niet gehoord",
    "team": "Team Zuid",
    "acknowledged_at": "16-02-2026 11:00",  # due end of Mon 9 Feb: five working days
    "conversation_at": "17-02-2026 10:00",
    "minutes_at": "02-03-2026",  # due end of Tue 24 Feb
    "closed_at": "03-03-2026",
}
STILL_OPEN = {
    "external_ref": "2026-003",
    "received_at": "2026-02-16T08:15:00+01:00",
    "channel": "Telefoon",
    "complainant_name": "Sanne Bakker",
    "dossier_ref": "D-2026-0311",
    "subject": "Slecht bereikbaar",
    "team": "Team Oost",
}
RULED = {
    "external_ref": "2026-004",
    "received_at": "05-01-2026",
    "channel": "persoonlijk",
    "complainant_name": "Kees van Dijk",
    "dossier_ref": "D-2025-0999",
    "subject": "Omgangsregeling",
    "team": "Team West",
    "acknowledged_at": "06-01-2026",
    "referred_at": "12-01-2026",
    "ruling_at": "10-02-2026",
    "verdict": "Deels gegrond",
    "apology_at": "20-02-2026",
    "measures_at": "20-02-2026",
    "measures": "Vaste jeugdbeschermer per gezin; Terugbelnorm van 2 werkdagen",
    "closed_at": "25-02-2026",
}
REGISTER = [ON_TIME, LATE, STILL_OPEN, RULED]


def csv_bytes(rows: list[dict[str, str]], separator: str = ";", encoding: str = "utf-8") -> bytes:
    return csv_register(COLUMNS, rows, separator).encode(encoding)


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    """As Excel keeps a register: date cells as dates (no offset), the rest as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_cell(column, row.get(column)) for column in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(column: str, value: Any) -> Any:
    if isinstance(value, str) and column.endswith("_at") and "-" in value[:3]:
        return datetime.strptime(value, "%d-%m-%Y %H:%M" if ":" in value else "%d-%m-%Y")
    return value
