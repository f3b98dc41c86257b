"""Who is looking, for the access log: the caller, on whose behalf, the endpoint or page, and
the client's address, taken from the request the same way for the API and the console."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request
from starlette.exceptions import HTTPException

from api.client_address import Network, client_address
from api.schemas.common import CONTROL
from application.access import Accessor
from application.identity import Principal

ON_BEHALF_OF = "X-On-Behalf-Of"
"""Optional request header: the person a caller acts for (NEN 7513's "on whose behalf")."""


def accessor(
    request: Request,
    caller: Principal,
    trusted_proxies: Sequence[Network],
) -> Accessor:
    on_behalf_of = request.headers.get(ON_BEHALF_OF)
    if on_behalf_of is not None and (
        not on_behalf_of.strip() or len(on_behalf_of) > 200 or CONTROL.search(on_behalf_of)
    ):
        raise HTTPException(400, f"{ON_BEHALF_OF} must be printable text of 1 to 200 characters")
    return Accessor(
        user=caller.name,
        role=str(caller.role),
        access_point=f"{request.method} {request.url.path}",
        address=client_address(request, trusted_proxies),
        request_id=getattr(request.state, "request_id", ""),
        on_behalf_of=on_behalf_of.strip() if on_behalf_of else None,
    )
