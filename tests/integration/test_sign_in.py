"""Signing in to the console on both stores: a session cookie as the contract says, CSRF on every
form, expiry on an injected clock, a lock after repeated failures that ends by itself, sessions
that end when the member is disabled, and every sign-in, sign-out and refusal in the audit log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from application.roles import Role
from application.staff_use_cases import AddStaffMember, ChangeStaffMember, SetPassword
from tests.conftest import TESTER
from web.app import create_app

EMAIL, PASSWORD = "anna@voorbeeld.nl", "groene-tulpen-in-de-regen"


@pytest.fixture
def browser(service: Service) -> Iterator[TestClient]:
    app = create_app(service=service)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


@pytest.fixture
def anna(service: Service) -> str:
    service.commands.run(
        AddStaffMember(EMAIL, "Anna de Wit", Role.MEDIATOR, "Team Noord"), actor="admin:test"
    )
    service.commands.run(SetPassword(EMAIL, PASSWORD), actor="admin:test")
    return EMAIL


def form_token(page: Any) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(browser: TestClient, email: str = EMAIL, password: str = PASSWORD) -> Any:
    token = form_token(browser.get("/aanmelden"))
    return browser.post("/aanmelden", data={"email": email, "password": password, "csrf": token})


def audit_types(service: Service) -> list[str]:
    return [e.type for e in service.audit.events(0, 1000, TESTER).items]


def test_signing_in_sets_the_session_cookie_and_lands_on_the_work_list(
    browser: TestClient, anna: str, service: Service
) -> None:
    assert browser.get("/").headers["location"] == "/aanmelden"
    page = browser.get("/aanmelden")
    assert page.status_code == 200 and '<html lang="nl">' in page.text
    signed_in = sign_in(browser)
    assert signed_in.status_code == 303, signed_in.text
    assert signed_in.headers["location"] == "/werkvoorraad"
    cookie = next(
        c for c in signed_in.headers.get_list("set-cookie") if c.startswith("gehoord_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    work = browser.get("/werkvoorraad")
    assert work.status_code == 200 and "Anna de Wit" in work.text
    assert browser.get("/").headers["location"] == "/werkvoorraad"
    session_id = browser.cookies["gehoord_session"]
    with service.engine.connect() as connection:
        stored = connection.execute(text("SELECT id_hash FROM sessions")).scalars().all()
    assert len(stored) == 1 and session_id not in stored[0]  # only its hash is kept


def test_https_makes_the_cookie_secure(database_url: str, clock: SettableClock) -> None:
    from adapters.bootstrap import build, migrate
    from adapters.settings import Settings

    settings = Settings(database_url=database_url, public_url="https://klachten.example.nl")
    service = build(settings, clock)
    migrate(service)
    try:
        service.commands.run(AddStaffMember(EMAIL, "Anna", Role.MEDIATOR), actor="admin:test")
        service.commands.run(SetPassword(EMAIL, PASSWORD), actor="admin:test")
        app = create_app(service=service)
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as browser:
            signed_in = sign_in(browser)
        cookies = signed_in.headers.get_list("set-cookie")
        session = next(c for c in cookies if c.startswith("gehoord_session="))
        assert "Secure" in session
    finally:
        service.close()


def test_a_page_without_a_session_asks_to_sign_in_and_returns_there_after(
    browser: TestClient, anna: str
) -> None:
    asked = browser.get("/werkvoorraad")
    assert asked.status_code == 401 and 'name="terug" value="/werkvoorraad"' in asked.text
    token = form_token(asked)
    data = {"email": EMAIL, "password": PASSWORD, "csrf": token, "terug": "/werkvoorraad"}
    assert browser.post("/aanmelden", data=data).headers["location"] == "/werkvoorraad"
    browser.cookies.clear()
    token = form_token(browser.get("/aanmelden"))
    away = {"email": EMAIL, "password": PASSWORD, "csrf": token, "terug": "//evil.example/x"}
    assert browser.post("/aanmelden", data=away).headers["location"] == "/werkvoorraad"


def test_a_form_without_its_csrf_token_is_403(browser: TestClient, anna: str) -> None:
    browser.get("/aanmelden")
    missing = browser.post("/aanmelden", data={"email": EMAIL, "password": PASSWORD})
    assert missing.status_code == 403 and "controlecode" in missing.text
    forged = {"email": EMAIL, "password": PASSWORD, "csrf": "forged"}
    assert browser.post("/aanmelden", data=forged).status_code == 403
    assert "gehoord_session" not in browser.cookies
    sign_in(browser)
    assert browser.post("/afmelden").status_code == 403
    assert browser.get("/werkvoorraad").status_code == 200  # still signed in


def test_signing_out_ends_the_session(browser: TestClient, anna: str, service: Service) -> None:
    sign_in(browser)
    session_id = browser.cookies["gehoord_session"]
    token = form_token(browser.get("/werkvoorraad"))
    out = browser.post("/afmelden", data={"csrf": token})
    assert out.status_code == 303 and out.headers["location"] == "/aanmelden"
    browser.cookies.set("gehoord_session", session_id)  # a copy kept of the old cookie
    assert browser.get("/werkvoorraad").status_code == 401
    types = audit_types(service)
    assert types.count("SignedIn") == 1 and types.count("SignedOut") == 1


def test_a_cookie_planted_before_sign_in_is_never_the_session(
    browser: TestClient, anna: str
) -> None:
    browser.cookies.set("gehoord_session", "planted-by-someone-else", domain="testserver.local")
    sign_in(browser)
    assert browser.cookies["gehoord_session"] != "planted-by-someone-else"
    assert browser.get("/werkvoorraad").status_code == 200


def test_a_session_ends_after_eight_idle_hours(
    browser: TestClient, anna: str, clock: SettableClock
) -> None:
    sign_in(browser)
    clock.advance(timedelta(hours=6))
    assert browser.get("/werkvoorraad").status_code == 200  # use renews the idle time
    clock.advance(timedelta(hours=5, minutes=59))
    assert browser.get("/werkvoorraad").status_code == 200  # 11:59 since sign-in
    browser.cookies.clear()
    sign_in(browser)
    clock.advance(timedelta(hours=2))
    assert browser.get("/werkvoorraad").status_code == 200
    clock.advance(timedelta(hours=8, seconds=1))  # 10 hours since sign-in, 8 idle
    expired = browser.get("/werkvoorraad")
    assert expired.status_code == 401 and "sessie is afgelopen" in expired.text


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(
    browser: TestClient, anna: str, clock: SettableClock
) -> None:
    sign_in(browser)
    for _ in range(11):
        clock.advance(timedelta(hours=1))
        assert browser.get("/werkvoorraad").status_code == 200
    clock.advance(timedelta(hours=1, seconds=1))
    assert browser.get("/werkvoorraad").status_code == 401


def test_disabling_a_member_ends_their_session_on_the_next_request(
    browser: TestClient, anna: str, service: Service
) -> None:
    sign_in(browser)
    assert browser.get("/werkvoorraad").status_code == 200
    service.commands.run(ChangeStaffMember(EMAIL, active=False), actor="admin:test")
    assert browser.get("/werkvoorraad").status_code == 401
    refused = sign_in(browser)
    assert refused.status_code == 401 and "gehoord_session=" not in str(refused.headers)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(
    browser: TestClient, anna: str, clock: SettableClock, service: Service
) -> None:
    for _ in range(5):
        wrong = sign_in(browser, password="niet-het-goede-wachtwoord")
        assert wrong.status_code == 401 and "horen niet bij" in wrong.text
    locked = sign_in(browser)  # even the right password
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) == 15 * 60
    assert "Te vaak mislukt" in locked.text
    clock.advance(timedelta(minutes=15, seconds=1))
    assert sign_in(browser).status_code == 303
    assert audit_types(service).count("SignInRefused") == 5


def test_an_unknown_address_is_refused_the_same_way_as_a_wrong_password(
    browser: TestClient, anna: str, service: Service
) -> None:
    unknown = sign_in(browser, email="niemand@voorbeeld.nl")
    wrong = sign_in(browser, password="niet-het-goede-wachtwoord")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.text.replace("niemand@voorbeeld.nl", EMAIL) == wrong.text.replace(
        form_token(wrong), form_token(unknown)
    )


def test_failures_from_one_address_are_limited_across_accounts(
    browser: TestClient, anna: str, service: Service
) -> None:
    limit = service.settings.auth_failures_per_minute
    for n in range(limit):
        assert sign_in(browser, email=f"gok{n}@voorbeeld.nl").status_code == 401
    blocked = sign_in(browser)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1


def test_no_password_appears_in_the_logs(
    browser: TestClient, anna: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sign_in(browser, password="verkeerd-maar-geheim-123")
    sign_in(browser)
    captured = capsys.readouterr()
    assert "request" in captured.out + captured.err  # the log is there, and it is clean
    for secret in (PASSWORD, "verkeerd-maar-geheim-123"):
        assert secret not in captured.out + captured.err


def test_a_session_ended_by_disabling_stays_ended_when_the_member_is_enabled_again(
    browser: TestClient, anna: str, service: Service
) -> None:
    sign_in(browser)
    cookie_a = browser.cookies["gehoord_session"]
    assert browser.get("/werkvoorraad").status_code == 200
    # no request in between: only disabling itself can have ended the session
    service.commands.run(ChangeStaffMember(EMAIL, active=False), actor="admin:test")
    service.commands.run(ChangeStaffMember(EMAIL, active=True), actor="admin:test")
    browser.cookies.clear()
    browser.cookies.set("gehoord_session", cookie_a)  # a copy kept of the old cookie
    refused = browser.get("/werkvoorraad")
    assert refused.status_code == 401 and 'name="terug" value="/werkvoorraad"' in refused.text
    browser.cookies.clear()
    assert sign_in(browser).status_code == 303  # enabled again: a new sign-in works
    assert browser.cookies["gehoord_session"] != cookie_a
    assert browser.get("/werkvoorraad").status_code == 200


def test_a_csrf_token_of_one_session_is_refused_with_another_sessions_cookie(
    browser: TestClient, anna: str, service: Service
) -> None:
    bram = "bram@voorbeeld.nl"
    service.commands.run(
        AddStaffMember(bram, "Bram Bakker", Role.MEDIATOR, "Team Zuid"), actor="admin:test"
    )
    service.commands.run(SetPassword(bram, PASSWORD), actor="admin:test")
    sign_in(browser)  # session A: Anna's
    token_a = form_token(browser.get("/mijn-gegevens"))
    with TestClient(create_app(service=service), follow_redirects=False) as other:
        assert sign_in(other, email=bram).status_code == 303  # session B: Bram's
        token_b = form_token(other.get("/mijn-gegevens"))
        assert token_a != token_b
        crossed = other.post("/mijn-gegevens", data={"csrf": token_a, "digest": "uit"})
        assert crossed.status_code == 403 and "controlecode" in crossed.text
        record = service.staff.by_email(bram)
        assert record is not None and record.digest is True  # nothing changed
        out = other.post("/afmelden", data={"csrf": token_a})
        assert out.status_code == 403
        assert other.get("/werkvoorraad").status_code == 200  # still signed in
        own = other.post("/mijn-gegevens", data={"csrf": token_b, "digest": "uit"})
        assert own.status_code == 303  # its own token is accepted
        record = service.staff.by_email(bram)
        assert record is not None and record.digest is False
    anna_record = service.staff.by_email(EMAIL)
    assert anna_record is not None and anna_record.digest is True
