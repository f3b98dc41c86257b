"""The Dutch working-day calendar, table-driven across the public holidays of 2026 and 2027."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar import AMSTERDAM, WorkingDayCalendar

CALENDAR = WorkingDayCalendar()
CLOSED_ON_NEW_YEARS_EVE = WorkingDayCalendar(closing_days=[date(2026, 12, 31)])
OPEN_ON_GOOD_FRIDAY = WorkingDayCalendar(good_friday=False)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("calendar", "start", "days", "due", "skipped"),
    [
        pytest.param(CALENDAR, date(2026, 3, 2), 5, date(2026, 3, 9), [7, 8], id="plain week"),
        pytest.param(CALENDAR, date(2026, 4, 1), 5, date(2026, 4, 10), [3, 4, 5, 6], id="easter"),
        pytest.param(
            OPEN_ON_GOOD_FRIDAY,
            date(2026, 4, 1),
            5,
            date(2026, 4, 9),
            [4, 5, 6],
            id="good friday switched off",
        ),
        pytest.param(
            CALENDAR, date(2026, 4, 24), 5, date(2026, 5, 4), [25, 26, 27, 2, 3], id="king's day"
        ),
        pytest.param(CALENDAR, date(2026, 5, 4), 3, date(2026, 5, 8), [5], id="liberation day"),
        pytest.param(CALENDAR, date(2026, 5, 13), 1, date(2026, 5, 15), [14], id="ascension"),
        pytest.param(CALENDAR, date(2026, 5, 22), 1, date(2026, 5, 26), [23, 24, 25], id="whit"),
        pytest.param(
            CALENDAR, date(2026, 12, 23), 5, date(2026, 12, 31), [25, 26, 27], id="christmas"
        ),
        pytest.param(
            CLOSED_ON_NEW_YEARS_EVE,
            date(2026, 12, 23),
            5,
            date(2027, 1, 4),
            [25, 26, 27, 31, 1, 2, 3],
            id="across the year with a closing day",
        ),
        pytest.param(CALENDAR, date(2026, 12, 31), 1, date(2027, 1, 4), [1, 2, 3], id="new year"),
    ],
)
def test_n_working_days_after_a_start_skip_weekends_holidays_and_closing_days(
    calendar: WorkingDayCalendar, start: date, days: int, due: date, skipped: list[int]
) -> None:
    count = calendar.add_working_days(at(start), days)
    assert count.due_day == due
    assert [d.day for d, _ in count.skipped] == skipped


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2026, 3, 2), None),
        (date(2026, 3, 7), "Saturday"),
        (date(2026, 3, 8), "Sunday"),
        (date(2026, 4, 3), "Good Friday (Goede vrijdag)"),
        (date(2026, 4, 5), "Sunday, Easter Sunday (Eerste paasdag)"),
        (date(2026, 4, 6), "Easter Monday (Tweede paasdag)"),
        (date(2026, 4, 27), "King's Day (Koningsdag)"),
        (date(2026, 5, 5), "Liberation Day (Bevrijdingsdag)"),
        (date(2025, 5, 5), "Liberation Day (Bevrijdingsdag)"),
        (date(2026, 5, 14), "Ascension Day (Hemelvaartsdag)"),
        (date(2026, 5, 25), "Pentecost Monday (Tweede pinksterdag)"),
        (date(2026, 12, 25), "Christmas Day (Eerste kerstdag)"),
        (date(2026, 12, 26), "Saturday, Second Day of Christmas (Tweede kerstdag)"),
        (date(2027, 1, 1), "New Year's Day (Nieuwjaarsdag)"),
    ],
)
def test_a_day_says_why_it_is_not_a_working_day_in_english_and_dutch(
    day: date, reason: str | None
) -> None:
    assert CALENDAR.why_not_working(day) == reason
    assert CALENDAR.is_working_day(day) is (reason is None)


def test_an_own_closing_day_is_not_a_working_day() -> None:
    assert CLOSED_ON_NEW_YEARS_EVE.why_not_working(date(2026, 12, 31)) == "closing day"
    assert CALENDAR.is_working_day(date(2026, 12, 31))


def test_good_friday_is_a_working_day_when_switched_off() -> None:
    assert OPEN_ON_GOOD_FRIDAY.is_working_day(date(2026, 4, 3))
    assert not OPEN_ON_GOOD_FRIDAY.is_working_day(date(2026, 4, 6))


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2030])
def test_liberation_day_is_a_holiday_every_year_not_only_in_lustrum_years(year: int) -> None:
    assert "Liberation Day (Bevrijdingsdag)" in str(CALENDAR.why_not_working(date(year, 5, 5)))


@pytest.mark.parametrize("year", [2025, 2026])
def test_liberation_day_switched_off_is_a_working_day_even_in_a_lustrum_year(year: int) -> None:
    assert WorkingDayCalendar(liberation_day=False).is_working_day(date(year, 5, 5))


@pytest.mark.parametrize(
    ("day", "days", "before"),
    [
        (date(2026, 3, 10), 2, date(2026, 3, 6)),
        (date(2026, 4, 7), 2, date(2026, 4, 1)),  # past Easter Monday, Easter and Good Friday
        (date(2026, 4, 29), 2, date(2026, 4, 24)),  # past King's Day
        (date(2027, 1, 5), 2, date(2026, 12, 31)),  # across New Year
    ],
)
def test_subtracting_working_days_skips_non_working_days(
    day: date, days: int, before: date
) -> None:
    assert CALENDAR.subtract_working_days(day, days) == before


@pytest.mark.parametrize(
    ("day", "moved", "skipped"),
    [
        (date(2026, 3, 4), date(2026, 3, 4), []),
        (date(2026, 3, 7), date(2026, 3, 9), [7, 8]),
        (date(2026, 4, 5), date(2026, 4, 7), [5, 6]),  # Easter Sunday, then Easter Monday
        (date(2026, 12, 25), date(2026, 12, 28), [25, 26, 27]),
    ],
)
def test_a_deadline_on_a_non_working_day_moves_to_the_next_working_day(
    day: date, moved: date, skipped: list[int]
) -> None:
    result, passed = CALENDAR.next_working_day(day)
    assert result == moved
    assert [d.day for d, _ in passed] == skipped


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (at(date(2026, 3, 5)), 1, date(2026, 4, 5)),  # Easter Sunday: moving is the caller's job
        (at(date(2026, 1, 31)), 1, date(2026, 2, 28)),
        (at(date(2028, 1, 31)), 1, date(2028, 2, 29)),
        (at(date(2026, 12, 15)), 1, date(2027, 1, 15)),
        (datetime(2026, 1, 31, 23, 30, tzinfo=UTC), 1, date(2026, 3, 1)),  # 1 Feb in Amsterdam
    ],
)
def test_calendar_months_are_counted_on_the_amsterdam_date(
    start: datetime, months: int, due: date
) -> None:
    assert CALENDAR.add_months(start, months) == due


def test_a_month_ending_on_easter_sunday_moves_to_the_tuesday_after_easter_monday() -> None:
    moved, skipped = CALENDAR.next_working_day(CALENDAR.add_months(at(date(2026, 3, 5)), 1))
    assert moved == date(2026, 4, 7)
    assert [d for d, _ in skipped] == [date(2026, 4, 5), date(2026, 4, 6)]


def test_the_start_day_is_its_date_in_amsterdam_not_in_utc() -> None:
    just_after_midnight = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # Tue 3 Mar 00:30 in Amsterdam
    assert CALENDAR.add_working_days(just_after_midnight, 1).due_day == date(2026, 3, 4)


@pytest.mark.parametrize(("day", "offset_hours"), [(date(2026, 1, 5), 1), (date(2026, 7, 1), 2)])
def test_the_end_of_a_day_is_one_second_before_midnight_in_amsterdam(
    day: date, offset_hours: int
) -> None:
    end = CALENDAR.end_of_day(day)
    local = end.astimezone(AMSTERDAM)
    assert end.tzinfo is not None
    assert (local.date(), local.hour, local.minute, local.second) == (day, 23, 59, 59)
    assert local.microsecond == 999_999  # met by anything before midnight
    assert local.utcoffset() == timedelta(hours=offset_hours)


@settings(max_examples=100, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 1)),
    days=st.integers(min_value=1, max_value=30),
)
def test_counting_working_days_ends_on_a_working_day_after_exactly_that_many(
    start: datetime, days: int
) -> None:
    moment = start.replace(tzinfo=UTC)
    count = CALENDAR.add_working_days(moment, days)
    assert CALENDAR.is_working_day(count.due_day)
    assert CALENDAR.working_days_between(moment, at(count.due_day)) == days
    assert all(not CALENDAR.is_working_day(d) for d, _ in count.skipped)
    assert CALENDAR.subtract_working_days(count.due_day, days) <= CALENDAR.local_day(moment)
