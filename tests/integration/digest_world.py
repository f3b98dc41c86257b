"""A small organisation for the digest tests: staff of two teams, complaints with open flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from adapters.bootstrap import Service
from application.complaint_use_cases import AgreementMade, AssignMediator, HoldConversation
from application.roles import Role
from domain.values import Outcome
from tests.integration.conftest import NOW, Api, iso

TUESDAY = datetime(2026, 3, 17, 6, 30, tzinfo=UTC)
"""07:30 in Amsterdam on Tuesday 17 March 2026, the morning after the cases were registered."""

PERSONAL = (
    "Fatima",
    "de Vries",
    "devries",
    "12345678",
    "Afspraken niet nagekomen",
    "gezinsvoogd",
    "D-2026-0142",
    "oma Truus",
)
"""What the complaints say about the complainant; none of it may be in any mail."""

ANNA, BRAM, KARIN, DIRK, ILSE = (
    "anna@voorbeeld.nl",
    "bram@voorbeeld.nl",
    "karin@voorbeeld.nl",
    "dirk@voorbeeld.nl",
    "ilse@voorbeeld.nl",
)


@dataclass
class World:
    tokens: dict[str, str]
    references: dict[str, str]
    """`late_noord`, `late_zuid`, `warned_noord` → case reference."""


def a_small_organisation(api: Api) -> World:
    """Anna and Dirk mediate in Team Noord, Bram in Team Zuid, Karin manages Team Noord, Ilse
    registers. Anna's and Bram's complaints are past their acknowledgement, and Anna's also
    past an agreement made in a conversation (its words are the complainant's); a third, in
    Team Noord and nobody's yet, comes near its acknowledgement (a warning from Tuesday)."""
    tokens = {
        ANNA: api.staff_member(ANNA, Role.MEDIATOR, "Team Noord"),
        DIRK: api.staff_member(DIRK, Role.MEDIATOR, "Team Noord"),
        BRAM: api.staff_member(BRAM, Role.MEDIATOR, "Team Zuid"),
        KARIN: api.staff_member(KARIN, Role.MANAGER, "Team Noord"),
        ILSE: api.staff_member(ILSE, Role.INTAKE, "Team Noord"),
    }
    late_noord = api.register(received_at=iso(NOW - timedelta(days=10)))
    late_zuid = api.register(received_at=iso(NOW - timedelta(days=10)), team="Team Zuid")
    warned_noord = api.register(received_at=iso(NOW - timedelta(days=5)))
    assign(api.service, late_noord["id"], ANNA)
    talk = HoldConversation(
        UUID(late_noord["id"]),
        datetime(2026, 3, 12, 10, 0, tzinfo=UTC),
        ("Fatima de Vries",),
        Outcome.RESOLVED,
        (AgreementMade("Gesprek met oma Truus plannen", date(2026, 3, 13)),),
    )
    api.service.commands.run(talk, actor="mediator:test")
    assign(api.service, late_zuid["id"], BRAM)
    api.service.projections.catch_up()
    references = {
        "late_noord": late_noord["reference"],
        "late_zuid": late_zuid["reference"],
        "warned_noord": warned_noord["reference"],
    }
    return World(tokens, references)


def assign(service: Service, case_id: str, email: str) -> None:
    service.commands.run(AssignMediator(UUID(case_id), email), actor="mediator:test")
