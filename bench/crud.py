"""The CRUD baseline for HTTP commands: FastAPI + SQLAlchemy, a token looked up per request and
one row written per command in its own transaction, on SQLite in WAL mode or on PostgreSQL.
Run as `python -m bench.crud URL PORT TOKEN`; it serves what gehoord's assign endpoint serves."""

from __future__ import annotations

import hashlib
import sys
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import uvicorn
from fastapi import FastAPI, Header, HTTPException
from pydantic import BaseModel
from sqlalchemy import Column, DateTime, MetaData, String, Table, create_engine, event, select

metadata = MetaData()
tokens = Table("crud_tokens", metadata, Column("digest", String, primary_key=True))
assignments = Table(
    "crud_assignments",
    metadata,
    Column("id", String, primary_key=True),
    Column("case_id", String, nullable=False),
    Column("mediator", String, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)


class Assign(BaseModel):
    mediator: str


def create_app(url: str, token: str) -> FastAPI:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def wal(connection: Any, _: Any) -> None:
            connection.execute("PRAGMA journal_mode=WAL")

    metadata.create_all(engine)
    with engine.begin() as connection:
        digest = hashlib.sha256(token.encode()).hexdigest()
        if connection.execute(select(tokens).where(tokens.c.digest == digest)).first() is None:
            connection.execute(tokens.insert().values(digest=digest))
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/complaints/{case_id}/assign")
    def assign(
        case_id: uuid.UUID, body: Assign, authorization: Annotated[str, Header()] = ""
    ) -> dict[str, str]:
        digest = hashlib.sha256(authorization.removeprefix("Bearer ").encode()).hexdigest()
        with engine.begin() as connection:
            if connection.execute(select(tokens).where(tokens.c.digest == digest)).first() is None:
                raise HTTPException(401)
            row_id = str(uuid.uuid4())
            connection.execute(
                assignments.insert().values(
                    id=row_id, case_id=str(case_id), mediator=body.mediator, at=datetime.now(UTC)
                )
            )
        return {"id": row_id}

    return app


if __name__ == "__main__":
    url, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    uvicorn.run(create_app(url, token), host="127.0.0.1", port=port, log_level="warning")
