"""`gehoord demo`: a realistic Dutch demo data set that walks every complaint lifecycle path.

The complaints come in as an organisation's spreadsheet register does: their rows are written
as a CSV register (Dutch dates and words) and imported through `gehoord import`'s own path, so
each case is judged once its whole history is in and no demo history holds a false breach. What
a register cannot say (the mediator, a suspension, an extension, a reopening, a conversation
with agreements) follows as commands after the import, at moments after its last step.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from uuid import UUID

from adapters.bootstrap import Service
from adapters.demo_signals import load_demo_signals
from application.complaint_use_cases import (
    AgreementMade,
    AssignMediator,
    CommunicateMeasures,
    ExtendDeadline,
    HoldConversation,
    ReopenComplaint,
    SuspendComplaint,
)
from application.learning_use_cases import (
    ApproveMeasureSummary,
    SetThemes,
    WriteMeasureSummary,
)
from application.register_rows import COLUMNS
from application.register_table import csv_register
from application.roles import Role
from application.staff_use_cases import AddStaffMember
from application.use_case import Command
from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
from domain.records import MeasurePlan
from domain.values import ClockName, Outcome, Verdict

PEOPLE = [
    ("Fatima de Vries", "f.devries@example.nl", "06-21436587"),
    ("Jan Jansen", "jan.jansen@example.nl", "06-12345678"),
    ("Sanne Bakker", "sanne.bakker@example.nl", None),
    ("Mohamed El Amrani", None, "06-98765432"),
    ("Kees van Dijk", "kees.vandijk@example.nl", "010-4567890"),
    ("Annelies Visser", "a.visser@example.nl", None),
    ("Priya Ramdin", "p.ramdin@example.nl", "06-55512345"),
    ("Henk de Boer", None, "050-3123456"),
    ("Lotte Smit", "lotte.smit@example.nl", None),
    ("Ahmet Yilmaz", "a.yilmaz@example.nl", "06-44433322"),
]
SUBJECTS = [
    ("Afspraken niet nagekomen", "De jeugdbeschermer kwam twee keer niet op de afgesproken tijd."),
    ("Niet gehoord in het plan", "Wij zijn niet betrokken bij het opstellen van het plan."),
    ("Verslag klopt niet", "In het verslag staan feiten die niet kloppen over ons gezin."),
    ("Slecht bereikbaar", "Ik bel al drie weken en krijg niemand te spreken."),
    ("Omgangsregeling", "De omgang met mijn dochter is zonder overleg gewijzigd."),
    ("Wisseling jeugdbeschermer", "Binnen een jaar de vierde jeugdbeschermer, zonder uitleg."),
]
THEMES_OF_SUBJECTS = [
    ("afspraken nakomen", "bereikbaarheid"),
    ("besluitvorming", "communicatie"),
    ("deskundigheid",),
    ("bereikbaarheid",),
    ("besluitvorming", "bejegening"),
    ("communicatie",),
]
PUBLIC_SUMMARIES = {
    "Vaste jeugdbeschermer per gezin": (
        "Elk gezin houdt voortaan één vaste jeugdbeschermer; een wissel wordt vooraf uitgelegd."
    ),
    "Terugbelnorm van 2 werkdagen": "Wie belt, wordt binnen twee werkdagen teruggebeld.",
    "Verslagen laten meelezen": "Ouders lezen een verslag mee voordat het wordt vastgesteld.",
}
TEAMS = ["Team Noord", "Team Zuid", "Team Oost", "Team West"]
STAFF = [
    ("anna.jansen@voorbeeldregio.nl", "Anna Jansen", Role.MEDIATOR, "Team Noord"),
    ("ruud.bos@voorbeeldregio.nl", "Ruud Bos", Role.MEDIATOR, "Team Zuid"),
    ("mirjam.kok@voorbeeldregio.nl", "Mirjam Kok", Role.MEDIATOR, "Team Oost"),
    ("karin.mulder@voorbeeldregio.nl", "Karin Mulder", Role.MANAGER, "Team Noord"),
    ("joost.meijer@voorbeeldregio.nl", "Joost Meijer", Role.MANAGER, "Team Zuid"),
    ("ilse.dekker@voorbeeldregio.nl", "Ilse Dekker", Role.INTAKE, None),
    ("bram.visser@voorbeeldregio.nl", "Bram Visser", Role.AUDITOR, None),
]
"""The demo organisation's staff (no passwords: `gehoord users set-password` gives one)."""
MEDIATORS = [email for email, _, role, _ in STAFF if role == Role.MEDIATOR]
CHANNELS = ["brief", "e-mail", "telefoon", "website", "sociale media", "persoonlijk"]
VERDICTS = {Verdict.UPHELD: "gegrond", Verdict.PARTLY_UPHELD: "deels gegrond"}
VERDICTS |= {Verdict.UNFOUNDED: "ongegrond"}
REGISTER = "demo-register.csv"

