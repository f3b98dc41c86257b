"""`gehoord demo`: a realistic Dutch demo data set that walks every complaint lifecycle path."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from adapters.bootstrap import Service
from application.casework import Casework, NewComplaint
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
    """Registers the demo complaints with their histories; returns how many."""
    rng = random.Random(seed)
    now = service.clock.now()
    paths = [
        _received_only,
        _acknowledged,
        _minutes_overdue,
        _minutes_sent,
        _resolved_and_closed,
        _upheld_unanswered,
        _upheld_with_apology,
        _upheld_measures_only,
        _unfounded_closed,
        _suspended,
        _extended,
        _withdrawn,
        _reopened,
        _agreement_overdue,
    ]
    for number, path in enumerate(paths * 2):
        received = _working_moment(now - timedelta(days=rng.randint(12, 80)), rng)
        person = PEOPLE[number % len(PEOPLE)]
        subject, description = SUBJECTS[number % len(SUBJECTS)]
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
        _record(service, new, path(received, now, rng))
    service.projections.catch_up()
    service.sweep.run(service.clock.now())
    return len(paths) * 2


def _record(service: Service, new: NewComplaint, steps: list[Step]) -> None:
    actor = "intake:demo"
    casework = service.casework
    with service.unit_of_work():
        complaint = casework.register(new, actor)
    for step in steps:
        with service.unit_of_work():
            casework.change(complaint.id, None, partial(step, casework))


def _working_moment(moment: datetime, rng: random.Random) -> datetime:
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment.replace(
        hour=rng.randint(8, 16), minute=rng.choice((0, 15, 30, 45)), second=0, microsecond=0
    )


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


def _minutes(at: datetime) -> Step:
    return lambda w, c, now: c.send_minutes(at=at, actor=M, now=now, sent_to=c.complainant["name"])


def _refer(at: datetime) -> Step:
    return lambda w, c, now: c.refer(at=at, actor=M, now=now)


def _rule(at: datetime, verdict: Verdict) -> Step:
    return lambda w, c, now: c.receive_ruling(at=at, actor=M, now=now, verdict=verdict)


def _say(name: str, at: datetime, **data: Any) -> Step:
    return lambda w, c, now: getattr(c, name)(at=at, actor=M, now=now, **data)


def _d(received: datetime, days: float, now: datetime) -> datetime:
    return min(received + timedelta(days=days), now - timedelta(minutes=1))


def _received_only(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return []


def _acknowledged(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [_ack(_d(r, 1, now)), _assign(rng.choice(MEDIATORS))]


def _minutes_overdue(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        _ack(_d(r, 1, now)),
        _assign(rng.choice(MEDIATORS)),
        _talk(now - timedelta(days=12), Outcome.RESOLVED),
    ]


def _minutes_sent(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    talk = _d(r, 5, now)
    return [
        _ack(_d(r, 2, now)),
        _assign(rng.choice(MEDIATORS)),
        _talk(talk, Outcome.RESOLVED),
        _minutes(min(talk + timedelta(days=3), now)),
    ]


def _resolved_and_closed(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        *_minutes_sent(r, now, rng),
        _say("close", _d(r, 10, now), reason="Opgelost in gesprek"),
    ]


def _committee(r: datetime, now: datetime, rng: random.Random, verdict: Verdict) -> list[Step]:
    return [
        _ack(_d(r, 1, now)),
        _assign(rng.choice(MEDIATORS)),
        _refer(_d(r, 4, now)),
        _rule(_d(r, 9, now), verdict),
    ]


def _upheld_unanswered(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        _ack(_d(r, 1, now)),
        _assign(rng.choice(MEDIATORS)),
        _refer(_d(r, 3, now)),
        _rule(now - timedelta(days=36), Verdict.UPHELD),
    ]


def _upheld_with_apology(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        *_committee(r, now, rng, Verdict.UPHELD),
        _say("give_apology", _d(r, 11, now), summary="Persoonlijk excuses aangeboden"),
        _say(
            "communicate_measures",
            _d(r, 11, now),
            measures=["Vaste jeugdbeschermer per gezin", "Terugbelnorm van 2 werkdagen"],
        ),
    ]


def _upheld_measures_only(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        *_committee(r, now, rng, Verdict.PARTLY_UPHELD),
        _say("communicate_measures", _d(r, 12, now), measures=["Verslagen laten meelezen"]),
    ]


def _unfounded_closed(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        *_committee(r, now, rng, Verdict.UNFOUNDED),
        _say("close", _d(r, 11, now), reason="Ongegrond verklaard"),
    ]


def _suspended(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [_ack(_d(r, 1, now)), _say("suspend", _d(r, 3, now), reason="Wacht op reactie klager")]


def _extended(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    def extend(w: Casework, c: Complaint, now: datetime) -> None:
        w.extend(
            c,
            clock=ClockName.DECISION,
            weeks=4,
            reason="Commissie komt later bijeen",
            actor=M,
            now=now,
        )

    return [_ack(_d(r, 1, now)), _refer(_d(r, 5, now)), extend]


def _withdrawn(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [_ack(_d(r, 2, now)), _say("withdraw", _d(r, 6, now), reason="Klager ziet ervan af")]


def _reopened(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    return [
        *_resolved_and_closed(r, now, rng),
        _say("reopen", _d(r, 11, now), reason="Afspraak toch niet nagekomen"),
    ]


def _agreement_overdue(r: datetime, now: datetime, rng: random.Random) -> list[Step]:
    talk = _d(r, 4, now)
    due = (now - timedelta(days=6)).date()
    return [
        _ack(_d(r, 1, now)),
        _assign(rng.choice(MEDIATORS)),
        _talk(talk, Outcome.UNRESOLVED, [("Nieuwe omgangsregeling voorstellen", due)]),
        _minutes(min(talk + timedelta(days=2), now)),
    ]
