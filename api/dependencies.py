"""Request dependencies: the wired service, the authenticated caller allowed to act, and the
per-request helpers routers use to run a command or read a case in one line.

No `from __future__ import annotations` here: the dependency factories put a closure variable
(the action) into their parameters' annotations, which FastAPI must see evaluated."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Header, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from adapters.bootstrap import Service
from api.accessor import accessor
from api.client_address import client_address
from application.access import Accessor
from application.complaint_use_cases import RegisterComplaint
from application.errors import TooManyFailures, UnknownToken
from application.identity import Principal
from application.ports import AccessAction, CaseFilter
from application.reads import CasePage, HistoryEntry, TimelineStep
from application.roles import Action, may
from application.signal_use_cases import RecordStemResponse, RegisterSignal
from application.use_case import CaseView, Command
from domain.complaint import Complaint
from domain.errors import InvalidMoment
from domain.flagging import Flagged
from domain.signal import Signal

R = TypeVar("R")
K = TypeVar("K", Complaint, Signal)
_bearer = HTTPBearer(auto_error=False, description="A token from `gehoord tokens create`")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


def allowed(action: Action) -> Any:
    """A dependency that returns the caller if their token's role may take `action`."""

    def caller(
        request: Request,
        service: ServiceDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        address = client_address(request, service.settings.trusted_proxies)
        secret = credentials.credentials if credentials is not None else None
        try:
            principal = service.authentication.authenticate(secret, address)
        except TooManyFailures as error:
            wait = {"Retry-After": str(error.retry_after_seconds)}
            raise HTTPException(429, str(error), headers=wait) from None
        except UnknownToken:
            reason = "unknown or revoked token" if secret else "send Authorization: Bearer <token>"
            raise HTTPException(401, reason, headers=_CHALLENGE) from None
        request.state.actor = principal.actor
        if not may(principal.role, action):
            raise HTTPException(403, f"the role {principal.role} may not {action.value}")
        return principal

    caller.action = action  # type: ignore[attr-defined]  # read by the role table (api/roles_doc)
    return Depends(caller)


ON_BEHALF_ANSWERS = frozenset({400})
"""What a dependency that names the caller for the access log can answer: a bad X-On-Behalf-Of."""
COMMAND_ANSWERS = ON_BEHALF_ANSWERS | {409, 412, 422}
"""What running a command can answer besides its body's own checks: a malformed If-Match (400),
a state that refuses it (409), an old version (412), a reused Idempotency-Key (422)."""


ENTITY_TAG = re.compile(r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"')
IF_MATCH_PATTERN = r'^(\*|(W/)?"[!#-~]*")$'
"""What the schema promises is well formed (ASCII tags only); the check itself is ENTITY_TAG."""
NO_VERSION = -1
"""What a well-formed tag that is not one of our versions expects: no case has it, so 412."""


def expected_version(if_match: str | None) -> int | None:
    """None when any version will do (no header, or `*`); RFC 9110 compares strongly, so a
    weak tag never matches. Anything but `*` or one quoted entity-tag is a bad request."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = ENTITY_TAG.fullmatch(if_match.strip())
    if tag is None:
        raise HTTPException(400, 'If-Match must be * or one quoted entity-tag, e.g. "3"')
    weak, version = tag.groups()
    if weak or re.fullmatch(r"[0-9]{1,9}", version) is None:
        return NO_VERSION
    return int(version)


MOMENT_FIELDS: dict[type[Any], str] = {
    RegisterComplaint: "received_at",
    RegisterSignal: "received_at",
    RecordStemResponse: "answered_at",
}
"""Commands whose business moment the request names otherwise than `at`."""


class CommandCall:
    """One command request: the caller, its Idempotency-Key and If-Match, and the response
    whose ETag (and Location, for a new case) the answer sets."""

    def __init__(
        self,
        service: Service,
        caller: Principal,
        who: Accessor,
        response: Response,
        key: str | None,
        if_match: str | None,
    ) -> None:
        self.service = service
        self.caller = caller
        self.who = who
        self._response = response
        self._key = key
        self._if_match = if_match

    def run(self, command: Command[R], shown: Callable[[R], object] = lambda answer: None) -> R:
        expected = expected_version(self._if_match)
        try:
            return self.service.commands.run(
                command,
                actor=self.caller.actor,
                key=self._key,
                expected_version=expected,
                shown=shown,
            )
        except InvalidMoment as error:
            field = MOMENT_FIELDS.get(type(command))
            if field is None or error.field != "at":
                raise
            raise InvalidMoment(str(error), field) from None

    def case(self, command: Command[CaseView]) -> CaseView:
        """The command's answer shows the case, personal data included: logged as a command."""
        view = self.run(
            command,
            shown=lambda view: self.service.access.cases(
                self.who, AccessAction.COMMAND, [view.case.id]
            ),
        )
        self._response.headers["ETag"] = f'"{view.case.version}"'
        if view.created:
            kind = "signals" if isinstance(view.case, Signal) else "complaints"
            self._response.headers["Location"] = f"/v1/{kind}/{view.case.id}"
        return view


def commanding(action: Action) -> Any:
    """A dependency giving a CommandCall for a caller whose role may take `action`."""

    def call(
        service: ServiceDep,
        request: Request,
        response: Response,
        caller: Annotated[Principal, allowed(action)],
        key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key", max_length=200, description="Replays give the first answer"
            ),
        ] = None,
        if_match: Annotated[
            str | None,
            Header(
                alias="If-Match",
                description='The ETag, e.g. "3", or *; anything else is 400',
                json_schema_extra={"pattern": IF_MATCH_PATTERN, "format": "entity-tag"},
            ),
        ] = None,
    ) -> CommandCall:
        who = accessor(request, caller, service.settings.trusted_proxies)
        return CommandCall(service, caller, who, response, key, if_match)

    call.answers = COMMAND_ANSWERS  # type: ignore[attr-defined]  # read by api/openapi
    return Depends(call)


