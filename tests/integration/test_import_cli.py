"""`gehoord import` as an admin uses it, on SQLite and PostgreSQL: the template, a dry run, the
import, a second run that adds nothing, and bad rows shown as a table with exit 2."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from adapters.cli import cli
from application.register_rows import COLUMNS
from tests.integration.registers import csv_bytes


@pytest.fixture
def gehoord(database_url: str) -> CliRunner:
    runner = CliRunner(env={"GEHOORD_DATABASE_URL": database_url, "GEHOORD_SCHEDULER": "off"})
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    return runner


def dutch(days_ago: int) -> str:
    """A moment the way a Dutch register writes it; the CLI runs on the real clock."""
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%d-%m-%Y %H:%M")


def rows() -> list[dict[str, str]]:
    base = {"channel": "e-mail", "dossier_ref": "D-1", "subject": "Verslag", "team": "Noord"}
    return [
        base | {"external_ref": "A-1", "complainant_name": "Lotte Smit", "received_at": dutch(40)}
        | {"acknowledged_at": dutch(39), "conversation_at": dutch(38), "closed_at": dutch(37)},
        base | {"external_ref": "A-2", "complainant_name": "Henk de Boer", "received_at": dutch(3)},
        base | {"external_ref": "A-3", "complainant_name": "Ahmet Yilmaz", "received_at": dutch(9)}
        | {"withdrawn_at": dutch(8)},
    ]  # fmt: skip


def test_the_cli_imports_a_register_once_and_a_second_run_adds_nothing(
    gehoord: CliRunner, tmp_path: Path
) -> None:
    register = tmp_path / "register.csv"
    register.write_bytes(csv_bytes(rows()))
    dry = gehoord.invoke(cli, ["import", str(register), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "3 rows, would import 3" in dry.stdout and "dry run" in dry.stdout
    done = gehoord.invoke(cli, ["import", str(register)])
    assert done.exit_code == 0, done.output
    assert "3 rows, imported 3, already present 0" in done.stdout
    again = gehoord.invoke(cli, ["import", str(register)])
    assert again.exit_code == 0
    assert "imported 0, already present 3" in again.stdout and "nothing new" in again.stdout


def test_bad_rows_are_a_table_on_stderr_exit_2_and_nothing_is_written(
    gehoord: CliRunner, tmp_path: Path
) -> None:
    register = tmp_path / "register.csv"
    bad = rows()
    bad[1]["received_at"] = "gisteren"
    bad[2]["verdict"] = "gegrond"
    register.write_bytes(csv_bytes(bad))
    refused = gehoord.invoke(cli, ["import", str(register)])
    assert refused.exit_code == 2
    assert "received_at" in refused.stderr and "ruling_at" in refused.stderr
    assert "nothing was imported" in refused.stderr and refused.stdout == ""
    register.write_bytes(csv_bytes(rows()))
    assert "imported 3" in gehoord.invoke(cli, ["import", str(register)]).stdout


def test_the_template_filled_with_three_rows_imports(gehoord: CliRunner, tmp_path: Path) -> None:
    template = tmp_path / "register.xlsx"
    made = gehoord.invoke(cli, ["import", "--template", str(template)])
    assert made.exit_code == 0, made.output
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == list(COLUMNS) and sheet.max_row == 1
    for row in rows():
        sheet.append([row.get(column) for column in COLUMNS])
    workbook.save(template)
    done = gehoord.invoke(cli, ["import", str(template)])
    assert done.exit_code == 0, done.output
    assert "3 rows, imported 3" in done.stdout
    csv_template = tmp_path / "leeg.csv"
    assert gehoord.invoke(cli, ["import", "--template", str(csv_template)]).exit_code == 0
    assert csv_template.read_text(encoding="utf-8-sig").strip() == ";".join(COLUMNS)


@pytest.mark.parametrize(
    "args",
    [["import"], ["import", "x.csv", "--template", "t.csv"], ["import", "register.pdf"]],
    ids=["nothing named", "both", "not a register"],
)
def test_a_usage_error_is_one_line_on_stderr_and_exit_2(
    gehoord: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    result = gehoord.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("gehoord: ") and result.stderr.count("\n") == 1
