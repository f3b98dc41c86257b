"""Creates or upgrades the schema; safe to run twice and from several processes at once."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)

from adapters.persistence.schema import (
    READ_MODELS,
    UtcDateTime,
    access_records,
    metadata,
    projection_tracking,
)

_LOCK_KEY = 472_019_331  # any fixed number: the advisory lock all migrating processes share


def create_schema(recorder: SQLAlchemyApplicationRecorder) -> None:
    engine = recorder.datastore.engine
    assert isinstance(engine, Engine)
    with _exclusive(engine):
        recorder.create_table()
        _renew_changed_read_models(engine)
        _add_new_columns(engine)
        metadata.create_all(engine, checkfirst=True)
        _carry_over_access_log(engine)
        for table in metadata.sorted_tables:  # indexes added to tables that existed already
            for index in table.indexes:
                index.create(engine, checkfirst=True)


def _renew_changed_read_models(engine: Engine) -> None:
    """A read model whose table changed shape is dropped with its tracking position, so it is
    created anew and rebuilt from the log on the next catch-up. Read models hold nothing the
    log does not, which is what makes this upgrade safe; other tables only ever gain tables."""
    existing = inspect(engine)
    for projection, tables in READ_MODELS.items():
        changed = [
            table
            for table in tables
            if existing.has_table(table.name)
            and {c["name"] for c in existing.get_columns(table.name)} != set(table.c.keys())
        ]
        if not changed:
            continue
        with engine.begin() as connection:
            for table in tables:
                table.drop(connection, checkfirst=True)
            connection.execute(
                delete(projection_tracking).where(projection_tracking.c.name == projection)
            )


def _add_new_columns(engine: Engine) -> None:
    """A table kept from an earlier version gains the columns added since; only columns that
    may be empty are added this way (a later version that needs more says so here)."""
    existing = inspect(engine)
    renewed = {table.name for tables in READ_MODELS.values() for table in tables}
    for table in metadata.sorted_tables:
        if table.name in renewed or not existing.has_table(table.name):
            continue
        present = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.c:
            if column.name in present:
                continue
            if not column.nullable:
                raise RuntimeError(f"{table.name}.{column.name} cannot be added to filled rows")
            kind = column.type.compile(dialect=engine.dialect)
            with engine.begin() as connection:
                connection.execute(
                    text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}")
                )


_FIRST_ACCESS_LOG = Table(
    "access_log",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime),
    Column("actor", String),
    Column("case_id", String),
    Column("endpoint", String),
)


def _carry_over_access_log(engine: Engine) -> None:
    """Rows of the first access log (`access_log`: at, actor, case_id, endpoint) are copied
    once into `access_records` as reads; the old table stays, untouched, as it was."""
    existing = inspect(engine)
    if not existing.has_table("access_log"):
        return
    with engine.begin() as connection:
        if connection.execute(select(func.count()).select_from(access_records)).scalar_one():
            return
        old = connection.execute(select(_FIRST_ACCESS_LOG).order_by(_FIRST_ACCESS_LOG.c.id))
        rows = [
            {
                "at": at,
                "user_name": actor.partition(":")[2] or actor,
                "role": actor.partition(":")[0],
                "action": "read",
                "case_id": case_id,
                "access_point": endpoint,
                "address": "-",
                "request_id": "",
            }
            for _, at, actor, case_id, endpoint in old
        ]
        if rows:
            connection.execute(insert(access_records), rows)


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
    lock_file = os.open(f"{database}.migrate-lock", os.O_CREAT | os.O_WRONLY, 0o600)
    with os.fdopen(lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
