"""The complaint API over HTTP, the same behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from adapters.clock import SettableClock
from application.roles import Role
from tests.integration.conftest import NOW, Api, complaint_body, iso

MEDIATOR, INTAKE, AUDITOR = Role.MEDIATOR, Role.INTAKE, Role.AUDITOR


def days_ago(n: float) -> str:
    return iso(NOW - timedelta(days=n))


def test_the_full_lifecycle_over_http_ends_closed_with_every_event_in_history(api: Api) -> None:
    api.staff_member("anna@voorbeeld.nl")
    case = api.register()
    path = f"/v1/complaints/{case['id']}"
    steps = [
        ("acknowledge", {"at": days_ago(9)}, "acknowledged"),
        ("assign", {"mediator": "anna@voorbeeld.nl"}, "acknowledged"),
        (
            "conversations",
            {
                "at": days_ago(8),
                "participants": ["Fatima de Vries"],
                "outcome": "unresolved",
                "agreements": [{"description": "Terugbellen", "due": "2026-03-20"}],
            },
            "in_conversation",
        ),
        ("minutes", {"at": days_ago(7), "sent_to": "Fatima de Vries"}, "in_conversation"),
        ("suspend", {"at": days_ago(7), "reason": "Wacht op klager"}, "in_conversation"),
        ("resume", {"at": days_ago(6), "reason": "Klager reageerde"}, "in_conversation"),
        ("extend", {"clock": "decision", "weeks": 2, "reason": "Commissie vol"}, "in_conversation"),
        ("refer", {"at": days_ago(5)}, "referred"),
        ("ruling", {"at": days_ago(3), "verdict": "upheld"}, "ruled"),
        ("apology", {"at": days_ago(2), "summary": "Oprechte excuses"}, "answered"),
        ("measures", {"at": days_ago(2), "measures": ["Vaste contactpersoon"]}, "answered"),
        ("agreements/1/done", {"at": days_ago(1)}, "answered"),
        ("close", {"at": days_ago(1), "reason": "Afgerond"}, "closed"),
        ("reopen", {"at": days_ago(0.5), "reason": "Nieuwe vraag"}, "answered"),
        ("withdraw", {"at": days_ago(0.2), "reason": "Klager trekt in"}, "withdrawn"),
    ]
    for command, body, status in steps:
        response = api.post(MEDIATOR, f"{path}/{command}", body)
        assert response.status_code == 200, (command, response.text)
        assert response.json()["status"] == status, command
        assert response.headers["etag"] == f'"{response.json()["version"]}"'
    history = api.get(MEDIATOR, f"{path}/history").json()
    assert [h["position"] for h in history] == list(range(1, len(history) + 1))
    lifecycle = [h for h in history if not h["type"].startswith("Flag")]
    assert len(lifecycle) == 1 + len(steps)
    assert lifecycle[0]["actor"] == "intake:intake-1"
    assert all(h["actor"] == "mediator:mediator-1" for h in lifecycle[1:])
    assert all(h["actor"].startswith("policy:") for h in history if h["type"].startswith("Flag"))
    assert all(h["at"] and h["recorded_at"] for h in history)
    listed = api.get(MEDIATOR, "/v1/complaints").json()["items"]
    assert [(i["id"], i["status"], i["mediator"]) for i in listed] == [
        (case["id"], "withdrawn", "anna@voorbeeld.nl")
    ]


def test_intake_may_acknowledge_but_not_hold_conversations(api: Api) -> None:
    case = api.register()
    path = f"/v1/complaints/{case['id']}"
    assert api.post(INTAKE, f"{path}/acknowledge", {"at": days_ago(9)}).status_code == 200
    refused = api.post(INTAKE, f"{path}/refer", {"at": days_ago(8)})
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"


def test_missing_unknown_and_revoked_tokens_are_401(api: Api) -> None:
    assert api.client.get("/v1/complaints").status_code == 401
    bad = api.client.get("/v1/complaints", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["status"] == 401
    api.service.tokens.revoke("mediator-1")
    assert api.get(MEDIATOR, "/v1/complaints").status_code == 401
    assert (
        api.client.get("/v1/complaints", headers={"Authorization": "Basic abc"}).status_code == 401
    )


def test_an_auditor_may_read_but_not_register(api: Api) -> None:
    response = api.post(AUDITOR, "/v1/complaints", {"anything": 1})
    assert response.status_code == 403
    assert api.get(AUDITOR, "/v1/complaints").status_code == 200


def test_an_unknown_complaint_is_404(api: Api) -> None:
    unknown = "/v1/complaints/7b1f7c1e-0000-4000-8000-000000000000"
    assert api.get(MEDIATOR, unknown).status_code == 404
    assert api.get(MEDIATOR, f"{unknown}/history").status_code == 404
    assert api.post(MEDIATOR, f"{unknown}/acknowledge", {"at": days_ago(1)}).status_code == 404


def test_a_command_not_allowed_in_the_current_state_is_409_and_says_why(api: Api) -> None:
    case = api.register()
    response = api.post(
        MEDIATOR, f"/v1/complaints/{case['id']}/minutes", {"at": days_ago(1), "sent_to": "Fatima"}
    )
    assert response.status_code == 409
    assert "no conversation" in response.json()["detail"]


def test_if_match_with_an_old_version_is_412_and_the_current_version_succeeds(api: Api) -> None:
    case = api.register()
    path = f"/v1/complaints/{case['id']}/acknowledge"
    stale = api.post(MEDIATOR, path, {"at": days_ago(9)}, **{"If-Match": '"99"'})
    assert stale.status_code == 412
    current = f'"{case["version"]}"'
    fresh = api.post(MEDIATOR, path, {"at": days_ago(9)}, **{"If-Match": current})
    assert fresh.status_code == 200 and fresh.json()["version"] > case["version"]


def test_a_body_over_64_kib_is_413_and_nothing_is_recorded(api: Api) -> None:
    big = {"received_at": days_ago(1), "description": "x" * 70_000}
    response = api.post(INTAKE, "/v1/complaints", big)
    assert response.status_code == 413
    assert api.get(MEDIATOR, "/v1/complaints").json()["items"] == []


def test_field_validation_is_422_naming_the_field(api: Api) -> None:
    for body, field in [
        ({"channel": "carrier_pigeon"}, "body.channel"),
        ({"received_at": iso(NOW + timedelta(minutes=10))}, "body.received_at"),
        ({"received_at": "2026-03-01T10:00:00"}, "body.received_at"),
        ({"received_at": "1850-03-01T10:00:00+00:00"}, "body.received_at"),
        ({"dossier_ref": None}, "body.dossier_ref"),
    ]:
        response = api.post(INTAKE, "/v1/complaints", complaint_body(**body))
        assert response.status_code == 422, body
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    case = api.register()
    before = api.post(MEDIATOR, f"/v1/complaints/{case['id']}/acknowledge", {"at": days_ago(11)})
    assert before.status_code == 422 and "before the case was received" in before.json()["detail"]


def test_malformed_json_is_400(api: Api) -> None:
    response = api.client.post(
        "/v1/complaints",
        content=b'{"received_at": ',
        headers=api.headers(INTAKE, **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_the_same_idempotency_key_replays_the_first_answer_and_records_nothing_new(
    api: Api,
) -> None:
    key = {"Idempotency-Key": "intake-2026-03-16-001"}
    first = api.post(INTAKE, "/v1/complaints", complaint_body(), **key)
    again = api.post(INTAKE, "/v1/complaints", complaint_body(), **key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert len(api.get(MEDIATOR, "/v1/complaints").json()["items"]) == 1
    other = api.post(INTAKE, "/v1/complaints", complaint_body(subject="Anders"), **key)
    assert other.status_code == 422
    path = f"/v1/complaints/{first.json()['id']}/acknowledge"
    ack = {"Idempotency-Key": "ack-1"}
    acknowledged = api.post(MEDIATOR, path, {"at": days_ago(9)}, **ack).json()
    assert api.post(MEDIATOR, path, {"at": days_ago(9)}, **ack).json() == acknowledged
    history = api.get(MEDIATOR, f"{path.rsplit('/', 1)[0]}/history").json()
    assert len(history) == acknowledged["version"]


def test_as_of_returns_the_case_as_known_at_that_moment(api: Api, clock: SettableClock) -> None:
    case = api.register()
    registered_at = clock.now()
    clock.set(registered_at + timedelta(hours=2))
    path = f"/v1/complaints/{case['id']}"
    api.post(MEDIATOR, f"{path}/acknowledge", {"at": days_ago(9)})
    earlier = api.get(MEDIATOR, path, as_of=iso(registered_at + timedelta(hours=1)))
    assert (earlier.status_code, earlier.json()["status"], earlier.json()["version"]) == (
        200,
        "received",
        case["version"],
    )
    assert api.get(MEDIATOR, path).json()["status"] == "acknowledged"
    too_early = api.get(MEDIATOR, path, as_of=iso(registered_at - timedelta(seconds=1)))
    assert too_early.status_code == 404


def test_the_list_filters_and_pages_with_a_cursor(api: Api) -> None:
    ids = [api.register(team="Team Noord" if i % 2 else "Team Zuid")["id"] for i in range(5)]
    api.post(MEDIATOR, f"/v1/complaints/{ids[0]}/acknowledge", {"at": days_ago(9)})
    noord = api.get(MEDIATOR, "/v1/complaints", team="Team Noord").json()["items"]
    assert sorted(i["id"] for i in noord) == sorted([ids[1], ids[3]])
    acked = api.get(MEDIATOR, "/v1/complaints", status="acknowledged").json()["items"]
    assert [i["id"] for i in acked] == [ids[0]]
    first = api.get(MEDIATOR, "/v1/complaints", limit=2).json()
    second = api.get(MEDIATOR, "/v1/complaints", limit=2, cursor=first["next_cursor"]).json()
    third = api.get(MEDIATOR, "/v1/complaints", limit=2, cursor=second["next_cursor"]).json()
    seen = [i["id"] for page in (first, second, third) for i in page["items"]]
    assert seen == list(reversed(ids)) and third["next_cursor"] is None


def test_health_needs_no_token_and_every_response_has_security_headers(api: Api) -> None:
    response = api.client.get("/health")
    assert response.status_code == 200 and response.json()["store"] == "reachable"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_if_match_star_matches_a_malformed_one_is_400_and_a_tag_of_no_version_412(
    api: Api,
) -> None:
    case = api.register()
    path = f"/v1/complaints/{case['id']}"
    body = {"at": days_ago(9), "reason": "Wacht op klager"}
    for malformed in ("abc", "3", '"3', '*, "3"', "W/3"):
        answer = api.post(MEDIATOR, f"{path}/suspend", body, **{"If-Match": malformed})
        assert answer.status_code == 400, malformed
        assert answer.headers["content-type"] == "application/problem+json"
    version = api.get(MEDIATOR, path).json()["version"]
    assert version == case["version"]  # nothing was recorded
    for stale in ('"abc"', f'W/"{version}"', f'"{version + 1}"'):
        answer = api.post(MEDIATOR, f"{path}/suspend", body, **{"If-Match": stale})
        assert answer.status_code == 412, stale
    star = api.post(MEDIATOR, f"{path}/suspend", body, **{"If-Match": "*"})
    assert star.status_code == 200 and star.json()["version"] > version
    exact = api.post(MEDIATOR, f"{path}/resume", body, **{"If-Match": star.headers["etag"]})
    assert exact.status_code == 200
