"""A transaction whose read models caught up inside it but which then did not commit leaves
nothing behind in memory: the next command's rows come from what the log holds."""

from __future__ import annotations

import pytest

from adapters.bootstrap import Service
from application.access import SYSTEM
from application.complaint_use_cases import AssignMediator, RegisterComplaint
from application.ports import CaseFilter
from application.roles import Role
from application.staff_use_cases import AddStaffMember
from domain.complaint import Complaint
from domain.records import Contact
from domain.values import Channel
from tests.integration.conftest import NOW


class CommitFailed(Exception):
    pass


def test_a_rolled_back_catch_up_is_forgotten_before_the_next_command(service: Service) -> None:
    for email in ("anna@example.org", "bram@example.org"):
        service.commands.run(AddStaffMember(email, email, Role.MEDIATOR), actor="admin:test")
    registration = RegisterComplaint(
        NOW, Channel.EMAIL, Contact("Ouder"), "D-1", "Bejegening", "", "Team Noord"
    )
    case_id = service.commands.run(registration, actor="intake:test").case.id

    with pytest.raises(CommitFailed), service.unit_of_work():
        complaint = service.casework.load(Complaint, case_id)
        complaint.assign(mediator="anna@example.org", actor="mediator:test", now=NOW)
        service.casework.save(complaint)
        service.projections.catch_up_before_commit()
        raise CommitFailed  # after the read models caught up, before the commit

    service.commands.run(AssignMediator(case_id, "bram@example.org"), actor="mediator:test")

    row = service.reads.page(CaseFilter(), 10, None, SYSTEM).rows[0]
    assert (row.id, row.mediator) == (case_id, "bram@example.org")
    assert service.casework.load(Complaint, case_id).mediator == "bram@example.org"