@dataclass(frozen=True)
class Look:
    """A caller allowed to look at personal data, and how they look (for the access log)."""

    caller: Principal
    who: Accessor


def looking(action: Action) -> Any:
    """A dependency giving a Look for a caller whose role may take `action`."""

    def look(
        service: ServiceDep, request: Request, caller: Annotated[Principal, allowed(action)]
    ) -> Look:
        return Look(caller, accessor(request, caller, service.settings.trusted_proxies))

    look.answers = ON_BEHALF_ANSWERS  # type: ignore[attr-defined]  # read by api/openapi
    return Depends(look)


class CaseReader:
    """Reads for one caller; each is in the access log under the caller and the endpoint."""

    def __init__(self, service: Service, caller: Principal, who: Accessor, response: Response):
        self.service = service
        self.caller = caller
        self.who = who
        self._response = response

    def case(self, kind: type[K], case_id: UUID, as_of: datetime | None) -> CaseView:
        view = self.service.reads.case(kind, case_id, self.who, as_of)
        self._response.headers["ETag"] = f'"{view.case.version}"'
        return view

    def page(self, where: CaseFilter, limit: int, cursor: str | None) -> CasePage:
        return self.service.reads.page(where, limit, cursor, self.who)

    def history(self, kind: type[Flagged], case_id: UUID) -> list[HistoryEntry]:
        return self.service.reads.history(kind, case_id, self.who)

    def timeline(self, kind: type[Flagged], case_id: UUID) -> list[TimelineStep]:
        return self.service.reads.timeline(kind, case_id, self.who)


def reading(action: Action) -> Any:
    """A dependency giving a CaseReader for a caller whose role may take `action`."""

    def reader(
        service: ServiceDep,
        request: Request,
        response: Response,
        caller: Annotated[Principal, allowed(action)],
    ) -> CaseReader:
        who = accessor(request, caller, service.settings.trusted_proxies)
        return CaseReader(service, caller, who, response)

    reader.answers = ON_BEHALF_ANSWERS  # type: ignore[attr-defined]  # read by api/openapi
    return Depends(reader)
