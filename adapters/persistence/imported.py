"""Imported register rows in SQL, keyed by an HMAC of `external_ref` (no plain personal data)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from sqlalchemy import insert, select

from adapters.persistence.schema import imported_complaints
from adapters.persistence.sql import SqlTables
from application.ports import ImportedComplaint

T = imported_complaints.c


class SqlImportedComplaints(SqlTables):
    def __init__(self, datastore: SQLAlchemyDatastore, master_key: bytes) -> None:
        super().__init__(datastore)
        self._key = hashlib.sha256(b"gehoord:imported-rows:" + master_key).digest()

    def _hmac(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), "sha256").hexdigest()

    def find(self, external_refs: Sequence[str]) -> dict[str, ImportedComplaint]:
        asked = {self._hmac(ref): ref for ref in external_refs}
        if not asked:
            return {}
        query = select(T.external_ref_hmac, T.case_id, T.fingerprint).where(
            T.external_ref_hmac.in_(list(asked))
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return {
            asked[r.external_ref_hmac]: ImportedComplaint(
                asked[r.external_ref_hmac], UUID(r.case_id), r.fingerprint
            )
            for r in rows
        }

    def record(self, imported: Sequence[ImportedComplaint], file_sha256: str, at: datetime) -> None:
        if not imported:
            return
        values = [
            {
                "external_ref_hmac": self._hmac(i.external_ref),
                "case_id": str(i.case_id),
                "fingerprint": i.fingerprint,
                "file_sha256": file_sha256,
                "imported_at": at,
            }
            for i in imported
        ]
        with self._write() as session:
            session.execute(insert(imported_complaints), values)
