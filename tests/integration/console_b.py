"""Helpers for part B's console page tests: a browser signed in as a staff member of a role,
the CSRF token of a page, and the access log as the auditor's use case reads it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import Service
from application.access import Accessor
from application.ports import AccessQuery, AccessRecord
from application.roles import Role
from application.staff_use_cases import AddStaffMember, SetPassword
from web.app import create_app

PASSWORD = "groene-tulpen-in-de-regen"
OTHER_ROLES = {
    "register": [Role.MANAGER, Role.AUDITOR, Role.ADMIN],
}
CHECKER = Accessor(user="checker", role="auditor", access_point="test", address="-")


class Console:
    """The console app over the service; `as_(role)` is a browser signed in with that role.
    The browsers share the app of the test's `client`, which alone runs its lifespan (the
    service's background work starts once, and the service closes once)."""

    def __init__(self, service: Service, app: Any) -> None:
        self.service = service
        self.app = app

    def as_(self, role: Role, email: str | None = None, team: str = "Team Noord") -> TestClient:
        email = email or f"{role}@voorbeeld.nl"
        if self.service.staff.by_email(email) is None:
            name = f"{str(role).title()} Testpersoon"
            self.service.commands.run(AddStaffMember(email, name, role, team), actor="admin:test")
            self.service.commands.run(SetPassword(email, PASSWORD), actor="admin:test")
        browser = TestClient(self.app, base_url="http://testserver", follow_redirects=False)
        page = browser.get("/aanmelden")
        signed_in = browser.post(
            "/aanmelden", data={"email": email, "password": PASSWORD, "csrf": csrf_of(page)}
        )
        assert signed_in.status_code == 303, signed_in.text
        return browser


@pytest.fixture
def client(service: Service) -> Iterator[TestClient]:
    """The API and the console in one app, as `gehoord serve` runs them."""
    with TestClient(create_app(service=service), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def console(service: Service, client: TestClient) -> Console:
    return Console(service, client.app)


def csrf_of(page: Any) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def post_form(browser: TestClient, page_url: str, action: str, data: dict[str, Any]) -> Any:
    """Open the page, take its CSRF token, and send the form to `action`."""
    token = csrf_of(browser.get(page_url))
    return browser.post(action, data={"csrf": token, **data})


def access_records(service: Service, user: str) -> list[AccessRecord]:
    return service.access.page(CHECKER, AccessQuery(user=user), None, 500).items
