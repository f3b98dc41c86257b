"""Request dependencies: the wired service and the authenticated caller allowed to act."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from adapters.bootstrap import Service
from api.rate_limit import FailedAuthLimiter
from application.errors import UnknownToken
from application.roles import Action, may
from application.tokens import Principal

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
        limiter: FailedAuthLimiter = request.app.state.auth_limiter
        address = request.client.host if request.client else "unknown"
        wait = limiter.retry_after(address)
        if wait is not None:
            raise HTTPException(
                429,
                "too many failed authentications from this address",
                headers={"Retry-After": str(wait)},
            )
        if credentials is None or credentials.scheme.lower() != "bearer":
            limiter.failed(address)
            raise HTTPException(401, "send Authorization: Bearer <token>", headers=_CHALLENGE)
        try:
            principal = service.tokens.authenticate(credentials.credentials)
        except UnknownToken:
            limiter.failed(address)
            raise HTTPException(401, "unknown or revoked token", headers=_CHALLENGE) from None
        request.state.actor = principal.actor
        if not may(principal.role, action):
            raise HTTPException(403, f"the role {principal.role} may not {action.value}")
        return principal

    caller.action = action  # type: ignore[attr-defined]  # read by the role table (api/roles_doc)
    return Depends(caller)


def log_read(
    service: Service, caller: Principal, request: Request, case_id: Any, as_of: object = None
) -> None:
    """Append who read which case through which endpoint; attempts on unknown ids count too."""
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    endpoint = f"{request.method} {path}" + ("?as_of" if as_of is not None else "")
    service.access_log.record(caller.actor, case_id, endpoint, service.clock.now())
