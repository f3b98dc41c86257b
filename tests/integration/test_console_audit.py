"""The auditor's pages on both stores: a case's timeline step by step with the state after each
step, the case as known at a moment, the chain's verification, and the filtered access log."""

from __future__ import annotations

from adapters.bootstrap import Service
from adapters.clock import SettableClock
from application.roles import Role
from tests.integration.conftest import NOW, Api
from tests.integration.console_b import Console, access_records, client, console

__all__ = ["client", "console"]


def complaint_with_steps(api: Api) -> dict[str, object]:
    complaint = api.register()
    acknowledged = api.post(
        Role.MEDIATOR,
        f"/v1/complaints/{complaint['id']}/acknowledge",
        {"at": "2026-03-09T10:00:00+01:00"},
    )
    assert acknowledged.status_code == 200, acknowledged.text
    return complaint


def test_only_the_auditor_may_open_the_audit_pages(console: Console) -> None:
    assert console.as_(Role.AUDITOR).get("/audit").status_code == 200
    for role in (Role.INTAKE, Role.MEDIATOR, Role.MANAGER, Role.ADMIN):
        browser = console.as_(role)
        for url in ("/audit", "/audit/keten", "/audit/toegang"):
            refused = browser.get(url)
            assert refused.status_code == 403 and "Dit mag uw rol niet" in refused.text


def test_the_timeline_steps_through_the_case_with_the_state_after_each_step(
    console: Console, api: Api
) -> None:
    complaint = complaint_with_steps(api)
    reference = str(complaint["reference"])
    auditor = console.as_(Role.AUDITOR)
    last = auditor.get("/audit", params={"kenmerk": reference})
    assert last.status_code == 200 and '<html lang="nl">' in last.text
    # received ten days late to acknowledge: a flag is raised at once and cleared by the step
    assert "Stap 4 van 4: signalering opgeheven" in last.text
    assert f'href="/audit/toegang?kenmerk={reference}"' in last.text
    third = auditor.get("/audit", params={"kenmerk": reference, "stap": 3}).text
    assert "Stap 3 van 4: ontvangst bevestigd" in third and "Vorige stap" in third
    second = auditor.get("/audit", params={"kenmerk": reference, "stap": 2}).text
    assert "Open signaleringen na deze stap" in second
    assert "ontvangst klacht niet op tijd bevestigd" in second
    # the flag's explanation in Dutch, once: not its English twin, not its phrase data
    assert "Een ontvangstbevestiging binnen 5 werkdagen na ontvangst" in second
    assert "An acknowledgement is due" not in second and "{rule}" not in second
    first = auditor.get("/audit", params={"kenmerk": reference, "stap": 1}).text
    assert "Stap 1 van 4" in first and "Volgende stap" in first and "Vorige stap" not in first
    assert 'Status erna</dt><dd class="utrecht-data-list__item-value">ontvangen' in first
    assert "vr 6 mrt 2026 10:00" in first  # received ten days before, Amsterdam time
    unknown = auditor.get("/audit", params={"kenmerk": "K-2026-99999"})
    assert unknown.status_code == 404 and "bestaat niet" in unknown.text


def test_as_of_shows_the_case_as_it_was_known_then(
    console: Console, api: Api, clock: SettableClock
) -> None:
    complaint = api.register()
    reference = str(complaint["reference"])
    clock.set(NOW.replace(hour=12))  # 13:00 in Amsterdam
    acknowledged = api.post(
        Role.MEDIATOR,
        f"/v1/complaints/{complaint['id']}/acknowledge",
        {"at": "2026-03-16T12:00:00+01:00"},
    )
    assert acknowledged.status_code == 200, acknowledged.text
    auditor = console.as_(Role.AUDITOR)
    before = auditor.get("/audit", params={"kenmerk": reference, "per": "2026-03-16T11:00"}).text
    assert "wist de dienst dit: status <strong>ontvangen</strong>" in before
    after = auditor.get("/audit", params={"kenmerk": reference, "per": "2026-03-16T13:30"}).text
    assert "status <strong>ontvangst bevestigd</strong>" in after
    never = auditor.get("/audit", params={"kenmerk": reference, "per": "2026-01-01T00:00"}).text
    assert "nog niet bekend" in never


def test_the_chain_is_verified_on_request(console: Console, api: Api) -> None:
    complaint_with_steps(api)
    page = console.as_(Role.AUDITOR).get("/audit/keten")
    assert page.status_code == 200 and "De keten klopt." in page.text


def test_the_access_log_filters_and_logs_its_own_reading(
    console: Console, api: Api, service: Service
) -> None:
    complaint = complaint_with_steps(api)
    reference = str(complaint["reference"])
    auditor = console.as_(Role.AUDITOR)
    auditor.get("/audit", params={"kenmerk": reference})
    by_user = auditor.get("/audit/toegang", params={"gebruiker": "mediator-1"})
    assert by_user.status_code == 200 and "mediator-1" in by_user.text
    assert "intake-1" not in by_user.text
    by_case = auditor.get("/audit/toegang", params={"kenmerk": reference}).text
    assert "GET /audit" in by_case and "auditor@voorbeeld.nl" in by_case
    window = auditor.get(
        "/audit/toegang", params={"gebruiker": "mediator-1", "van": "2027-01-01T00:00"}
    ).text
    assert "Geen regels gevonden" in window
    by_id = auditor.get("/audit/toegang", params={"zaak": complaint["id"]}).text
    assert "GET /audit" in by_id and f'title="{complaint["id"]}"' in by_id
    wrong = auditor.get("/audit/toegang", params={"van": "gisteren"})
    assert wrong.status_code == 422 and "geen geldig tijdstip" in wrong.text
    mine = access_records(service, "auditor@voorbeeld.nl")
    assert any(r.action == "read" and r.access_point == "GET /audit" for r in mine)
    assert any(r.action == "audit_read" and r.access_point == "GET /audit/toegang" for r in mine)
