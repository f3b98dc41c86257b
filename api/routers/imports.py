"""POST /v1/admin/imports: an existing complaints register (CSV or XLSX) imported by an admin."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile

from api.dependencies import ServiceDep, allowed
from api.schemas.imports import ImportResultPublic
from application.identity import Principal
from application.roles import Action

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Importer = Annotated[Principal, allowed(Action.IMPORT_REGISTER)]


@router.post(
    "/imports",
    response_model=ImportResultPublic,
    status_code=201,
    summary="Import a complaints register (CSV or XLSX); a file with any bad row writes nothing",
    responses={200: {"model": ImportResultPublic, "description": "a dry run, or nothing new"}},
)
def import_register(
    service: ServiceDep,
    caller: Importer,
    response: Response,
    file: Annotated[UploadFile, File(description="the register, .csv or .xlsx, one row a case")],
    dry_run: Annotated[bool, Query(description="check and count only; write nothing")] = False,
) -> ImportResultPublic:
    data = file.file.read()
    report = service.import_register(file.filename or "", data, by=caller.actor, dry_run=dry_run)
    response.status_code = 201 if report.cases else 200
    return ImportResultPublic.of(report)
