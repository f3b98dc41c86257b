"""The Problem schema (RFC 9457): the body of every error answer, as application/problem+json."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ProblemDetail(BaseModel):
    """One thing wrong with the request: a field (validation) or a register's row and column."""

    message: str
    field: str | None = Field(None, description="where the request names it, e.g. `body.at`")
    row: int | None = Field(None, description="a register's row (import only)")
    column: str | None = Field(None, description="a register's column (import only)")


class Problem(BaseModel):
    """What went wrong, for people (`title`, `detail`) and programs (`type`, `status`)."""

    type: str = Field(description="a URN naming the kind of problem, stable per status")
    title: str
    status: int
    detail: str
    errors: list[ProblemDetail] | None = Field(
        None, description="validation only: each field (or register row) that is wrong"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:gehoord:problem:invalid-request",
                    "title": "Invalid request",
                    "status": 422,
                    "detail": "one or more fields are invalid",
                    "errors": [{"field": "body.at", "message": "Field required"}],
                }
            ]
        }
    )
