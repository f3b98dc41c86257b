"""Reading a register without any store: Dutch dates and words, encodings, separators, and a
problem for every bad cell named by row and column."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from application.errors import RegisterUnreadable
from application.register_rows import COLUMNS, read_register
from application.register_table import csv_table, csv_template
from application.register_values import CellRefused, read_channel, read_moment, read_verdict
from domain.values import Channel, Verdict

HEADER = ["external_ref", "received_at", "channel", "complainant_name", "dossier_ref"]
HEADER += ["subject", "team", "acknowledged_at", "conversation_at", "minutes_at"]


def row(**cells: str) -> list[str]:
    base = {
        "external_ref": "R-1",
        "received_at": "02-03-2026 14:30",
        "channel": "e-mail",
        "complainant_name": "Priya Ramdin",
        "dossier_ref": "D-9",
        "subject": "Slecht bereikbaar",
        "team": "Team West",
    }
    return [(base | cells).get(column, "") for column in HEADER]


@pytest.mark.parametrize(
    ("written", "moment", "has_time"),
    [
        ("02-03-2026 14:30", datetime(2026, 3, 2, 13, 30, tzinfo=UTC), True),
        ("2-3-2026", datetime(2026, 3, 1, 23, 0, tzinfo=UTC), False),
        ("15-07-2026 09:05", datetime(2026, 7, 15, 7, 5, tzinfo=UTC), True),  # summer time
        ("2026-03-02T14:30:00+01:00", datetime(2026, 3, 2, 13, 30, tzinfo=UTC), True),
        ("2026-03-02T13:30:00Z", datetime(2026, 3, 2, 13, 30, tzinfo=UTC), True),
        ("2026-03-02 14:30", datetime(2026, 3, 2, 13, 30, tzinfo=UTC), True),
        ("2026-03-02", datetime(2026, 3, 1, 23, 0, tzinfo=UTC), False),
        (datetime(2026, 3, 2, 14, 30), datetime(2026, 3, 2, 13, 30, tzinfo=UTC), True),
        (datetime(2026, 3, 2), datetime(2026, 3, 1, 23, 0, tzinfo=UTC), False),
        (date(2026, 3, 2), datetime(2026, 3, 1, 23, 0, tzinfo=UTC), False),
    ],
)
def test_dates_are_read_the_dutch_or_the_iso_way_in_amsterdam_time(
    written: object, moment: datetime, has_time: bool
) -> None:
    dated = read_moment(written)
    assert (dated.at, dated.has_time) == (moment, has_time)


@pytest.mark.parametrize(
    "written",
    ["31-02-2026", "2026/03/02", "gisteren", "01-01-1850", "9999-12-31T23:00:00-14:00", 45000],
)
def test_what_is_not_a_date_is_refused(written: object) -> None:
    with pytest.raises(CellRefused):
        read_moment(written)


def test_channels_and_verdicts_are_read_in_the_registers_dutch_words() -> None:
    assert [read_channel(w) for w in ("Brief", " E-mail ", "telefoon", "Sociale  media")] == [
        Channel.LETTER,
        Channel.EMAIL,
        Channel.PHONE,
        Channel.SOCIAL_MEDIA,
    ]
    assert [
        read_verdict(w) for w in ("Gegrond", "deels gegrond", "ongegrond", "Niet-ontvankelijk")
    ] == [Verdict.UPHELD, Verdict.PARTLY_UPHELD, Verdict.UNFOUNDED, Verdict.INADMISSIBLE]
    assert read_verdict("partly_upheld") == Verdict.PARTLY_UPHELD
    with pytest.raises(CellRefused):
        read_channel("signal")  # a complaint comes from a signal by escalation, not by import


def test_a_bare_date_on_the_day_of_an_earlier_step_stands_for_that_steps_moment() -> None:
    reading = read_register([HEADER, row(acknowledged_at="02-03-2026", minutes_at="")])
    [read] = reading.rows
    assert (
        read.steps["acknowledged_at"]
        == read.received_at
        == datetime(2026, 3, 2, 13, 30, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("data", "separator"),
    [
        (b"a;b\r\n1;2\r\n", ";"),
        ("\ufeffa,b\n1,2\n".encode(), ","),
        ("a\tb\n1\t2\n".encode("utf-16"), "\t"),
    ],
)
def test_csv_separators_and_encodings_are_sniffed(data: bytes, separator: str) -> None:
    assert csv_table(data) == [["a", "b"], ["1", "2"]]


def test_windows_1252_is_read_when_the_file_is_not_utf_8() -> None:
    data = "naam;onderwerp\nHélène;Cliënt niet gehoord €\n".encode("cp1252")
    assert csv_table(data)[1] == ["Hélène", "Cliënt niet gehoord €"]


def test_a_control_character_in_a_cell_is_a_bad_cell() -> None:
    reading = read_register(
        csv_table(("\n".join([";".join(HEADER), ";".join(row(subject="a\x00b"))])).encode())
    )
    assert [(p.row, p.column) for p in reading.problems] == [(2, "subject")]


def test_a_file_in_neither_encoding_is_unreadable() -> None:
    with pytest.raises(RegisterUnreadable):
        csv_table(b"\xff\xfea\x00\xd8")


def test_the_header_names_missing_and_unknown_columns_on_row_1() -> None:
    reading = read_register([["external_ref", "ontvangen", "channel"], ["R-1", "x", "brief"]])
    assert reading.rows == []
    found = {(p.row, p.column, p.message) for p in reading.problems}
    assert (1, "ontvangen", "unknown column; see the template's columns") in found
    assert {(1, c, "missing column") for c in ("received_at", "subject", "team")} <= found


def test_empty_rows_are_skipped_and_a_repeated_key_names_its_first_row() -> None:
    reading = read_register([HEADER, row(), [""] * len(HEADER), row(subject="Ander")])
    assert [(p.row, p.column, p.message) for p in reading.problems] == [
        (4, "external_ref", "the same as row 2")
    ]


def test_a_row_says_the_same_whatever_the_file_looks_like() -> None:
    dutch = read_register([HEADER, row()]).rows[0]
    iso = read_register([HEADER, row(received_at="2026-03-02T13:30:00Z", channel="email")])
    assert dutch.fingerprint() == iso.rows[0].fingerprint()
    assert dutch.fingerprint() != read_register([HEADER, row(team="Noord")]).rows[0].fingerprint()


def test_the_csv_template_is_the_header_row_only() -> None:
    assert csv_table(csv_template(COLUMNS)) == [list(COLUMNS)]
