"""The one settings object: every GEHOORD_* environment variable, validated at start-up."""

from __future__ import annotations

import base64
import ipaddress
import json
import re
import ssl
import stat
from dataclasses import fields
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    IPvAnyNetwork,
    SecretStr,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.policy import Policy

DEFAULT_DATABASE_URL = "sqlite:///var/gehoord.sqlite"
DEFAULT_THEMES = (
    "bejegening",
    "communicatie",
    "bereikbaarheid",
    "afspraken nakomen",
    "deskundigheid",
    "besluitvorming",
    "privacy",
    "overig",
)
Theme = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$")


Years = Annotated[StrictInt, Field(ge=1, le=100)]


class RetentionYears(BaseModel):
    """GEHOORD_RETENTION: years an ended case is kept; what is left out keeps its default."""

    model_config = ConfigDict(extra="forbid")
    closed_complaint_years: Years = 5
    withdrawn_complaint_years: Years = 1
    signal_years: Years = 2


class RoleGrant(BaseModel):
    """What one value of the provider's role claim makes a person: a role, and a team."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["intake", "mediator", "manager", "auditor", "admin"]
    team: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None


LOOPBACK = {"127.0.0.1", "::1", "[::1]", "localhost"}


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
    host: str = Field("127.0.0.1", description="an IP address or host name to listen on")
    port: int = Field(8000, ge=1, le=65535)
    scheduler: Literal["on", "off"] = "on"
    sweep_seconds: float = Field(60.0, gt=0, le=86_400, allow_inf_nan=False)
    projection_poll_seconds: float = Field(
        0.5, gt=0, le=3600, allow_inf_nan=False, description="catch-up interval on SQLite"
    )
    auth_failures_per_minute: int = Field(
        20, ge=1, description="failed authentications per client address before 429"
    )
    report_minimum_count: int = Field(
        5, ge=2, le=100, description="published counts below this are shown as <N"
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    public_url: AnyHttpUrl = Field(
        AnyHttpUrl("http://127.0.0.1:8000"),
        description="where people reach the console: links in mails; https makes cookies Secure",
    )
    console_theme: Path | None = Field(
        None,
        description="one CSS file with the organisation's look, loaded after the neutral theme",
    )
    closing_days: Annotated[list[date], NoDecode] = Field(
        default_factory=list, description="JSON list of ISO dates"
    )
    stem_threshold: int = Field(
        2, ge=1, le=5, description="a STEM score at or below opens a signal"
    )
    stem_drop: int = Field(2, ge=1, le=4, description="a drop this large since last time opens one")
    good_friday_off: bool = True
    liberation_day_off: bool = True
    oidc_issuer: AnyHttpUrl | None = Field(
        None, description="the OpenID provider; https, except on a loopback address"
    )
    oidc_client_id: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_role_claim: Annotated[str, StringConstraints(min_length=1, max_length=100)] = "groups"
    oidc_role_map: Annotated[dict[str, RoleGrant], NoDecode] = Field(
        default_factory=dict,
        description='JSON: {"<claim value>": {"role": "mediator", "team": "Team Noord"}}',
    )
    oidc_accept_access_tokens: bool = False
    retention: Annotated[RetentionYears, NoDecode] = Field(
        default_factory=RetentionYears,
        description='JSON, e.g. {"closed_complaint_years": 5, "withdrawn_complaint_years": 1, '
        '"signal_years": 2}',
    )
    themes: Annotated[list[Theme], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_THEMES),
        min_length=1,
        description="the themes a complaint can carry, a JSON list",
    )
    organisation_name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ] = Field(
        "Jeugdbescherming Voorbeeldregio", description="named on the published complaints analysis"
    )
    trusted_proxies: Annotated[list[IPvAnyNetwork], NoDecode] = Field(
        default_factory=list,
        description="JSON list of proxy addresses or networks whose X-Forwarded-For is believed",
    )
    digest_time: time = Field(
        time(7, 30), description="when the morning digest goes out, Europe/Amsterdam (HH:MM)"
    )
    smtp_url: SecretStr | None = Field(
        None,
        description="smtp://user:pass@host:port, smtps://..., or smtp://...?starttls=true; "
        "without it mail is written as .eml files to GEHOORD_OUTBOX_DIR",
    )
    smtp_ca_file: Path | None = Field(
        None,
        description="CA certificates (PEM) to trust for the mail server instead of the system's",
    )
    mail_from: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] = Field(
        "gehoord@localhost", description="the sender of the digest and notices"
    )
    outbox_dir: Path = Field(Path("var/outbox"), description="where .eml files go without SMTP")
    mail_retry_seconds: float = Field(
        60.0,
        gt=0,
        le=86_400,
        allow_inf_nan=False,
        description="first wait after a failed delivery (doubling each time); also how often "
        "the outbox is looked at",
    )
    policy_versions: Annotated[list[Policy], NoDecode] = Field(
        default_factory=list,
        description="JSON list of dated norm versions, e.g. "
        '[{"version": "2027-1", "effective_from": "2027-01-01", "minutes_days": 3}]',
    )

    @field_validator("closing_days", "themes", "trusted_proxies", "policy_versions", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        """These come as JSON lists; say so in one line instead of a parser's traceback."""
        if not isinstance(value, str):
            return value
        try:
            decoded = json.loads(value)
        except ValueError:
            raise ValueError('must be a JSON list, e.g. [] or ["2026-12-24"]') from None
        if not isinstance(decoded, list):
            raise ValueError("must be a JSON list")
        return decoded

    @field_validator("console_theme")
    @classmethod
    def _readable_css(cls, theme: Path | None) -> Path | None:
        if theme is not None and (theme.suffix != ".css" or not theme.is_file()):
            raise ValueError("must name an existing .css file")
        return theme

    @field_validator("oidc_issuer")
    @classmethod
    def _https_issuer(cls, issuer: AnyHttpUrl | None) -> AnyHttpUrl | None:
        if issuer is not None and issuer.scheme != "https" and issuer.host not in LOOPBACK:
            raise ValueError("must be https (plain http only on a loopback address)")
        return issuer

    @field_validator("oidc_client_secret")
    @classmethod
    def _some_secret(cls, secret: SecretStr | None) -> SecretStr | None:
        if secret is not None and not secret.get_secret_value().strip():
            raise ValueError("must not be empty")
        return secret

    @field_validator("oidc_client_id", "oidc_role_claim")
    @classmethod
    def _printable_text(cls, text: str | None) -> str | None:
        if text is not None and (not text.strip() or not text.isprintable()):
            raise ValueError("must be printable text")
        return text

    @model_validator(mode="after")
    def _whole_sign_on(self) -> Settings:
        """Single sign-on needs its issuer, client and role map together, or none of them."""
        if self.oidc_issuer is None:
            return self
        missing = [
            name
            for name, value in (
                ("GEHOORD_OIDC_CLIENT_ID", self.oidc_client_id),
                ("GEHOORD_OIDC_CLIENT_SECRET", self.oidc_client_secret),
                ("GEHOORD_OIDC_ROLE_MAP", self.oidc_role_map or None),
            )
            if value is None
        ]
        if missing:
            raise ValueError(f"GEHOORD_OIDC_ISSUER also needs {', '.join(missing)}")
        return self

    @field_validator("retention", "oidc_role_map", mode="before")
    @classmethod
    def _json_object(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            decoded = json.loads(value)
        except ValueError:
            raise ValueError("must be a JSON object") from None
        if not isinstance(decoded, dict):
            raise ValueError("must be a JSON object")
        return decoded

    @field_validator("themes")
    @classmethod
    def _distinct_themes(cls, themes: list[str]) -> list[str]:
        if len(set(themes)) != len(themes):
            raise ValueError("each theme is named once")
        return themes

    @field_validator("organisation_name")
    @classmethod
    def _printable_name(cls, name: str) -> str:
        if not name.isprintable():
            raise ValueError("the name has characters that cannot be printed")
        return name

    @field_validator("master_key", mode="before")
    @classmethod
    def _empty_is_unset(cls, key: Any) -> Any:
        """`GEHOORD_MASTER_KEY=` (empty, as env files write it) means: use the key file."""
        return None if key == "" else key

    @field_validator("host")
    @classmethod
    def _host(cls, host: str) -> str:
        if not HOST_NAME.match(host) and not _is_ip(host):
            raise ValueError("must be an IP address or a host name")
        return host

    @field_validator("policy_versions", mode="before")
    @classmethod
    def _known_norms(cls, versions: Any) -> Any:
        """Fields left out keep the defaults of DOMAIN.md; an unknown one is a typo, refused."""
        known = {f.name for f in fields(Policy)}
        for version in versions if isinstance(versions, list) else []:
            unknown = set(version) - known if isinstance(version, dict) else set()
            if unknown:
                raise ValueError(f"unknown norm {sorted(unknown)[0]!r}")
        return versions

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, url: SecretStr | None) -> SecretStr | None:
        """Checked at start-up, in one line that never repeats the password."""
        if url is None or not url.get_secret_value():
            return None
        from adapters.postman import SmtpTarget

        SmtpTarget.parse(url.get_secret_value())
        return url

    @field_validator("smtp_ca_file")
    @classmethod
    def _certificates(cls, path: Path | None) -> Path | None:
        if path is None:
            return None
        try:
            ssl.create_default_context(cafile=str(path))
        except (OSError, ssl.SSLError) as error:
            raise ValueError(f"cannot read certificates from {path}: {error}") from None
        return path

    @field_validator("outbox_dir")
    @classmethod
    def _folder(cls, path: Path) -> Path:
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is not a folder")
        return path

    @field_validator("digest_time")
    @classmethod
    def _local_time(cls, moment: time) -> time:
        if moment.tzinfo is not None:
            raise ValueError("is a time of day in Europe/Amsterdam, without an offset (07:30)")
        return moment

    @field_validator("mail_from")
    @classmethod
    def _mail_address(cls, sender: str) -> str:
        if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", sender):
            raise ValueError("must be an e-mail address such as gehoord@example.nl")
        return sender

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
            mode = self.master_key_file.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise ValueError(
                    f"the master key file {self.master_key_file} is open to other users "
                    f"(mode {stat.S_IMODE(mode):o}); make it 0600: chmod 600 {self.master_key_file}"
                )
            try:
                text = self.master_key_file.read_text()
            except (OSError, UnicodeDecodeError) as error:
                raise ValueError(f"cannot read {self.master_key_file}: {error}") from None
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


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
