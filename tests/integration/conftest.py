"""Integration fixtures: the real app over a real store, a token per role, a settable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SettableClock
from adapters.settings import Settings
from api.app import create_app
from application.roles import Role
from application.staff_use_cases import AddStaffMember

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings_changes() -> dict[str, Any]:
    """Settings a test module changes for its service (it overrides this fixture)."""
    return {}


@pytest.fixture
def service(
    database_url: str, clock: SettableClock, settings_changes: dict[str, Any]
) -> Iterator[Service]:
    settings = Settings(database_url=database_url, projection_poll_seconds=0.1, **settings_changes)
    built = build(settings, clock)
    migrate(built)
    yield built
    built.close()


@pytest.fixture
def client(service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(service=service), raise_server_exceptions=False) as test_client:
        yield test_client


class Api:
    """The client with a token per role: `api.as_(Role.MEDIATOR).post(...)`."""

    def __init__(self, client: TestClient, service: Service, holder: str = "1") -> None:
        self.client = client
        self.service = service
        self.tokens = {role: service.tokens.create(role, f"{role}-{holder}") for role in Role}

    def headers(self, role: Role, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}", **extra}

    def post(self, role: Role, path: str, body: Any, **headers: str) -> Any:
        return self.client.post(path, json=body, headers=self.headers(role, **headers))

    def get(self, role: Role, path: str, **params: Any) -> Any:
        return self.client.get(path, params=params, headers=self.headers(role))

    def staff_member(
        self, email: str, role: Role = Role.MEDIATOR, team: str | None = "Team Noord"
    ) -> str:
        """A staff member in the directory, and a bearer token that acts as them."""
        record = self.service.commands.run(
            AddStaffMember(email, email.split("@")[0].title(), role, team), actor="admin:test"
        )
        return self.service.tokens.create(role, f"{email}:test", record.member_id)

    def register(self, **changes: Any) -> dict[str, Any]:
        response = self.post(Role.INTAKE, "/v1/complaints", complaint_body(**changes))
        assert response.status_code == 201, response.text
        return dict(response.json())


@pytest.fixture
def api(client: TestClient, service: Service) -> Api:
    return Api(client, service)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def complaint_body(**changes: Any) -> dict[str, Any]:
    body = {
        "received_at": iso(NOW - timedelta(days=10)),
        "channel": "email",
        "complainant": {
            "name": "Fatima de Vries",
            "email": "f.devries@example.nl",
            "phone": "06-12345678",
        },
        "dossier_ref": "D-2026-0142",
        "subject": "Afspraken niet nagekomen",
        "description": "De gezinsvoogd kwam twee keer niet.",
        "team": "Team Noord",
    }
    body.update(changes)
    return body