Step = Callable[[UUID], Command[Any]]
"""One command after the import, given the case's id."""


@dataclass
class Story:
    """A demo case: the steps its register row dates, and the commands that follow the import."""

    steps: dict[str, datetime] = field(default_factory=dict)
    verdict: Verdict | None = None
    measures: tuple[str, ...] = ()
    later: list[Step] = field(default_factory=list)


def load_demo(service: Service, seed: int = 2019) -> int:
    """Imports the demo register, runs what follows it, adds signals, sweeps once; returns how
    many complaints and signals were made."""
    rng = random.Random(seed)
    now = service.clock.now()
    _staff(service)
    rows, stories = [], {}
    for number in range(2 * len(PATHS)):
        (youngest, oldest), path = PATHS[number % len(PATHS)]
        name, email, phone = PEOPLE[number % len(PEOPLE)]
        subject, description = SUBJECTS[number % len(SUBJECTS)]
        received = _on(now - timedelta(days=rng.randint(youngest, oldest)), 0, now)
        story = path(Moments(received, now, name), rng)
        ref = f"DEMO-{now:%Y%m%d%H%M%S}-{number + 1:03d}"  # a second demo (--force) adds new rows
        stories[ref] = story
        rows.append(
            {
                "external_ref": ref,
                "received_at": received,
                "channel": CHANNELS[number % len(CHANNELS)],
                "complainant_name": name,
                "complainant_email": email,
                "complainant_phone": phone,
                "dossier_ref": f"D-{received.year}-{1000 + number * 37}",
                "subject": subject,
                "description": description,
                "team": TEAMS[number % len(TEAMS)],
                "verdict": VERDICTS.get(story.verdict) if story.verdict else None,
                "measures": "; ".join(story.measures),
                **story.steps,
            }
        )
    report = service.import_register(
        REGISTER, csv_register(COLUMNS, rows).encode(), by="intake:demo"
    )
    for number, (ref, story) in enumerate(stories.items()):
        case_id = report.cases[ref]
        for step in story.later:
            service.commands.run(step(case_id), actor=M)
        themes = SetThemes(case_id, THEMES_OF_SUBJECTS[number % len(SUBJECTS)], now)
        service.commands.run(themes, actor=M)
        _publish_summaries(service, case_id)
    number = len(rows) + load_demo_signals(service, now)
    service.projections.catch_up()
    service.sweep.run(service.clock.now())
    return number


def _staff(service: Service) -> None:
    """The demo's staff members, added once (a second demo keeps them as they are)."""
    for email, name, role, team in STAFF:
        if service.staff.by_email(email) is None:
            service.commands.run(AddStaffMember(email, name, role, team), actor="admin:demo")


def _publish_summaries(service: Service, case_id: UUID) -> None:
    """One manager writes a public summary of each measure, another approves it."""
    case = service.casework.load(Complaint, case_id)
    for measure in case.measures:
        summary = PUBLIC_SUMMARIES.get(measure.description)
        if summary is not None:
            write = WriteMeasureSummary(case_id, measure.number, summary)
            service.commands.run(write, actor=f"manager:{STAFF[3][0]}")
            approve = ApproveMeasureSummary(case_id, measure.number)
            service.commands.run(approve, actor=f"manager:{STAFF[4][0]}")


def _on(start: datetime, days: float, now: datetime) -> datetime:
    """A working-hours moment on a weekday `days` after `start`, never later than now."""
    moment = (start + timedelta(days=days)).astimezone(AMSTERDAM)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    moment = moment.replace(hour=10, minute=0, second=0, microsecond=0)
    return min(moment, now - timedelta(hours=1))


class Moments:
    """Moments of one demo case, counted in days from its receipt, and who complained."""

    def __init__(self, received: datetime, now: datetime, complainant: str) -> None:
        self.received, self.now, self.complainant = received, now, complainant

    def day(self, days: float) -> datetime:
        return _on(self.received, days, self.now)

    def ago(self, days: float) -> datetime:
        return _on(self.now - timedelta(days=days), 0, self.now)

    def weekday_ago(self, days: int) -> datetime:
        """10:00 on the weekday at least `days` days back (so a date due then is past)."""
        moment = (self.now - timedelta(days=days)).astimezone(AMSTERDAM)
        while moment.weekday() >= 5:
            moment -= timedelta(days=1)
        return moment.replace(hour=10, minute=0, second=0, microsecond=0)


M = "mediator:demo"


def _assigned(rng: random.Random) -> Step:
    return partial(AssignMediator, mediator=rng.choice(MEDIATORS))


def _received_only(t: Moments, rng: random.Random) -> Story:
    return Story()


def _acknowledged(t: Moments, rng: random.Random) -> Story:
    return Story({"acknowledged_at": t.day(1)}, later=[_assigned(rng)])


