"""Dutch working days: weekends, public holidays (holidays package) and own closing days."""

from __future__ import annotations

import calendar as months
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
END_OF_DAY = time(23, 59, 59, 999_999)  # a deadline on day D is met by anything before D+1
GOOD_FRIDAY = "Good Friday (Goede Vrijdag)"
LIBERATION_DAY = "Liberation Day (Bevrijdingsdag)"
Skipped = tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class WorkingDayCount:
    """The day a count of working days ends on, and the non-working days passed over."""

    due_day: date
    skipped: Skipped


class WorkingDayCalendar:
    """Monday to Friday, minus Dutch public holidays and the organisation's closing days.

    `good_friday` and `liberation_day` say whether Good Friday and 5 May (every year, not only
    the lustrum years the holidays package lists) are non-working days for this organisation.
    """

    def __init__(
        self,
        *,
        good_friday: bool = True,
        liberation_day: bool = True,
        closing_days: Iterable[date] = (),
    ) -> None:
        self.good_friday = good_friday
        self.liberation_day = liberation_day
        self.closing_days = frozenset(closing_days)
        self._years: dict[int, dict[date, str]] = {}
        self._reasons: dict[date, str | None] = {}
        self._counts: dict[tuple[date, int], WorkingDayCount] = {}

    def _holidays(self, year: int) -> dict[date, str]:
        """The year's public holidays, named "English (Dutch)"; built once per year."""
        if year not in self._years:
            english = holidays.country_holidays("NL", years=year, language="en_US")
            dutch = holidays.country_holidays("NL", years=year, language="nl")
            days = {d: f"{name} ({dutch.get(d, name)})" for d, name in english.items()}
            good_friday: date = easter(year) - timedelta(days=2)
            liberation = date(year, 5, 5)
            if self.good_friday:
                days.setdefault(good_friday, GOOD_FRIDAY)
            else:
                days.pop(good_friday, None)
            if self.liberation_day:
                days.setdefault(liberation, LIBERATION_DAY)
            else:
                days.pop(liberation, None)
            self._years[year] = days
        return self._years[year]

    def why_not_working(self, day: date) -> str | None:
        """Why `day` is not a working day ("Saturday", "King's Day (Koningsdag)", ...), or None."""
        if day not in self._reasons:
            self._reasons[day] = self._reason(day)
        return self._reasons[day]

    def _reason(self, day: date) -> str | None:
        holiday = self._holidays(day.year).get(day)
        if day.weekday() >= 5:
            weekday = day.strftime("%A")
            return weekday if holiday is None else f"{weekday}, {holiday}"
        if holiday is not None:
            return holiday
        if day in self.closing_days:
            return "closing day"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.why_not_working(day) is None

    @staticmethod
    def local_day(moment: datetime) -> date:
        """The date of `moment` in Amsterdam."""
        return moment.astimezone(AMSTERDAM).date()

    @staticmethod
    def end_of_day(day: date) -> datetime:
        """The last instant of `day` in Amsterdam (23:59:59.999999), aware, in UTC."""
        return datetime.combine(day, END_OF_DAY, tzinfo=AMSTERDAM).astimezone(UTC)

    def add_working_days(self, start: datetime, n: int) -> WorkingDayCount:
        """The Nth working day after `start`'s Amsterdam day (which does not count)."""
        first = self.local_day(start)
        if (first, n) not in self._counts:
            self._counts[first, n] = self._count(first, n)
        return self._counts[first, n]

    def _count(self, day: date, n: int) -> WorkingDayCount:
        counted, skipped = 0, []
        while counted < n:
            day += timedelta(days=1)
            reason = self.why_not_working(day)
            if reason is None:
                counted += 1
            else:
                skipped.append((day, reason))
        return WorkingDayCount(day, tuple(skipped))

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days after `start`'s day up to and including `end`'s day (0 on the same day)."""
        day, last, count = self.local_day(start), self.local_day(end), 0
        while day < last:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def subtract_working_days(self, day: date, n: int) -> date:
        """The Nth working day before `day` (e.g. "2 working days before" a due date)."""
        counted = 0
        while counted < n:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def next_working_day(self, day: date) -> tuple[date, Skipped]:
        """`day` if it is a working day, else the first after it (Algemene termijnenwet)."""
        skipped = []
        while (reason := self.why_not_working(day)) is not None:
            skipped.append((day, reason))
            day += timedelta(days=1)
        return day, tuple(skipped)

    @staticmethod
    def add_months(moment: datetime, count: int) -> date:
        """The same Amsterdam day `count` calendar months later, clipped to the month's end."""
        day = moment.astimezone(AMSTERDAM).date()
        month_index = day.month - 1 + count
        year, month = day.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(day.day, months.monthrange(year, month)[1]))
