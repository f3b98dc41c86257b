"""A CSV register's bytes as a table: UTF-8 or Windows-1252 and `;`, `,` or tab, sniffed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from application.errors import RegisterUnreadable
from domain.calendar import AMSTERDAM

SEPARATORS = (";", ",", "\t")


def csv_table(data: bytes) -> list[list[str]]:
    """The rows of a CSV file; Excel's own exports (with or without a BOM) read as they are."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    separator = max(SEPARATORS, key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as error:
        raise RegisterUnreadable(f"the file is not a readable CSV file: {error}") from None


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with its BOM, or else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decoded(data, "cp1252")


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise RegisterUnreadable("the file is neither UTF-8 nor Windows-1252 text") from None


def csv_template(columns: Sequence[str]) -> bytes:
    """An empty register: the header row only, `;`-separated, UTF-8 with a BOM for Excel."""
    return ("\ufeff" + csv_register(columns)).encode()


def csv_register(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]] = (), separator: str = ";"
) -> str:
    """Rows as a Dutch register writes them: moments as dd-mm-jjjj uu:mm, Amsterdam time."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([written(row.get(column)) for column in columns])
    return out.getvalue()


def written(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
    return "" if value is None else str(value)
