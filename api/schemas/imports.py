"""Register import schemas: what an import did (or a dry run would do), and a refused row."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict

from application.register_import import ImportReport


class NotAppliedPublic(BaseModel):
    """A row whose `external_ref` was imported before with other values: left as it was."""

    row: int
    external_ref: str
    case_id: UUID


class ImportResultPublic(BaseModel):
    """`imported` is what was added (on a dry run: what would be); `already_present` counts rows
    whose `external_ref` was imported before, `not_applied` lists those among them that changed."""

    file_name: str
    sha256: str
    dry_run: bool
    rows: int
    imported: int
    already_present: int
    not_applied: list[NotAppliedPublic]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "file_name": "klachtenregister-2025.csv",
                    "sha256": "9f2c0d5e3b1a47c8e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6",
                    "dry_run": False,
                    "rows": 3,
                    "imported": 3,
                    "already_present": 0,
                    "not_applied": [],
                }
            ]
        }
    )

    @classmethod
    def of(cls, report: ImportReport) -> ImportResultPublic:
        return cls(
            file_name=report.file_name,
            sha256=report.sha256,
            dry_run=report.dry_run,
            rows=report.rows,
            imported=report.imported,
            already_present=report.already_present,
            not_applied=[
                NotAppliedPublic(row=n.row, external_ref=n.external_ref, case_id=n.case_id)
                for n in report.not_applied
            ],
        )
