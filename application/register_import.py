"""Importing a register: every row checked first, then the new ones written, many a transaction.

A file with any bad row writes nothing: every row is read and its whole history tried in memory
through the domain before the first write. `external_ref` is the key: a row imported before is
left alone, and one whose values changed since is reported, not applied. Batches commit one
after another; a process stopped halfway leaves whole batches, and importing the file again adds
the rest. The file's record (name, SHA-256, counts, who) is written with the last batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from application.ports import ImportedComplaint, ImportedComplaints
from application.register_history import ImportComplaint, StepRefused
from application.register_rows import RegisterRefused, RowProblem, read_register
from application.runner import CommandRunner
from application.use_case import Command, Context
from domain.complaint import Complaint
from domain.register_import import RegisterImport

BATCH = 250
Progress = Callable[[str, int, int], None]
"""Called with the phase ("checking" or "importing"), the rows done so far and the total."""


@dataclass(frozen=True)
class ImportRecord:
    """What the file's record in the log says; `imported_before` counts the earlier batches."""

    file_name: str
    sha256: str
    rows: int
    imported_before: int
    already_present: int
    not_applied: int
    by: str


@dataclass(frozen=True)
class ImportRows(Command[dict[str, UUID]]):
    """Several register rows in one transaction; a row imported meanwhile is left out."""

    complaints: tuple[ImportComplaint, ...]
    record: ImportRecord | None = None

    def execute(self, context: Context) -> Sequence[Aggregate]:
        present = context.imported.find([c.row.external_ref for c in self.complaints])
        saved = [
            case
            for complaint in self.complaints
            if complaint.row.external_ref not in present
            for case in complaint.execute(context)
        ]
        if self.record is not None:
            saved.append(self._recorded(self.record, len(saved), context))
        return saved

    def _recorded(self, record: ImportRecord, imported: int, context: Context) -> RegisterImport:
        return RegisterImport.record(
            file_name=record.file_name,
            sha256=record.sha256,
            rows=record.rows,
            imported=record.imported_before + imported,
            already_present=record.already_present + len(self.complaints) - imported,
            not_applied=record.not_applied,
            actor=record.by,
            now=context.now,
        )

    def answer(self, saved: Sequence[Aggregate], context: Context) -> dict[str, UUID]:
        return {c.external_ref or "": c.id for c in saved if isinstance(c, Complaint)}


@dataclass(frozen=True)
class NotApplied:
    """A row whose key was imported before with other values: reported, never applied."""

    row: int
    external_ref: str
    case_id: UUID


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    sha256: str
    dry_run: bool
    rows: int
    imported: int
    already_present: int
    """Rows whose key was imported before (the changed ones among them too)."""
    not_applied: list[NotApplied]
    cases: dict[str, UUID]
    """The case of each row imported now, by external_ref (empty on a dry run)."""


def actor_for(file_name: str) -> str:
    """Who the complaint events name: `import:<file name>`."""
    return f"import:{file_name}"


class RegisterImports:
    """The import use case: read, check every row, then write (unless it is a dry run)."""

    def __init__(self, runner: CommandRunner, imported: ImportedComplaints) -> None:
        self._runner = runner
        self._imported = imported

    def run(
        self,
        table: Sequence[Sequence[object]],
        *,
        file_name: str,
        sha256: str,
        by: str,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Raises RegisterRefused, naming every bad row, before anything is written."""
        note = progress or (lambda phase, done, total: None)
        reading = read_register(table)
        complaints = [ImportComplaint(row, sha256) for row in reading.rows]
        problems = reading.problems + self._tried(complaints, actor_for(file_name), note)
        if problems:
            raise RegisterRefused(problems)
        known = self._known([row.external_ref for row in reading.rows])
        new = [c for c in complaints if c.row.external_ref not in known]
        changed = [
            NotApplied(row.row, row.external_ref, known[row.external_ref].case_id)
            for row in reading.rows
            if row.external_ref in known
            and known[row.external_ref].fingerprint != row.fingerprint()
        ]
        present = len(reading.rows) - len(new)
        report = ImportReport(
            file_name=file_name,
            sha256=sha256,
            dry_run=dry_run,
            rows=len(reading.rows),
            imported=len(new),
            already_present=present,
            not_applied=changed,
            cases={},
        )
        if dry_run or not new:
            return report
        record = ImportRecord(file_name, sha256, report.rows, 0, present, len(changed), by)
        return self._write(new, record, report, note)

    def _tried(
        self, complaints: list[ImportComplaint], actor: str, note: Progress
    ) -> list[RowProblem]:
        context = self._runner.context(actor)
        problems = []
        for done, complaint in enumerate(complaints, start=1):
            try:
                complaint.tried(context, uuid4())
            except StepRefused as refused:
                problems.append(RowProblem(complaint.row.row, refused.column, str(refused)))
            if done % BATCH == 0 or done == len(complaints):
                note("checking", done, len(complaints))
        return problems

    def _known(self, external_refs: list[str]) -> dict[str, ImportedComplaint]:
        known: dict[str, ImportedComplaint] = {}
        for start in range(0, len(external_refs), BATCH):
            known |= self._imported.find(external_refs[start : start + BATCH])
        return known

    def _write(
        self, new: list[ImportComplaint], record: ImportRecord, report: ImportReport, note: Progress
    ) -> ImportReport:
        cases: dict[str, UUID] = {}
        for start in range(0, len(new), BATCH):
            last = start + BATCH >= len(new)
            batch = ImportRows(
                tuple(new[start : start + BATCH]),
                replace(record, imported_before=len(cases)) if last else None,
            )
            made: dict[str, UUID] = self._runner.run(batch, actor=actor_for(record.file_name))
            cases.update(made)
            note("importing", min(start + BATCH, len(new)), len(new))
        imported = len(cases)
        return replace(
            report, imported=imported, already_present=report.rows - imported, cases=cases
        )
