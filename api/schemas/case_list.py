"""The case list's schemas: its filters (complaints and signals alike) and its rows."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.common import Filter, Utc
from application.identity import Principal
from application.ports import CaseFilter
from domain.values import SignalStatus, Status


class CaseListQuery(BaseModel):
    """The filters and paging every case list takes."""

    team: Filter | None = None
    reference: Annotated[
        str | None, Field(pattern=r"^[A-Z]-[0-9]{4}-[0-9]{5,9}$", description="e.g. K-2026-00022")
    ] = None
    flagged: bool | None = None
    limit: int = Field(50, ge=1, le=500)
    cursor: str | None = Field(None, pattern=r"^[0-9]{1,18}$")


class CaseSummary(BaseModel):
    """A row of the case list (complaints or signals); no personal data."""

    id: UUID
    case_type: str
    reference: str
    status: str
    suspended: bool
    version: int
    received_at: Utc
    channel: str
    dossier_ref: str
    subject: str
    team: str
    mediator: str | None
    open_flags: int
    themes: list[str]


class ComplaintListQuery(CaseListQuery):
    status: Status | None = None
    mediator: Filter | None = Field(None, description="a mediator, or `me`")
    theme: Filter | None = Field(None, description="one of the configured themes")

    def where(self, caller: Principal) -> CaseFilter:
        mediator = caller.name if self.mediator == "me" else self.mediator
        return CaseFilter(
            case_type="complaint",
            status=None if self.status is None else str(self.status),
            team=self.team,
            mediator=mediator,
            flagged=self.flagged,
            theme=self.theme,
            reference=self.reference,
        )


class CasePage(BaseModel):
    items: list[CaseSummary]
    next_cursor: str | None


class SignalListQuery(CaseListQuery):
    status: SignalStatus | None = None

    def where(self) -> CaseFilter:
        return CaseFilter(
            case_type="signal",
            status=None if self.status is None else str(self.status),
            team=self.team,
            flagged=self.flagged,
            reference=self.reference,
        )