def _minutes_overdue(t: Moments, rng: random.Random) -> Story:
    story = _acknowledged(t, rng)
    story.steps["conversation_at"] = t.ago(12)
    return story


def _minutes_sent(t: Moments, rng: random.Random) -> Story:
    story = _acknowledged(t, rng)
    story.steps |= {"conversation_at": t.day(5), "minutes_at": t.day(8)}
    return story


def _resolved_and_closed(t: Moments, rng: random.Random) -> Story:
    story = _minutes_sent(t, rng)
    story.steps["closed_at"] = t.day(12)
    story.later.clear()  # a closed case takes no mediator
    return story


def _committee(t: Moments, rng: random.Random, verdict: Verdict, ruled: datetime) -> Story:
    story = _acknowledged(t, rng)
    story.steps |= {"referred_at": t.day(4), "ruling_at": ruled}
    story.verdict = verdict
    return story


def _upheld_unanswered(t: Moments, rng: random.Random) -> Story:
    return _committee(t, rng, Verdict.UPHELD, t.ago(36))


def _upheld_with_apology(t: Moments, rng: random.Random) -> Story:
    """The register names the measure; the mediator adds one with an owner and a due date
    that has passed, so the queue shows a measure followed through (or not)."""
    story = _committee(t, rng, Verdict.UPHELD, t.day(20))
    story.steps |= {"apology_at": t.day(25), "measures_at": t.day(25)}
    story.measures = ("Vaste jeugdbeschermer per gezin",)
    callback = MeasurePlan("Terugbelnorm van 2 werkdagen", "Klantcontact", t.ago(3).date())
    story.later.append(partial(CommunicateMeasures, at=t.day(26), measures=(callback,)))
    return story


def _upheld_measures_only(t: Moments, rng: random.Random) -> Story:
    story = _committee(t, rng, Verdict.PARTLY_UPHELD, t.day(20))
    story.steps["measures_at"] = t.day(26)
    story.measures = ("Verslagen laten meelezen",)
    return story


def _unfounded_closed(t: Moments, rng: random.Random) -> Story:
    story = _committee(t, rng, Verdict.UNFOUNDED, t.day(20))
    story.steps["closed_at"] = t.day(22)
    story.later.clear()
    return story


def _suspended(t: Moments, rng: random.Random) -> Story:
    suspend = partial(SuspendComplaint, at=t.ago(1), reason="Wacht op reactie klager")
    return Story({"acknowledged_at": t.day(1)}, later=[suspend])


def _extended(t: Moments, rng: random.Random) -> Story:
    extend = partial(
        ExtendDeadline, clock=ClockName.DECISION, weeks=4, reason="Commissie komt later bijeen"
    )
    return Story({"acknowledged_at": t.day(1), "referred_at": t.day(5)}, later=[extend])


def _waiting_for_committee(t: Moments, rng: random.Random) -> Story:
    story = _acknowledged(t, rng)
    story.steps["referred_at"] = t.day(5)
    return story


def _withdrawn(t: Moments, rng: random.Random) -> Story:
    return Story({"acknowledged_at": t.day(2), "withdrawn_at": t.day(6)})


def _reopened(t: Moments, rng: random.Random) -> Story:
    """Closed as the register says, reopened after the import, then given a mediator."""
    story = _minutes_sent(t, rng)
    story.steps["closed_at"] = t.day(12)
    reopen = partial(ReopenComplaint, at=t.day(14), reason="Afspraak toch niet nagekomen")
    story.later.insert(0, reopen)
    return story


def _agreement_overdue(t: Moments, rng: random.Random) -> Story:
    """A second conversation after the import made an agreement that is now overdue."""
    story = _minutes_sent(t, rng)
    held = t.weekday_ago(3)
    promise = (AgreementMade("Nieuwe omgangsregeling voorstellen", held.date()),)
    talk = partial(
        HoldConversation,
        at=held,
        participants=(t.complainant, "klachtenbemiddelaar"),
        outcome=Outcome.UNRESOLVED,
        agreements=promise,
    )
    story.later.append(talk)
    return story


PATHS: list[tuple[tuple[int, int], Callable[[Moments, random.Random], Story]]] = [
    ((3, 9), _received_only),
    ((8, 20), _acknowledged),
    ((20, 30), _minutes_overdue),
    ((20, 40), _minutes_sent),
    ((30, 60), _resolved_and_closed),
    ((60, 70), _upheld_unanswered),
    ((50, 80), _upheld_with_apology),
    ((50, 80), _upheld_measures_only),
    ((40, 80), _unfounded_closed),
    ((20, 40), _suspended),
    ((35, 40), _extended),
    ((45, 55), _waiting_for_committee),
    ((10, 30), _withdrawn),
    ((40, 60), _reopened),
    ((20, 30), _agreement_overdue),
]
