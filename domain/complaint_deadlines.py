"""A complaint's clocks: acknowledgement, minutes, decision, upheld response and agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.calendar import AMSTERDAM, WorkingDayCalendar
from domain.complaint import Complaint
from domain.deadlines import Deadline, Norm, Start, count_working_days, judge, on_calendar_day
from domain.policy import ClockPolicy, PolicyBook
from domain.values import ClockName, Outcome, Status
from domain.wording import Phrase, phrase


def complaint_deadlines(
    complaint: Complaint, book: PolicyBook, calendar: WorkingDayCalendar, now: datetime
) -> list[Deadline]:
    """Every clock that has started on the complaint, judged at `now`."""
    rules = _ComplaintRules(complaint, book, calendar, now)
    clocks = [rules.acknowledgement(), rules.decision(), *rules.minutes()]
    return clocks + rules.upheld_response() + rules.agreements() + rules.measures()


RECEIVED, CONVERSATION_HELD = phrase("received"), phrase("conversation held")


def _local_day(moment: datetime) -> date:
    """Weeks and suspended days count in Amsterdam calendar days, DST or not."""
    return moment.astimezone(AMSTERDAM).date()


def _days_between(start: datetime, end: datetime) -> int:
    return max((_local_day(end) - _local_day(start)).days, 0)


def _days(count: int) -> Phrase:
    return phrase("{count} day" if count == 1 else "{count} days", count=count)


@dataclass(frozen=True)
class _ComplaintRules:
    """The complaint's clock rules; a clock not met when the case ends is stopped."""

    c: Complaint
    book: PolicyBook
    cal: WorkingDayCalendar
    now: datetime

    def _judge(self, norm: Norm, met_at: datetime | None) -> Deadline:
        return judge(norm, met_at, self.c.status.is_final, self.now)

    def _received_under(self) -> ClockPolicy:
        """The version recorded at receipt: the acknowledgement and decision clocks obey it."""
        return self.book.for_clock(self.c.policy_version, self.c.received_at)

    def acknowledgement(self) -> Deadline:
        c, chosen = self.c, self._received_under()
        p = chosen.policy
        rule = phrase(
            "An acknowledgement is due {days} working days after receipt",
            days=p.acknowledgement_days,
        )
        start = Start(
            ClockName.ACKNOWLEDGEMENT, "acknowledgement", c.received_at, chosen, rule, RECEIVED
        )
        norm = count_working_days(
            self.cal, start, p.acknowledgement_days, p.acknowledgement_warn_days
        )
        return self._judge(norm, c.acknowledged_at)

    def minutes(self) -> list[Deadline]:
        clocks = []
        for number, conversation in enumerate(self.c.conversations, start=1):
            held = conversation.at
            chosen = self.book.for_clock(conversation.policy_version, held)
            p = chosen.policy
            rule = phrase(
                "Minutes are due {days} working days after the conversation", days=p.minutes_days
            )
            start = Start(
                ClockName.MINUTES, f"minutes:{number}", held, chosen, rule, CONVERSATION_HELD
            )
            norm = count_working_days(self.cal, start, p.minutes_days, p.minutes_warn_days)
            sent = min((m.at for m in self.c.minutes if m.at >= held), default=None)
            clocks.append(self._judge(norm, sent))
        return clocks

    def _suspended_days(self) -> int:
        """Calendar days not counted. A suspension from local date S to resumption on local
        date R counts R - S days, whatever the times of day; one still open counts up to today."""
        days = sum(_days_between(period.start, period.end) for period in self.c.suspensions)
        if (since := self.c.suspended_since) is not None:
            days += _days_between(since, max(self.now, since))
        return days

    def _suspensions_text(self) -> list[Phrase]:
        """Each suspension in words, with the days it did not count."""
        texts = [
            phrase(
                "suspended {start} to {end}: {days} not counted",
                start=period.start,
                end=period.end,
                days=_days(_days_between(period.start, period.end)),
            )
            for period in self.c.suspensions
        ]
        if (since := self.c.suspended_since) is not None:
            counted = _days_between(since, max(self.now, since))
            texts.append(
                phrase(
                    "suspended since {since}, counted until now: {days} not counted so far",
                    since=since,
                    days=_days(counted),
                )
            )
        return texts

    def decision(self) -> Deadline:
        c, chosen = self.c, self._received_under()
        p = chosen.policy
        extensions = [e for e in c.extensions if e.clock == ClockName.DECISION]
        weeks = p.decision_weeks + sum(e.weeks for e in extensions)
        paused = self._suspended_days()

        def details() -> list[Phrase]:
            extended = "extended {weeks} weeks, decided and told on {day}"
            return self._suspensions_text() + [
                phrase(extended, weeks=e.weeks, day=_local_day(e.at)) for e in extensions
            ]

        due_day = _local_day(c.received_at) + timedelta(weeks=weeks, days=paused)
        rule = phrase(
            "A decision is due {weeks} weeks after receipt, suspensions not counted",
            weeks=p.decision_weeks,
        )
        start = Start(ClockName.DECISION, "decision", c.received_at, chosen, rule, RECEIVED)
        warn = timedelta(weeks=p.decision_warn_weeks)
        norm = on_calendar_day(self.cal, start, due_day, warn, details)
        decided = [v.at for v in c.conversations if v.outcome == Outcome.RESOLVED]
        decided += [c.ruling.at] if c.ruling else []
        decided += [c.ended_at] if c.status == Status.CLOSED and c.ended_at else []
        return judge(norm, min(decided, default=None), c.status == Status.WITHDRAWN, self.now)

    def upheld_response(self) -> list[Deadline]:
        ruling = self.c.ruling
        if ruling is None or not ruling.verdict.is_upheld:
            return []
        ruled = ruling.at
        chosen = self.book.for_clock(ruling.policy_version, ruled)
        p = chosen.policy
        months = p.upheld_response_months
        span = phrase(
            "{months} calendar month" if months == 1 else "{months} calendar months", months=months
        )
        rule = phrase("An apology or measures are due {span} after an upheld ruling", span=span)
        label = phrase("ruling ({verdict}) received", verdict=str(ruling.verdict))
        start = Start(ClockName.UPHELD_RESPONSE, "upheld_response", ruled, chosen, rule, label)
        warn = timedelta(weeks=p.upheld_response_warn_weeks)
        norm = on_calendar_day(self.cal, start, self.cal.add_months(ruled, months), warn)
        answered = [a.at for a in self.c.apologies]
        answered += [m.communicated_at for m in self.c.measures]
        answers = [at for at in answered if at >= ruled]
        return [self._judge(norm, min(answers, default=None))]

    def agreements(self) -> list[Deadline]:
        clocks = []
        for agreement in self.c.agreements:
            held = agreement.agreed_at
            recorded = self.c.conversations[agreement.conversation - 1].policy_version
            chosen = self.book.for_clock(recorded, held)
            p, number = chosen.policy, agreement.number
            rule = phrase("Agreement {number} is due on the date agreed", number=number)
            label = phrase("agreed in the conversation of")
            start = Start(ClockName.AGREEMENT, f"agreement:{number}", held, chosen, rule, label)
            norm = on_calendar_day(self.cal, start, agreement.due, p.agreement_warn_days)
            clocks.append(self._judge(norm, agreement.done_at))
        return clocks

    def measures(self) -> list[Deadline]:
        """A measure with a due date is followed until it is done, also after the case closed:
        "nothing seems to change after an upheld complaint" is the criticism this answers."""
        clocks = []
        for measure in self.c.measures:
            if measure.due is None:
                continue
            chosen = self.book.for_clock(measure.policy_version, measure.communicated_at)
            rule = phrase("Measure {number} is due on the date set", number=measure.number)
            if measure.owner_team:
                owned = "Measure {number} is due on the date set, owned by {team}"
                rule = phrase(owned, number=measure.number, team=measure.owner_team)
            key, told = f"measure:{measure.number}", measure.communicated_at
            start = Start(ClockName.MEASURE, key, told, chosen, rule, phrase("communicated"))
            warn = chosen.policy.measure_warn_days
            norm = on_calendar_day(self.cal, start, measure.due, warn)
            clocks.append(judge(norm, measure.done_at, False, self.now))
        return clocks
