"""`gehoord demo`: a realistic Dutch demo data set that walks every complaint lifecycle path."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from adapters.bootstrap import Service
from adapters.demo_signals import load_demo_signals
from application.casework import Casework, NewComplaint
from domain.calendar import AMSTERDAM
from domain.complaint import Complaint
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
TEAMS = ["Team Noord", "Team Zuid", "Team Oost", "Team West"]
MEDIATORS = ["anna", "ruud", "mirjam"]
CHANNELS = ["letter", "email", "phone", "web", "social_media", "in_person"]

Step = Callable[[Casework, Complaint, datetime], None]
"""One command of a demo case, given the casework (for policy-capped commands), the case, now."""


def load_demo(service: Service, seed: int = 2019) -> int:
    """Registers demo complaints and signals with their histories, sweeps once; returns how many."""
    rng = random.Random(seed)
    now = service.clock.now()
    number = 0
    for _ in range(2):
        for (youngest, oldest), path in PATHS:
            person = PEOPLE[number % len(PEOPLE)]
            subject, description = SUBJECTS[number % len(SUBJECTS)]
            received = _on(now - timedelta(days=rng.randint(youngest, oldest)), 0, now)
            new = NewComplaint(
                received_at=received,
                channel=CHANNELS[number % len(CHANNELS)],
                complainant={
                    k: v for k, v in zip(("name", "email", "phone"), person, strict=True) if v
                },
                dossier_ref=f"D-{received.year}-{1000 + number * 37}",
                subject=subject,
                description=description,
                team=TEAMS[number % len(TEAMS)],
            )
            _record(service, new, path(Moments(received, now), rng))
            number += 1
    number += load_demo_signals(service, now)
    service.projections.catch_up()
    service.sweep.run(service.clock.now())
    return number


def _record(service: Service, new: NewComplaint, steps: list[Step]) -> None:
    casework = service.casework
    with service.unit_of_work():
        complaint = casework.register(new, "intake:demo")
    for step in steps:
        with service.unit_of_work():
            casework.change(complaint.id, None, partial(step, casework))


def _on(start: datetime, days: float, now: datetime) -> datetime:
    """A working-hours moment on a weekday `days` after `start`, never later than now."""
    moment = (start + timedelta(days=days)).astimezone(AMSTERDAM)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    moment = moment.replace(hour=10, minute=0, second=0, microsecond=0)
    return min(moment, now - timedelta(hours=1))


class Moments:
    """Moments of one demo case, counted in days from its receipt."""

    def __init__(self, received: datetime, now: datetime) -> None:
        self.received, self.now = received, now

    def day(self, days: float) -> datetime:
        return _on(self.received, days, self.now)

    def ago(self, days: float) -> datetime:
        return _on(self.now - timedelta(days=days), 0, self.now)


M = "mediator:demo"


def _ack(at: datetime) -> Step:
    return lambda w, c, now: c.acknowledge(at=at, actor=M, now=now)


def _assign(mediator: str) -> Step:
    return lambda w, c, now: c.assign(mediator=mediator, actor=M, now=now)


def _talk(at: datetime, outcome: Outcome, agreements: list[tuple[str, date]] | None = None) -> Step:
    return lambda w, c, now: c.hold_conversation(
        at=at,
        actor=M,
        now=now,
        participants=[c.complainant["name"], "klachtenbemiddelaar"],
        outcome=outcome,
        agreements=agreements or [],
    )


def _say(name: str, at: datetime, **data: Any) -> Step:
    return lambda w, c, now: getattr(c, name)(at=at, actor=M, now=now, **data)


def _minutes(at: datetime) -> Step:
    return lambda w, c, now: c.send_minutes(at=at, actor=M, now=now, sent_to=c.complainant["name"])


def _extend(w: Casework, c: Complaint, now: datetime) -> None:
    w.extend(
        c, clock=ClockName.DECISION, weeks=4, reason="Commissie komt later bijeen", actor=M, now=now
    )


def _received_only(t: Moments, rng: random.Random) -> list[Step]:
    return []


def _acknowledged(t: Moments, rng: random.Random) -> list[Step]:
    return [_ack(t.day(1)), _assign(rng.choice(MEDIATORS))]


def _minutes_overdue(t: Moments, rng: random.Random) -> list[Step]:
    return [*_acknowledged(t, rng), _talk(t.ago(12), Outcome.RESOLVED)]


def _minutes_sent(t: Moments, rng: random.Random) -> list[Step]:
    return [*_acknowledged(t, rng), _talk(t.day(5), Outcome.RESOLVED), _minutes(t.day(8))]


def _resolved_and_closed(t: Moments, rng: random.Random) -> list[Step]:
    return [*_minutes_sent(t, rng), _say("close", t.day(12), reason="Opgelost in gesprek")]


def _committee(t: Moments, rng: random.Random, verdict: Verdict, ruled: datetime) -> list[Step]:
    def rule(w: Casework, c: Complaint, now: datetime) -> None:
        c.receive_ruling(at=ruled, actor=M, now=now, verdict=verdict)

    return [*_acknowledged(t, rng), _say("refer", t.day(4)), rule]


def _upheld_unanswered(t: Moments, rng: random.Random) -> list[Step]:
    return _committee(t, rng, Verdict.UPHELD, t.ago(36))


def _upheld_with_apology(t: Moments, rng: random.Random) -> list[Step]:
    return [
        *_committee(t, rng, Verdict.UPHELD, t.day(20)),
        _say("give_apology", t.day(25), summary="Persoonlijk excuses aangeboden"),
        _say(
            "communicate_measures",
            t.day(25),
            measures=["Vaste jeugdbeschermer per gezin", "Terugbelnorm van 2 werkdagen"],
        ),
    ]


def _upheld_measures_only(t: Moments, rng: random.Random) -> list[Step]:
    return [
        *_committee(t, rng, Verdict.PARTLY_UPHELD, t.day(20)),
        _say("communicate_measures", t.day(26), measures=["Verslagen laten meelezen"]),
    ]


def _unfounded_closed(t: Moments, rng: random.Random) -> list[Step]:
    return [
        *_committee(t, rng, Verdict.UNFOUNDED, t.day(20)),
        _say("close", t.day(22), reason="Ongegrond verklaard"),
    ]


def _suspended(t: Moments, rng: random.Random) -> list[Step]:
    return [_ack(t.day(1)), _say("suspend", t.day(3), reason="Wacht op reactie klager")]


def _extended(t: Moments, rng: random.Random) -> list[Step]:
    return [_ack(t.day(1)), _say("refer", t.day(5)), _extend]


def _waiting_for_committee(t: Moments, rng: random.Random) -> list[Step]:
    return [*_acknowledged(t, rng), _say("refer", t.day(5))]


def _withdrawn(t: Moments, rng: random.Random) -> list[Step]:
    return [_ack(t.day(2)), _say("withdraw", t.day(6), reason="Klager ziet ervan af")]


def _reopened(t: Moments, rng: random.Random) -> list[Step]:
    return [
        *_resolved_and_closed(t, rng),
        _say("reopen", t.day(14), reason="Afspraak toch niet nagekomen"),
    ]


def _agreement_overdue(t: Moments, rng: random.Random) -> list[Step]:
    promise = [("Nieuwe omgangsregeling voorstellen", t.ago(6).date())]
    return [
        *_acknowledged(t, rng),
        _talk(t.day(4), Outcome.UNRESOLVED, promise),
        _minutes(t.day(6)),
    ]


PATHS: list[tuple[tuple[int, int], Callable[[Moments, random.Random], list[Step]]]] = [
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
