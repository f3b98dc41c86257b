"""Helpers for the console's page tests: staff members signed in through the sign-in form, each
with their own cookies, on one app over the test's service."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from adapters.bootstrap import Service
from application.access import Accessor
from application.ports import AccessQuery
from application.roles import Role
from application.staff_use_cases import AddStaffMember, SetPassword
from web.app import create_app

PASSWORD = "groene-tulpen-in-de-regen"
LOOKER = Accessor(user="test", role="auditor", access_point="test", address="-")


def form_token(page: Any) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def form_fields(page: Any, action: str) -> dict[str, str]:
    """The hidden fields (csrf, version, idempotency key) of the form posting to `action`."""
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}".*?</form>', page.text, re.S
    )
    assert form, f"no form for {action}"
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0))
    return dict(hidden)


class Console:
    """`console.person("anna@voorbeeld.nl", Role.MEDIATOR)`: a signed-in browser for them."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.app = create_app(service=service)
        self._started = TestClient(self.app)

    def __enter__(self) -> Console:
        """The app's lifespan runs once (it puts the service on the app); browsers share it."""
        self._started.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._started.__exit__(*exc)

    def person(
        self, email: str, role: Role, team: str | None = "Team Noord", name: str | None = None
    ) -> TestClient:
        display = name or email.split("@")[0].title()
        self.service.commands.run(AddStaffMember(email, display, role, team), actor="admin:test")
        self.service.commands.run(SetPassword(email, PASSWORD), actor="admin:test")
        browser = TestClient(self.app, base_url="http://testserver", follow_redirects=False)
        token = form_token(browser.get("/aanmelden"))
        signed_in = browser.post(
            "/aanmelden", data={"email": email, "password": PASSWORD, "csrf": token}
        )
        assert signed_in.status_code == 303, signed_in.text
        return browser

    def accesses(self, user: str) -> list[Any]:
        """What the access log holds for `user`, oldest first."""
        page = self.service.access.page(LOOKER, AccessQuery(user=user), None, 500)
        return list(page.items)
