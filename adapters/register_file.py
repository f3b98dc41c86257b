"""A register file's bytes as a table (CSV or XLSX by its name), and the empty template.

An .xlsx is read with openpyxl: its first sheet, cell values as Excel stores them (a date cell
is a date, a formula its last computed value). A zip that would unpack to more than
MAX_UNPACKED_BYTES is refused before it is opened.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from application.errors import RegisterUnreadable
from application.register_rows import COLUMNS, REQUIRED
from application.register_table import csv_table, csv_template

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
KINDS = (".csv", ".xlsx")
HELP = {
    "external_ref": "the register's own number for the case; the key of a re-import",
    "received_at": "when the complaint came in: dd-mm-jjjj [uu:mm] or ISO-8601",
    "channel": "brief, e-mail, telefoon, website, sociale media, persoonlijk or stem",
    "complainant_email": "optional; one address is one person",
    "complainant_phone": "optional; digits, spaces, + ( ) -",
    "description": "optional free text",
    "verdict": "with ruling_at: gegrond, deels gegrond, ongegrond or niet-ontvankelijk",
    "measures": "with measures_at: one measure a line, or separated by ;",
}


def is_register(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in KINDS


def read_table(file_name: str, data: bytes) -> list[list[object]]:
    suffix = Path(file_name).suffix.lower()
    if suffix == ".csv":
        return [list(row) for row in csv_table(data)]
    if suffix == ".xlsx":
        return xlsx_table(data)
    raise RegisterUnreadable("a register is a .csv or .xlsx file")


def xlsx_table(data: bytes) -> list[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            if sum(info.file_size for info in packed.infolist()) > MAX_UNPACKED_BYTES:
                raise RegisterUnreadable("the .xlsx file unpacks to more than 200 MiB")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except RegisterUnreadable:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise RegisterUnreadable("the file is not a readable .xlsx workbook") from None


def write_template(path: Path) -> None:
    """An empty register: the header row; an .xlsx also explains each column on a second sheet."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        path.write_bytes(csv_template(COLUMNS))
        return
    if suffix != ".xlsx":
        raise RegisterUnreadable("a register template is a .csv or .xlsx file")
    workbook = Workbook()
    register = workbook.active
    assert register is not None
    register.title = "Register"
    register.append(list(COLUMNS))
    explained = workbook.create_sheet("Toelichting")
    explained.append(["column", "required", "what it holds"])
    for column in COLUMNS:
        what = HELP.get(column, "a moment, dd-mm-jjjj [uu:mm]" if column.endswith("_at") else "")
        explained.append([column, "yes" if column in REQUIRED else "", what])
    workbook.save(path)
