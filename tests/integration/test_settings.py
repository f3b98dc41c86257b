"""Every setting, given a bad value, stops the command with one line on stderr and exit 2 (no
traceback). The test walks the fields of Settings, so a new setting is covered automatically."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, get_origin

import pytest
import structlog
from pydantic.fields import FieldInfo
from typer.testing import CliRunner

from adapters.cli import cli
from adapters.settings import Settings

BAD_BY_NAME: dict[str, list[str]] = {
    "database_url": ["mysql://nope", "sqlite"],
    "master_key": ["not base64!", "c2hvcnQ="],
    "host": ["not a host!", "-dash.example"],
    "themes": ["privacy", "[]", '["  "]', '["privacy", "privacy"]'],
    "retention": [
        "[]",
        "five",
        '{"closed_complaint_years": 0}',
        '{"closed_years": 5}',
        '{"signal_years": "2"}',
        '{"signal_years": 2.5}',
    ],
    "oidc_issuer": ["http://sso.example.nl", "not a url", "ftp://127.0.0.1"],
    "oidc_client_id": ["", "  ", "gehoord\u0007"],
    "oidc_client_secret": ["", "   "],
    "oidc_role_claim": ["", "groups\u0007"],
    "oidc_role_map": [
        "[]",
        "groups",
        '{"klachten": {"role": "chief"}}',
        '{"klachten": "mediator"}',
        '{"klachten": {"role": "mediator", "unit": "Noord"}}',
    ],
    "public_url": ["127.0.0.1:8000", "ftp://gehoord.example", "https://", "not a url"],
    "organisation_name": ["", "  ", "x" * 201, "Jeugdzorg\u0007West"],
    "digest_time": ["25:00", "half acht", "07:30+02:00"],
    "smtp_url": ["http://mail.example.nl", "smtp://", "smtp://h:99999", "smtps://h?starttls=true"],
    "mail_from": ["gehoord", "a b@example.nl", "<x@y>"],
}
"""Text settings have no type to get wrong: a bad value each, by name."""


def bad_values(name: str, field: FieldInfo, tmp_path: Path) -> list[str]:
    if name in BAD_BY_NAME:
        return BAD_BY_NAME[name]
    if name == "master_key_file":
        missing, open_to_all = tmp_path / "absent.key", tmp_path / "shared.key"
        open_to_all.write_text(os.environ["GEHOORD_MASTER_KEY"])
        open_to_all.chmod(0o644)
        return [str(missing), str(open_to_all), str(tmp_path)]
    if name == "smtp_ca_file":
        not_pem = tmp_path / "not.pem"
        not_pem.write_text("no certificate here")
        return [str(tmp_path / "absent.pem"), str(not_pem)]
    if name == "outbox_dir":
        a_file = tmp_path / "a-file"
        a_file.write_text("")
        return [str(a_file)]
    if name == "console_theme":
        not_css = tmp_path / "thema.txt"
        not_css.write_text("body {}")
        return [str(tmp_path / "absent.css"), str(not_css), str(tmp_path)]
    kind, origin = field.annotation, get_origin(field.annotation)
    if kind in (int, float):
        return ["many", "-1", "1e999999", "nan"]
    if kind is bool:
        return ["perhaps"]
    if origin is Literal:
        return ["bogus"]
    if origin is list:
        return ["2026-12-24", '{"a": 1}', '["2026-13-45"]', '[{"version": 1}]']
    raise AssertionError(f"no bad value known for GEHOORD_{name.upper()}: teach this test one")


@pytest.fixture(autouse=True)
def logging_left_as_found() -> Iterator[None]:
    """The CLI configures structlog to print to its stdout, which CliRunner closes afterwards."""
    yield
    structlog.reset_defaults()


CASES = [pytest.param(name, field, id=name) for name, field in Settings.model_fields.items()]


@pytest.mark.parametrize(("name", "field"), CASES)
def test_a_bad_setting_is_one_line_on_stderr_and_exit_2(
    name: str, field: FieldInfo, tmp_path: Path
) -> None:
    base: dict[str, str | None] = {"GEHOORD_DATABASE_URL": f"sqlite:///{tmp_path}/s.sqlite"}
    if name == "master_key_file":
        base["GEHOORD_MASTER_KEY"] = None
    runner = CliRunner()
    good = runner.invoke(cli, ["policies", "run"], env=base)
    assert good.exit_code == 0 or name == "master_key_file", good.output
    for value in bad_values(name, field, tmp_path):
        result = runner.invoke(
            cli, ["policies", "run"], env={**base, f"GEHOORD_{name.upper()}": value}
        )
        lines = result.stderr.strip().splitlines()
        assert (result.exit_code, len(lines)) == (2, 1), (
            name,
            value,
            result.stderr,
            result.exception,
        )
        assert isinstance(result.exception, SystemExit), (name, value, repr(result.exception))
        assert "Traceback" not in result.output and lines[0].startswith("gehoord: ")


def test_each_setting_has_a_readme_line() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [n for n in Settings.model_fields if f"`GEHOORD_{n.upper()}`" not in readme]
    assert missing == []
