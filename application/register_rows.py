"""A register's rows read into typed rows, and every bad cell named by row and column.

Rows are numbered as the spreadsheet shows them: the header is row 1, the first case row 2.
A bare date (no time) is read as 00:00 Amsterdam time, except on the day of an earlier step of
the same row, where it stands for that step's moment: "received 14:30, acknowledged that day".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from application.errors import ApplicationError
from application.register_values import (
    CellRefused,
    Dated,
    is_blank,
    read_channel,
    read_email,
    read_measures,
    read_moment,
    read_phone,
    read_text,
    read_verdict,
)
from domain.calendar import AMSTERDAM
from domain.records import Contact
from domain.values import Channel, Verdict

STEPS = (
    "received_at",
    "acknowledged_at",
    "conversation_at",
    "minutes_at",
    "referred_at",
    "ruling_at",
    "apology_at",
    "measures_at",
    "closed_at",
    "withdrawn_at",
)
"""The dated columns in the order of a complaint's lifecycle."""

READERS: dict[str, Callable[[object], Any]] = {
    "external_ref": read_text,
    "channel": read_channel,
    "complainant_name": read_text,
    "complainant_email": read_email,
    "complainant_phone": read_phone,
    "dossier_ref": read_text,
    "subject": lambda value: read_text(value, 500),
    "description": lambda value: read_text(value, 20_000),
    "team": read_text,
    "verdict": read_verdict,
    "measures": read_measures,
    **{step: read_moment for step in STEPS},
}
COLUMNS = (
    "external_ref",
    "received_at",
    "channel",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "dossier_ref",
    "subject",
    "description",
    "team",
    *STEPS[1:6],
    "verdict",
    "apology_at",
    "measures_at",
    "measures",
    "closed_at",
    "withdrawn_at",
)
REQUIRED: tuple[str, ...] = ("external_ref", "received_at", "channel", "complainant_name")
REQUIRED += ("dossier_ref", "subject", "team")
TOGETHER = (("ruling_at", "verdict"), ("measures_at", "measures"))
MAX_ROWS = 100_000


@dataclass(frozen=True, order=True)
class RowProblem:
    row: int
    column: str
    message: str


class RegisterRefused(ApplicationError):
    """Raised when a register has bad rows; nothing of it is written."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(f"{len({p.row for p in problems})} bad row(s); nothing was imported")
        self.problems = sorted(problems)


@dataclass(frozen=True)
class RegisterRow:
    """One complaint as the register has it; moments carry their offset."""

    row: int
    external_ref: str
    received_at: datetime
    channel: Channel
    complainant: Contact
    dossier_ref: str
    subject: str
    team: str
    description: str = ""
    verdict: Verdict | None = None
    measures: tuple[str, ...] = ()
    steps: dict[str, datetime] = field(default_factory=dict)
    """Every dated column after receipt that the row fills in, by column name."""

    def fingerprint(self) -> str:
        """What the row says, whatever the file's encoding, separator or way of writing dates."""
        said = asdict(self)
        del said["row"]
        text = json.dumps(said, sort_keys=True, default=lambda v: v.astimezone(UTC).isoformat())
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class RegisterReading:
    rows: list[RegisterRow]
    problems: list[RowProblem]


def read_register(table: Sequence[Sequence[object]]) -> RegisterReading:
    """Typed rows and the problems of every bad cell, header included; empty rows are skipped."""
    header = [read_header(cell) for cell in table[0]] if table else []
    problems = header_problems(header)
    if problems:
        return RegisterReading([], problems)
    rows: list[RegisterRow] = []
    first_seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if all(is_blank(cell) for cell in cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            problems.append(RowProblem(number, "", f"a register holds at most {MAX_ROWS} rows"))
            break
        row, found = read_row(number, header, cells)
        problems += found
        if row is None:
            continue
        if (seen := first_seen.setdefault(row.external_ref, number)) != number:
            problems.append(RowProblem(number, "external_ref", f"the same as row {seen}"))
        rows.append(row)
    return RegisterReading(rows, problems)


def read_header(cell: object) -> str:
    return str(cell or "").strip().lstrip("\ufeff").lower()


def header_problems(header: list[str]) -> list[RowProblem]:
    if not any(header):
        return [RowProblem(1, "", "the file has no header row naming the columns")]
    problems = [RowProblem(1, c, "missing column") for c in REQUIRED if c not in header]
    for index, name in enumerate(header):
        if name and name not in COLUMNS:
            problems.append(RowProblem(1, name, "unknown column; see the template's columns"))
        elif name and name in header[:index]:
            problems.append(RowProblem(1, name, "this column appears twice"))
    return problems


def read_row(
    number: int, header: list[str], cells: Sequence[object]
) -> tuple[RegisterRow | None, list[RowProblem]]:
    values: dict[str, Any] = {}
    problems: list[RowProblem] = []
    if any(not is_blank(cell) for cell in cells[len(header) :]):
        problems.append(RowProblem(number, "", "more cells than the header has columns"))
    for name, cell in zip(header, cells, strict=False):
        if not name or is_blank(cell):
            continue
        try:
            values[name] = READERS[name](cell)
        except CellRefused as refused:
            problems.append(RowProblem(number, name, str(refused)))
    bad = {p.column for p in problems}
    for name in REQUIRED:
        if name not in values and name not in bad:
            problems.append(RowProblem(number, name, "required"))
    for first, second in TOGETHER:
        if (first in values) != (second in values) and not {first, second} & bad:
            missing = second if first in values else first
            problems.append(RowProblem(number, missing, f"{first} and {second} go together"))
    if problems:
        return None, problems
    moments = on_the_day(values)
    contact = Contact(
        values["complainant_name"], values.get("complainant_email"), values.get("complainant_phone")
    )
    row = RegisterRow(
        row=number,
        external_ref=values["external_ref"],
        received_at=moments.pop("received_at"),
        channel=values["channel"],
        complainant=contact,
        dossier_ref=values["dossier_ref"],
        subject=values["subject"],
        team=values["team"],
        description=values.get("description", ""),
        verdict=values.get("verdict"),
        measures=values.get("measures", ()),
        steps=moments,
    )
    return row, []


def on_the_day(values: dict[str, Any]) -> dict[str, datetime]:
    """Each dated column's moment in UTC (as the API keeps every moment); a bare date no earlier
    than an earlier step that same day."""
    moments: dict[str, datetime] = {}
    for step in STEPS:
        dated: Dated | None = values.get(step)
        if dated is None:
            continue
        at = dated.at
        if not dated.has_time:
            day = at.astimezone(AMSTERDAM).date()
            same_day = [m for m in moments.values() if m.astimezone(AMSTERDAM).date() == day]
            at = max([at, *same_day])
        moments[step] = at.astimezone(UTC)
    return moments
