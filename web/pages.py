"""What every console page shares: the templates with Dutch dates, the signed-in session and
its CSRF check, and errors as Dutch pages that say what to do."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from adapters.bootstrap import Service
from adapters.explanation_words import DUTCH, explained_in_dutch
from api.client_address import client_address
from api.dependencies import get_service
from application.access import Accessor
from application.console_sessions import Session
from application.errors import UnknownToken
from application.roles import Action, may
from domain.calendar import AMSTERDAM
from web import words
from web.menu import menu_for
from web.security import secured

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SESSION_COOKIE = "gehoord_session"
SIGN_IN_CSRF_COOKIE = "gehoord_csrf"
templates = Jinja2Templates(directory=HERE / "templates")


def dutch_moment(moment: datetime | None) -> str:
    """ "di 14 apr 2026 09:30", in Amsterdam time."""
    return "" if moment is None else DUTCH.moment(moment)


def dutch_day(day: date | datetime | None) -> str:
    """ "di 14 apr 2026"."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone(AMSTERDAM).date()
    return DUTCH.day(day)


templates.env.filters["moment"] = dutch_moment
templates.env.filters["day"] = dutch_day
templates.env.filters["uitleg"] = explained_in_dutch
templates.env.globals["words"] = words
templates.env.globals["word"] = words.word
templates.env.globals["policy_word"] = words.policy_word
templates.env.filters["actor"] = words.actor_word


class PageError(Exception):
    """Raised by a page route: shown as a Dutch page with the status and what to do."""

    def __init__(self, status: int, title: str, advice: str) -> None:
        super().__init__(title)
        self.status, self.title, self.advice = status, title, advice


class SignInNeeded(Exception):
    """Raised when a page needs a signed-in staff member and there is none: never signed in,
    or the session ended (expired, signed out elsewhere, or the member was disabled)."""

    def __init__(self, ended: bool) -> None:
        super().__init__("sign-in needed")
        self.ended = ended


HOME = "/werkvoorraad"
SESSION_ENDED = "Uw sessie is afgelopen. Meld u opnieuw aan om verder te gaan."


def secure_cookies(service: Service) -> bool:
    """Cookies are only sent over https when the console is reached over https."""
    return service.settings.public_url.scheme == "https"


def local_path(back: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if back and back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return back
    return HOME


def sign_in_form(
    request: Request,
    service: Service,
    status: int = 200,
    *,
    error: str = "",
    notice: str = "",
    email: str = "",
    back: str | None = None,
) -> Response:
    """The sign-in page; its form carries a CSRF token bound to a cookie set with it."""
    token = request.cookies.get(SIGN_IN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    page = render(
        request,
        "aanmelden.html",
        status,
        csrf=token,
        error=error,
        notice=notice,
        email=email,
        back=local_path(back),
        sso=service.sign_on is not None,
    )
    secure = secure_cookies(service)
    page.set_cookie(SIGN_IN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure)
    return page


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page with the menu of the visitor's role, the organisation's theme and the CSP."""
    visitor = context.get("visitor")
    context.setdefault("menu", menu_for(visitor.session.principal.role) if visitor else [])
    context.setdefault("theme", get_service(request).settings.console_theme is not None)
    page = templates.TemplateResponse(request, template, context, status_code=status)
    secured(page)
    return page


def install_page_errors(app: FastAPI) -> None:
    async def page_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, PageError)
        visitor = getattr(request.state, "visitor", None)
        return render(
            request,
            "fout.html",
            error.status,
            title=error.title,
            advice=error.advice,
            visitor=visitor,
        )

    async def sign_in_needed(request: Request, error: Exception) -> Response:
        """401 with the sign-in form, which brings them back to this page afterwards."""
        assert isinstance(error, SignInNeeded)
        notice = SESSION_ENDED if error.ended else ""
        back = request.url.path if request.method == "GET" else HOME
        return sign_in_form(request, get_service(request), 401, notice=notice, back=back)

    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(SignInNeeded, sign_in_needed)


@dataclass(frozen=True)
class Visitor:
    """A signed-in staff member on a page: their session and the client's address."""

    session: Session
    address: str

    @property
    def csrf(self) -> str:
        return self.session.csrf

    def may(self, action: Action) -> bool:
        return may(self.session.principal.role, action)

    def who(self, request: Request) -> Accessor:
        """This visitor on this page, for the access log (as the API's accessor has it)."""
        principal = self.session.principal
        return Accessor(
            user=principal.name,
            role=str(principal.role),
            access_point=f"{request.method} {request.url.path}",
            address=self.address,
            request_id=getattr(request.state, "request_id", ""),
        )


def _visitor(request: Request, service: Annotated[Service, Depends(get_service)]) -> Visitor:
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id:
        raise SignInNeeded(ended=False)
    try:
        session = service.console.resume(session_id)
    except UnknownToken:
        raise SignInNeeded(ended=True) from None
    visitor = Visitor(session, client_address(request, service.settings.trusted_proxies))
    request.state.visitor = visitor
    request.state.actor = session.principal.actor
    return visitor


SignedIn = Annotated[Visitor, Depends(_visitor)]


def allowed_on_page(action: Action) -> Any:
    """A signed-in visitor whose role may take `action`; otherwise a Dutch 403 page."""

    def visitor(found: SignedIn) -> Visitor:
        if not found.may(action):
            raise PageError(
                403,
                "Dit mag uw rol niet",
                "Uw rol geeft geen toegang tot deze pagina. Vraag een beheerder als u "
                "denkt dat dit niet klopt.",
            )
        return found

    visitor.action = action  # type: ignore[attr-defined]  # read by the role table
    return Depends(visitor)


def check_csrf(expected: str, given: str | None) -> None:
    """Every form carries the token of its session (or of the sign-in page): without it, 403."""
    if not given or not hmac.compare_digest(expected, given):
        raise PageError(
            403,
            "Dit formulier is verlopen",
            "Het formulier mist een geldige controlecode. Laad de pagina opnieuw en probeer "
            "het nog eens.",
        )
