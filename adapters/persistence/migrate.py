"""Creates or upgrades the schema; safe to run twice and from several processes at once."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import Engine, text

from adapters.persistence.schema import metadata

_LOCK_KEY = 472_019_331  # any fixed number: the advisory lock all migrating processes share


def create_schema(recorder: SQLAlchemyApplicationRecorder) -> None:
    engine = recorder.datastore.engine
    assert isinstance(engine, Engine)
    with _exclusive(engine):
        recorder.create_table()
        metadata.create_all(engine, checkfirst=True)


@contextmanager
def _exclusive(engine: Engine) -> Iterator[None]:
    """One migrating process at a time: an advisory lock on PostgreSQL, a lock file on SQLite."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    with open(f"{database}.migrate-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
