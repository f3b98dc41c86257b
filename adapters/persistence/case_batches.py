"""Loads many cases in one select, for the sweep: personal data stays sealed (it judges dates)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import bindparam, select


class SqlCaseBatches:
    """`load(ids)`: each case as its events make it now, or at the version `versions` names;
    ids without events are left out."""

    def __init__(self, app: Application[Any]) -> None:
        recorder = app.recorder
        assert isinstance(recorder, SQLAlchemyApplicationRecorder)
        self._recorder = recorder
        self._mapper: Mapper[Any] = Mapper(
            app.mapper.transcoder, app.mapper.compressor, app.mapper.cipher
        )
        record = recorder.events_record_cls
        self._events_of = (  # built once: its cache key is not worked out again per call
            select(record.originator_id, record.originator_version, record.topic, record.state)
            .where(record.originator_id.in_(bindparam("ids", expanding=True)))
            .order_by(record.originator_id, record.originator_version)
        )

    def load(
        self, case_ids: Sequence[UUID], versions: Mapping[UUID, int] | None = None
    ) -> dict[UUID, Aggregate]:
        with self._recorder.transaction(commit=False) as session:
            rows = session.execute(self._events_of, {"ids": list(case_ids)}).all()
        cases: dict[UUID, Any] = {}
        for originator_id, version, topic, state in rows:
            if versions is not None and version > versions.get(originator_id, version):
                continue
            stored = StoredEvent(
                originator_id=originator_id,
                originator_version=version,
                topic=topic,
                state=bytes(state) if isinstance(state, memoryview) else state,
            )
            event: Any = self._mapper.to_domain_event(stored)
            cases[originator_id] = event.mutate(cases.get(originator_id))
        return cases
