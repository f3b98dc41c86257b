"""The read models kept from the log: the case list with its flags, and the report rows."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.persistence import EventStore, Mapper
from sqlalchemy.orm import Session

from adapters.persistence.case_batches import SqlCaseBatches
from adapters.persistence.cases_view import SqlCasesView
from adapters.persistence.projections import TrackedProjection
from adapters.persistence.reports_view import SqlReportRowsView
from application.case_cache import CaseCache
from application.cases_projection import CasesProjection
from application.casework import Casework
from application.judging import Judge
from application.reports_projection import ReportsProjection


def sealed_cases(casework: Casework) -> Repository[UUID]:
    """The log's cases with personal data left sealed: no read model needs it, and opening it
    costs a key lookup per person."""
    mapper: Mapper[UUID] = Mapper(
        casework.mapper.transcoder, casework.mapper.compressor, casework.mapper.cipher
    )
    return Repository(EventStore(mapper, casework.recorder))


def read_models(casework: Casework, judge: Judge) -> list[TrackedProjection]:
    """The cases and reports projections, sharing one cache: a case is loaded and advanced once
    per batch for both."""
    cache = CaseCache(sealed_cases(casework), SqlCaseBatches(casework))
    return [cases_projection(cache, judge), reports_projection(cache, judge)]


def cases_projection(cache: CaseCache, judge: Judge) -> TrackedProjection:
    projection = CasesProjection(cache, judge)

    def clear(session: Session) -> None:
        cache.forget()
        SqlCasesView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(event, position),
        clear=clear,
        begin=projection.begin,
        prepare=cache.prefetch,
        offer=cache.offer,
        forget=cache.forget,
        flush=lambda session: projection.flush(SqlCasesView(session)),
        redo=lambda event, position, session: projection.refresh(
            event.originator_id, position, SqlCasesView(session)
        ),
    )


def reports_projection(cache: CaseCache, judge: Judge) -> TrackedProjection:
    projection = ReportsProjection(cache, judge)

    def clear(session: Session) -> None:
        cache.forget()
        SqlReportRowsView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(event, position),
        clear=clear,
        begin=projection.begin,
        prepare=cache.prefetch,
        offer=cache.offer,
        forget=cache.forget,
        flush=lambda session: projection.flush(SqlReportRowsView(session)),
        redo=lambda event, position, session: projection.refresh(
            event.originator_id, SqlReportRowsView(session)
        ),
    )
