"""The read models kept from the log: the case list with its flags, and the report rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from adapters.persistence.cases_view import SqlCasesView
from adapters.persistence.projections import TrackedProjection
from adapters.persistence.reports_view import SqlReportRowsView
from application.case_cache import CaseCache
from application.cases_projection import CasesProjection
from application.casework import Casework
from application.judging import Judge
from application.reports_projection import ReportsProjection


def cases_projection(casework: Casework, judge: Judge) -> TrackedProjection:
    cache = CaseCache(casework.repository)
    projection = CasesProjection(cache, judge)

    def clear(session: Session) -> None:
        cache.forget()
        SqlCasesView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(event, position),
        clear=clear,
        begin=projection.begin,
        flush=lambda session: projection.flush(SqlCasesView(session)),
        redo=lambda event, position, session: projection.refresh(
            event.originator_id, position, SqlCasesView(session)
        ),
    )


def reports_projection(casework: Casework, judge: Judge) -> TrackedProjection:
    cache = CaseCache(casework.repository)
    projection = ReportsProjection(cache, judge)

    def clear(session: Session) -> None:
        cache.forget()
        SqlReportRowsView(session).clear()

    return TrackedProjection(
        name=projection.name,
        process=lambda event, position, session: projection.process(event, position),
        clear=clear,
        begin=projection.begin,
        flush=lambda session: projection.flush(SqlReportRowsView(session)),
        redo=lambda event, position, session: projection.refresh(
            event.originator_id, SqlReportRowsView(session)
        ),
    )
