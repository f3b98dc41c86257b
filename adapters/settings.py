"""The one settings object: every GEHOORD_* environment variable, validated at start-up."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///var/gehoord.sqlite"


class PolicyVersion(BaseModel):
    """A dated version of the norms; fields left out keep the defaults of DOMAIN.md."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1, max_length=32)
    effective_from: date
    acknowledgement_days: int | None = Field(None, ge=1, le=60)
    acknowledgement_warn_days: int | None = Field(None, ge=0, le=60)
    minutes_days: int | None = Field(None, ge=1, le=60)
    minutes_warn_days: int | None = Field(None, ge=0, le=60)
    decision_weeks: int | None = Field(None, ge=1, le=52)
    decision_warn_weeks: int | None = Field(None, ge=0, le=52)
    max_extensions: int | None = Field(None, ge=0, le=10)
    max_extension_weeks: int | None = Field(None, ge=1, le=52)
    upheld_response_months: int | None = Field(None, ge=1, le=12)
    upheld_response_warn_weeks: int | None = Field(None, ge=0, le=52)
    agreement_warn_days: int | None = Field(None, ge=0, le=60)
    signal_acknowledgement_days: int | None = Field(None, ge=1, le=60)
    signal_acknowledgement_warn_days: int | None = Field(None, ge=0, le=60)
    signal_open_days: int | None = Field(None, ge=1, le=120)
    signal_open_warn_days: int | None = Field(None, ge=0, le=120)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GEHOORD_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="sqlite:///path/file.sqlite or postgresql+psycopg://user@host:5432/db",
    )
    master_key: SecretStr | None = Field(
        None, description="base64 of 32 random bytes; wraps every person's data key"
    )
    master_key_file: Path = Field(
        Path("var/master.key"), description="read when GEHOORD_MASTER_KEY is not set"
    )
    event_encryption: bool = Field(
        False, description="also encrypt every stored event whole (the library's AES cipher)"
    )
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    scheduler: Literal["on", "off"] = "on"
    sweep_seconds: float = Field(60.0, gt=0)
    projection_poll_seconds: float = Field(0.5, gt=0, description="catch-up interval on SQLite")
    auth_failures_per_minute: int = Field(
        20, ge=1, description="failed authentications per client address before 429"
    )
    report_minimum_count: int = Field(
        5, ge=2, le=100, description="published counts below this are shown as <N"
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    closing_days: list[date] = Field(default_factory=list, description="JSON list of ISO dates")
    stem_threshold: int = Field(
        2, ge=1, le=5, description="a STEM score at or below opens a signal"
    )
    stem_drop: int = Field(2, ge=1, le=4, description="a drop this large since last time opens one")
    good_friday_off: bool = True
    liberation_day_off: bool = True
    policy_versions: list[PolicyVersion] = Field(
        default_factory=list,
        description="JSON list of dated norm versions, e.g. "
        '[{"version": "2027-1", "effective_from": "2027-01-01", "minutes_days": 3}]',
    )

    @field_validator("database_url")
    @classmethod
    def _known_store(cls, url: str) -> str:
        if not (url.startswith("sqlite:///") or url.startswith("postgresql")):
            raise ValueError("must start with sqlite:/// or postgresql+psycopg://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url

    def master_key_bytes(self) -> bytes:
        """The master key, from the variable or the key file; raises ValueError if missing."""
        if self.master_key is not None:
            text = self.master_key.get_secret_value()
        elif self.master_key_file.is_file():
            text = self.master_key_file.read_text()
        else:
            raise ValueError(
                "no master key: set GEHOORD_MASTER_KEY or create "
                f"{self.master_key_file} (make run creates one)"
            )
        try:
            key = base64.b64decode(text.strip(), validate=True)
        except ValueError:
            raise ValueError("the master key is not valid base64") from None
        if len(key) != 32:
            raise ValueError("the master key must be base64 of exactly 32 bytes")
        return key

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")
