"""The event store's infrastructure factory: eventsourcing-sqlalchemy with our engine options."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, StoredEvent
from eventsourcing.utils import Environment
from eventsourcing_sqlalchemy.datastore import SQLAlchemyDatastore
from eventsourcing_sqlalchemy.factory import SQLAlchemyFactory
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import insert
from sqlalchemy.orm import Session


class EventInserts(SQLAlchemyApplicationRecorder):
    """The library's application recorder, with a command's events inserted by one Core
    `INSERT ... RETURNING id` (batched into multi-row statements by SQLAlchemy) instead of
    ORM objects flushed one by one; the table lock and the notification are the library's."""

    def _insert_stored_events(
        self, session: Session, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int]:
        if not stored_events:
            return []
        table = self.events_record_cls.__table__
        if self._has_autoincrementing_ids:
            self._lock_table(session)
        rows = [
            {
                "originator_id": e.originator_id,
                "originator_version": e.originator_version,
                "topic": e.topic,
                "state": e.state,
            }
            for e in stored_events
        ]
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = list(session.execute(statement, rows).scalars())
        self._notify_channel(session)
        return ids


class GehoordFactory(SQLAlchemyFactory):
    """Like the library's factory, but PostgreSQL connections are checked before use
    (so the service recovers by itself after an outage) and SQLite waits for its lock."""

    application_recorder_class = EventInserts

    def __init__(self, env: Environment) -> None:
        InfrastructureFactory.__init__(self, env)
        self._schema_name = None
        url = str(self.env.get(self.SQLALCHEMY_URL))
        options: dict[str, Any]
        if url.startswith("sqlite"):
            options = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        else:
            options = {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 10}
        self.datastore = SQLAlchemyDatastore(url=url, **options)


def event_store_env(database_url: str, cipher_key: bytes | None = None) -> dict[str, str]:
    """The environment the eventsourcing Application reads its persistence settings from.

    With `cipher_key`, every stored event is also encrypted whole by the library's
    `cryptography`-based AES-GCM cipher (about 3 µs an event here, against about 85 µs for the
    default pycryptodome one), on top of the per-person sealing of personal data.
    """
    env = {
        "PERSISTENCE_MODULE": "adapters.persistence.factory:GehoordFactory",
        "SQLALCHEMY_URL": database_url,
        "CREATE_TABLE": "no",
    }
    if cipher_key is not None:
        env["CIPHER_TOPIC"] = "eventsourcing.cryptography:AESCipher"
        env["CIPHER_KEY"] = base64.b64encode(cipher_key).decode()
    return env
