"""The Dutch working-day calendar, table-driven across the holidays of 2026 and 2027."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.calendar import AMSTERDAM, WorkingDayCalendar

CALENDAR = WorkingDayCalendar(closing_days=[date(2026, 12, 31)])


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("start", "days", "due", "skipped"),
    [
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (
            date(2026, 4, 1),
            5,
            date(2026, 4, 10),
            ["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"],
        ),
        # King's Day, Monday 27 April 2026.
        (
            date(2026, 4, 24),
            5,
            date(2026, 5, 4),
            ["2026-04-25", "2026-04-26", "2026-04-27", "2026-05-02", "2026-05-03"],
        ),
        # Liberation Day (5 May) and Ascension Day (14 May 2026).
        (date(2026, 5, 4), 3, date(2026, 5, 8), ["2026-05-05"]),
        (date(2026, 5, 13), 1, date(2026, 5, 15), ["2026-05-14"]),
        # Whit Monday, 25 May 2026.
        (date(2026, 5, 22), 1, date(2026, 5, 26), ["2026-05-23", "2026-05-24", "2026-05-25"]),
        # Christmas, the organisation's closing day on 31 December, and New Year, across a year.
        (
            date(2026, 12, 23),
            5,
            date(2027, 1, 4),
            [
                "2026-12-25",
                "2026-12-26",
                "2026-12-27",
                "2026-12-31",
                "2027-01-01",
                "2027-01-02",
                "2027-01-03",
            ],
        ),
        # An ordinary week: the start day does not count.
        (date(2026, 3, 2), 5, date(2026, 3, 9), ["2026-03-07", "2026-03-08"]),
    ],
)
def test_n_working_days_after_a_start_skip_weekends_holidays_and_closing_days(
    start: date, days: int, due: date, skipped: list[str]
) -> None:
    count = CALENDAR.add_working_days(at(start), days)
    assert count.due_day == due
    assert [d.isoformat() for d, _ in count.skipped] == skipped


def test_a_skipped_holiday_is_named_in_english_and_dutch() -> None:
    reasons = dict(CALENDAR.add_working_days(at(date(2026, 4, 24)), 1).skipped)
    assert reasons[date(2026, 4, 27)] == "King's Day (Koningsdag)"


def test_good_friday_can_be_a_working_day() -> None:
    open_on_good_friday = WorkingDayCalendar(good_friday=False)
    assert open_on_good_friday.is_working_day(date(2026, 4, 3))
    assert not CALENDAR.is_working_day(date(2026, 4, 3))


def test_liberation_day_counts_every_year_unless_switched_off() -> None:
    assert not CALENDAR.is_working_day(date(2026, 5, 5))
    assert WorkingDayCalendar(liberation_day=False).is_working_day(date(2026, 5, 5))


def test_a_calendar_deadline_on_easter_sunday_moves_past_easter_monday() -> None:
    due = CALENDAR.add_months(at(date(2026, 3, 5)), 1)
    assert due == date(2026, 4, 5)  # Easter Sunday
    moved, skipped = CALENDAR.next_working_day(due)
    assert moved == date(2026, 4, 7)
    assert [d for d, _ in skipped] == [date(2026, 4, 5), date(2026, 4, 6)]


def test_a_month_from_the_31st_of_january_ends_on_the_last_day_of_february() -> None:
    assert CALENDAR.add_months(at(date(2026, 1, 31)), 1) == date(2026, 2, 28)


def test_the_start_day_is_taken_in_amsterdam_time() -> None:
    late_evening_utc = datetime(2026, 3, 2, 23, 30, tzinfo=AMSTERDAM).astimezone()
    assert CALENDAR.add_working_days(late_evening_utc, 1).due_day == date(2026, 3, 3)


def test_the_end_of_a_day_is_one_second_before_midnight_in_amsterdam() -> None:
    end = CALENDAR.end_of_day(date(2026, 7, 1)).astimezone(AMSTERDAM)
    assert (end.hour, end.minute, end.second, end.microsecond) == (23, 59, 59, 999_999)
    assert end.utcoffset().total_seconds() == 7200


def test_subtracting_working_days_skips_the_weekend() -> None:
    assert CALENDAR.subtract_working_days(date(2026, 3, 10), 2) == date(2026, 3, 6)
