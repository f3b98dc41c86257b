"""Single sign-on for the console: `/aanmelden/sso` sends the browser to the organisation's
OpenID provider, `/aanmelden/sso/callback` takes its answer (authorization code with PKCE;
state, nonce and every token check in adapters.oidc), and the member lands on their role's page.

The state is kept twice: hashed in the database (taken once, so a replayed answer is refused)
and in a cookie of this browser (so an answer started in another browser is refused)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from adapters.bootstrap import Service, SignOn
from adapters.oidc import TokenRefused
from adapters.persistence.sso_attempts import Attempt
from api.client_address import client_address
from api.dependencies import ServiceDep
from application.errors import ApplicationError
from application.roles import Role
from application.single_sign_on import SignOnRefused
from web.pages import SESSION_COOKIE, PageError, local_path, secure_cookies, sign_in_form

router = APIRouter(include_in_schema=False)
STATE_COOKIE = "gehoord_sso_state"
SESSION_SECONDS = 12 * 3600
HOME_OF_ROLE = {
    Role.INTAKE: "/klachten/nieuw",
    Role.MEDIATOR: "/werkvoorraad",
    Role.MANAGER: "/overzicht",
    Role.AUDITOR: "/audit",
    Role.ADMIN: "/beheer",
}
"""Where a person lands after signing on, unless they were on their way to a page."""


def _configured(service: Service) -> SignOn:
    if service.sign_on is None:
        raise PageError(
            404,
            "Aanmelden via uw organisatie staat niet aan",
            "Meld u aan met uw e-mailadres en wachtwoord, of vraag de beheerder om single "
            "sign-on in te stellen.",
        )
    return service.sign_on


@router.get("/aanmelden/sso")
def start(
    service: ServiceDep, terug: Annotated[str | None, Query(max_length=500)] = None
) -> Response:
    sign_on = _configured(service)
    try:
        started = sign_on.provider.start()
    except TokenRefused:
        raise PageError(
            503,
            "De aanmeldvoorziening van uw organisatie antwoordt niet",
            "Probeer het over een paar minuten opnieuw, of meld u aan met uw wachtwoord.",
        ) from None
    back = local_path(terug) if terug else ""
    attempt = Attempt(started.nonce, started.verifier, back)
    sign_on.attempts.begin(started.state, attempt, service.clock.now())
    response = RedirectResponse(started.url, status_code=303)
    response.set_cookie(
        STATE_COOKIE,
        started.state,
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(service),
    )
    return response


@router.get("/aanmelden/sso/callback")
def callback(
    request: Request,
    service: ServiceDep,
    code: Annotated[str | None, Query(max_length=2000)] = None,
    state: Annotated[str | None, Query(max_length=500)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    sign_on = _configured(service)
    address = client_address(request, service.settings.trusted_proxies)

    def refused(reason: str, shown: str) -> Response:
        sign_on.members.refuse("", address, reason)
        page = sign_in_form(request, service, 401, error=shown)
        page.delete_cookie(STATE_COOKIE)
        return page

    if error is not None or code is None or state is None:
        return refused("the provider sent no code", "Aanmelden via uw organisatie is afgebroken.")
    ours = request.cookies.get(STATE_COOKIE, "")
    attempt = sign_on.attempts.take(state, service.clock.now())
    if attempt is None or not hmac.compare_digest(ours, state):
        return refused(
            "an unknown, used or expired state", "Deze aanmelding is verlopen. Begin opnieuw."
        )
    try:
        tokens = sign_on.provider.exchange(code, attempt.verifier)
        claims = sign_on.provider.id_token_claims(tokens, attempt.nonce)
    except TokenRefused as why:
        return refused(str(why), "Uw organisatie gaf geen geldige aanmelding. Begin opnieuw.")
    try:
        session = sign_on.members.sign_in(claims, address)
    except (SignOnRefused, ApplicationError):
        page = sign_in_form(
            request,
            service,
            403,
            error="U bent aangemeld bij uw organisatie, maar heeft geen rol in gehoord. "
            "Vraag uw beheerder om toegang.",
        )
        page.delete_cookie(STATE_COOKIE)
        return page
    request.state.actor = session.principal.actor
    landing = attempt.back or HOME_OF_ROLE[session.principal.role]
    response = RedirectResponse(landing, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(service),
    )
    response.delete_cookie(STATE_COOKIE)
    return response
