"""An imported register, recorded as an event: which file (by SHA-256), by whom, how many rows."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate


class RegisterImport(Aggregate):
    """A spreadsheet register was imported: the file's name and SHA-256 and what it added."""

    if TYPE_CHECKING:
        file_name: str
        sha256: str
        rows: int
        imported: int
        already_present: int
        not_applied: int

    class Recorded(Aggregate.Created):
        file_name: str
        sha256: str
        rows: int
        imported: int
        already_present: int
        not_applied: int
        at: datetime
        actor: str

        def apply(self, record: RegisterImport) -> None:
            record.file_name, record.sha256, record.rows = self.file_name, self.sha256, self.rows
            record.imported, record.already_present = self.imported, self.already_present
            record.not_applied = self.not_applied

    @classmethod
    def record(
        cls,
        *,
        file_name: str,
        sha256: str,
        rows: int,
        imported: int,
        already_present: int,
        not_applied: int,
        actor: str,
        now: datetime,
    ) -> RegisterImport:
        return cls._create(
            cls.Recorded,
            file_name=file_name,
            sha256=sha256,
            rows=rows,
            imported=imported,
            already_present=already_present,
            not_applied=not_applied,
            at=now,
            actor=actor,
            timestamp=now,
        )
