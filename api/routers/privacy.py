"""Privacy duties over HTTP: subject-access requests (AVG art. 15) and their export,
destruction lists under the retention policy, and legal holds."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response

from api.dependencies import CommandCall, Look, ServiceDep, allowed, commanding, looking
from api.schemas.documents import TEXT, SubjectAccessExportPublic, formats
from api.schemas.privacy import (
    DestructionListPublic,
    DestructionLists,
    HoldBody,
    LegalHoldPublic,
    SubjectAccessCreate,
    SubjectAccessPublic,
)
from application.identity import Principal
from application.roles import Action
from application.subject_access import RequestSubjectAccess

router = APIRouter(tags=["privacy"])
Requesting = Annotated[CommandCall, commanding(Action.ANSWER_SUBJECT_ACCESS)]
Answering = Annotated[Look, looking(Action.ANSWER_SUBJECT_ACCESS)]
Proposer = Annotated[Principal, allowed(Action.PROPOSE_DESTRUCTION)]
Approver = Annotated[Principal, allowed(Action.APPROVE_DESTRUCTION)]
Holder = Annotated[Principal, allowed(Action.HOLD_CASE)]


@router.post(
    "/v1/admin/subject-access",
    status_code=201,
    response_model=SubjectAccessPublic,
    summary="Register a request (art. 15)",
)
def request_subject_access(body: SubjectAccessCreate, call: Requesting) -> SubjectAccessPublic:
    received_at = body.received_at or call.service.clock.now()
    view = call.run(RequestSubjectAccess(body.complainant_email, received_at))
    return SubjectAccessPublic.of(view)


@router.get(
    "/v1/admin/subject-access/{request_id}",
    response_model=SubjectAccessPublic,
    summary="A request, its clock",
)
def read_subject_access(
    request_id: UUID, service: ServiceDep, look: Answering
) -> SubjectAccessPublic:
    return SubjectAccessPublic.of(service.subject_access.view(request_id))


@router.get(
    "/v1/admin/subject-access/{request_id}/export",
    summary="Everything held about the person; logged, and the first download stops the clock",
    response_model=None,
    responses=formats(SubjectAccessExportPublic, {"text/html": TEXT}),
)
def export_subject_access(
    request_id: UUID,
    service: ServiceDep,
    look: Answering,
    format: Literal["json", "html"] = "json",
) -> Response:
    content, media_type = service.render_subject_access(
        service.subject_access.export(request_id, look.who), format
    )
    response = Response(content, media_type=media_type)
    response.headers["content-disposition"] = f'attachment; filename="inzage-{request_id}.{format}"'
    if format == "html":
        response.headers["content-security-policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
    return response


@router.post(
    "/v1/admin/retention/proposals",
    status_code=201,
    response_model=DestructionListPublic,
    summary="Propose the destruction list due now (200 and no list when nothing is due)",
    responses={200: {"model": DestructionListPublic, "description": "Nothing is due: no list"}},
)
def propose_destruction_list(
    service: ServiceDep, caller: Proposer, response: Response
) -> DestructionListPublic:
    proposed = service.retention.propose(caller.actor)
    if proposed is None:
        response.status_code = 200
        return DestructionListPublic.nothing_due()
    return DestructionListPublic.of(proposed)


@router.get("/v1/admin/retention/proposals", response_model=DestructionLists, summary="Every list")
def list_destruction_lists(service: ServiceDep, caller: Proposer) -> DestructionLists:
    return DestructionLists(items=[DestructionListPublic.of(r) for r in service.retention.lists()])


@router.get(
    "/v1/admin/retention/proposals/{list_id}",
    response_model=DestructionListPublic,
    summary="One destruction list",
)
def read_destruction_list(
    list_id: UUID, service: ServiceDep, caller: Approver
) -> DestructionListPublic:
    return DestructionListPublic.of(service.retention.one(list_id))


@router.post(
    "/v1/admin/retention/proposals/{list_id}/approve",
    response_model=DestructionListPublic,
    summary="Approve as a second person: every listed case still due is crypto-shredded",
    responses={409: {"description": "The proposer approves, or the list was approved already"}},
)
def approve_destruction_list(
    list_id: UUID, service: ServiceDep, caller: Approver
) -> DestructionListPublic:
    approval = service.retention.approve(list_id, caller.actor)
    public = DestructionListPublic.of(approval.record)
    return public.model_copy(update={"destroyed": approval.destroyed, "kept": approval.kept})


def _hold_routes(kind: str) -> None:
    path = f"/v1/{kind}/{{case_id}}/legal-hold"
    noun = kind.removesuffix("s")

    def place(
        case_id: UUID, body: HoldBody, service: ServiceDep, caller: Holder
    ) -> LegalHoldPublic:
        case = service.retention.place_hold(case_id, body.reason, caller.actor)
        return LegalHoldPublic(case_id=case.id, on_hold=case.on_hold, version=case.version)

    def lift(case_id: UUID, service: ServiceDep, caller: Holder) -> LegalHoldPublic:
        case = service.retention.lift_hold(case_id, caller.actor)
        return LegalHoldPublic(case_id=case.id, on_hold=case.on_hold, version=case.version)

    # named before they are routed: the name is the operationId (placeComplaintHold)
    place.__name__, lift.__name__ = f"place_{noun}_hold", f"lift_{noun}_hold"
    held: dict[int | str, dict[str, Any]] = {
        409: {"description": "Already on hold, not on hold, or destroyed"}
    }
    router.post(
        path, response_model=LegalHoldPublic, summary="Keep the case off every list", responses=held
    )(place)
    router.delete(
        path, response_model=LegalHoldPublic, summary="Lift the legal hold", responses=held
    )(lift)


for _kind in ("complaints", "signals"):
    _hold_routes(_kind)
