"""Guards around every request: streamed oversize bodies, no personal data in logs or errors."""

from __future__ import annotations

from collections.abc import Iterator

from structlog.testing import capture_logs

from application.roles import Role
from tests.integration.conftest import Api, complaint_body
from tests.integration.test_privacy import SECRETS as LIFECYCLE_SECRETS
from tests.integration.test_privacy import a_case_full_of_personal_data

PERSON = {
    "name": "Wilhelmina Zandbergen",
    "email": "w.zandbergen@example.nl",
    "phone": "0611122233",
}


def test_a_streamed_body_over_64_kib_is_refused_without_a_length_header(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"description": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = api.client.post(
        "/v1/complaints",
        content=chunks(),
        headers=api.headers(Role.INTAKE, **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert api.get(Role.MEDIATOR, "/v1/complaints").json()["items"] == []


def test_no_personal_data_reaches_the_logs_or_any_problem_body(api: Api) -> None:
    with capture_logs() as logs:
        a_case_full_of_personal_data(api)  # the whole lifecycle, with its own person
        case = api.register(complainant=PERSON, description="Wilhelmina heeft verdriet")
        path = f"/v1/complaints/{case['id']}"
        problems = [
            api.post(
                Role.MEDIATOR,
                f"{path}/minutes",
                {"at": case["received_at"], "sent_to": PERSON["name"]},
            ),
            api.post(
                Role.INTAKE,
                "/v1/complaints",
                complaint_body(complainant={**PERSON, "email": PERSON["name"]}),
            ),
            api.post(
                Role.MEDIATOR,
                f"{path}/apology",
                {"at": "2099-01-01T00:00:00+00:00", "summary": PERSON["name"]},
            ),
        ]
        api.get(Role.MEDIATOR, path)
        api.get(Role.MEDIATOR, f"{path}/history")
    assert [p.status_code for p in problems] == [409, 422, 422]
    text = repr(logs) + "".join(p.text for p in problems)
    assert logs, "nothing was logged"
    for value in [*PERSON.values(), "Wilhelmina", *LIFECYCLE_SECRETS]:
        assert value not in text
