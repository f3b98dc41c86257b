"""POST /v1/stem-responses: a STEM questionnaire answer; a low or falling score opens a signal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from api.dependencies import CommandCall, commanding
from api.schemas.signals import StemResponseCreate, StemResponsePublic
from application.ports import AccessAction
from application.roles import Action

router = APIRouter(prefix="/v1/stem-responses", tags=["signals"])
Recording = Annotated[CommandCall, commanding(Action.RECORD_STEM)]


@router.post("", status_code=201, response_model=StemResponsePublic, summary="Record a response")
def record_stem_response(body: StemResponseCreate, call: Recording) -> StemResponsePublic:
    answer = call.run(body.command())
    opened = [answer.signal_id] if answer.signal_id is not None else []
    call.service.access.cases(call.who, AccessAction.COMMAND, opened)
    return StemResponsePublic.of(answer)
