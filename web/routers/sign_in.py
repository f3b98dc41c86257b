"""Signing in and out of the console: `/aanmelden`, `/afmelden`, and `/` to the right place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.client_address import client_address
from api.dependencies import ServiceDep
from application.console_sessions import AccountLocked, SignInRefused
from application.errors import TooManyFailures
from web.pages import (
    HOME,
    SESSION_COOKIE,
    SIGN_IN_CSRF_COOKIE,
    SignedIn,
    check_csrf,
    local_path,
    secure_cookies,
    sign_in_form,
)

router = APIRouter(include_in_schema=False)
SESSION_SECONDS = 12 * 3600  # the absolute limit; the server ends idle sessions sooner


@router.get("/")
def home(request: Request) -> RedirectResponse:
    target = HOME if request.cookies.get(SESSION_COOKIE) else "/aanmelden"
    return RedirectResponse(target, status_code=303)


@router.get("/aanmelden")
def sign_in_page(
    request: Request, service: ServiceDep, terug: Annotated[str | None, Query()] = None
) -> Response:
    return sign_in_form(request, service, back=terug)


@router.post("/aanmelden")
def sign_in(
    request: Request,
    service: ServiceDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf: Annotated[str | None, Form(max_length=200)] = None,
    terug: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    check_csrf(request.cookies.get(SIGN_IN_CSRF_COOKIE, ""), csrf)
    address = client_address(request, service.settings.trusted_proxies)
    try:
        session = service.console.sign_in(email, password, address)
    except SignInRefused:
        error = "Dit e-mailadres en wachtwoord horen niet bij een actieve medewerker."
        return sign_in_form(request, service, 401, error=error, email=email, back=terug)
    except (AccountLocked, TooManyFailures) as locked:
        minutes = max(1, round(locked.retry_after_seconds / 60))
        error = f"Te vaak mislukt. Probeer het over {minutes} minuut/minuten opnieuw."
        page = sign_in_form(request, service, 429, error=error, email=email, back=terug)
        page.headers["Retry-After"] = str(locked.retry_after_seconds)
        return page
    request.state.actor = session.principal.actor
    earlier = request.cookies.get(SESSION_COOKIE)
    if earlier:  # a new id at every sign-in: an id known before it is never signed in
        service.console.sign_out(earlier, address)
    response = RedirectResponse(local_path(terug), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(service),
    )
    response.delete_cookie(SIGN_IN_CSRF_COOKIE)
    return response


@router.post("/afmelden")
def sign_out(
    request: Request,
    service: ServiceDep,
    visitor: SignedIn,
    csrf: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    check_csrf(visitor.csrf, csrf)
    service.console.sign_out(visitor.session.id, visitor.address)
    target = "/aanmelden"
    if visitor.session.method == "oidc" and service.sign_on is not None:
        back = f"{str(service.settings.public_url).rstrip('/')}/aanmelden"
        target = service.sign_on.provider.end_session_url(back) or target
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
