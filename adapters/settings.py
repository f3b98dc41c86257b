"""The one settings object: every GEHOORD_* environment variable, validated at start-up."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///var/gehoord.sqlite"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GEHOORD_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="sqlite:///path/file.sqlite or postgresql+psycopg://user@host:5432/db",
    )
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    scheduler: Literal["on", "off"] = "on"
    sweep_seconds: float = Field(60.0, gt=0)
    projection_poll_seconds: float = Field(0.5, gt=0, description="catch-up interval on SQLite")
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    closing_days: list[date] = Field(default_factory=list, description="JSON list of ISO dates")
    good_friday_off: bool = True
    liberation_day_off: bool = True

    @field_validator("database_url")
    @classmethod
    def _known_store(cls, url: str) -> str:
        if not (url.startswith("sqlite:///") or url.startswith("postgresql")):
            raise ValueError("must start with sqlite:/// or postgresql+psycopg://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")
