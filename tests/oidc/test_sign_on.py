"""Single sign-on against a real, certified OpenID provider (oidc-provider on 127.0.0.1): people
sign on through the provider's pages and land on their role's page; role and team follow the
groups; a person whose groups map to no role is refused and disabled; replayed states, tampered,
foreign, expired and wrongly bound tokens are refused; a key rotation is followed; the API takes
the provider's access tokens only when told to; no token reaches the log."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import RSAKey
from typer.testing import CliRunner

from adapters.bootstrap import Service, build, migrate
from adapters.cli import cli
from adapters.clock import SystemClock
from adapters.oidc import OidcProvider, TokenRefused, Tokens
from adapters.settings import Settings
from tests.conftest import TESTER
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, Provider, signing_key
from web.app import create_app

APP_URL = "http://127.0.0.1:8000"
ANNA = {"email": "anna@voorbeeld.nl", "name": "Anna de Wit", "groups": ["jz-klachten"]}
MO = {"email": "mo@voorbeeld.nl", "name": "Mo Haddou", "groups": ["jz-medewerkers", "jz-managers"]}
ROLE_MAP = {
    "jz-managers": {"role": "manager", "team": "Team Zuid"},
    "jz-klachten": {"role": "mediator", "team": "Team Noord"},
}


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[Provider]:
    started = Provider(tmp_path, APP_URL, {"anna": ANNA, "mo": MO})
    started.start()
    yield started
    started.stop()


def settings_for(provider: Provider, database_url: str, **changes: Any) -> Settings:
    return Settings(
        database_url=database_url,
        public_url=APP_URL,
        oidc_issuer=provider.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        oidc_role_map=ROLE_MAP,
        scheduler="off",
        **changes,
    )


@pytest.fixture
def service(provider: Provider, database_url: str) -> Iterator[Service]:
    built = build(settings_for(provider, database_url, oidc_accept_access_tokens=True))
    migrate(built)
    yield built
    built.close()


@pytest.fixture
def browser(service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(service=service), base_url=APP_URL, follow_redirects=False) as c:
        yield c


def sign_on(browser: TestClient, provider: Provider, login: str) -> Any:
    """The whole round trip: gehoord → the provider's pages → gehoord's callback."""
    started = browser.get("/aanmelden/sso")
    assert started.status_code == 303, started.text
    back = provider.sign_in(started.headers["location"], login)
    return browser.get(back.removeprefix(APP_URL))


def member(service: Service, email: str) -> Any:
    return service.staff.by_email(email)


def event_types(service: Service) -> list[str]:
    return [e.type for e in service.audit.events(0, 1000, TESTER).items]


def test_people_sign_on_become_members_and_land_on_their_roles_page(
    browser: TestClient, provider: Provider, service: Service, capsys: pytest.CaptureFixture[str]
) -> None:
    started = browser.get("/aanmelden/sso")
    back = httpx.URL(provider.sign_in(started.headers["location"], "anna"))
    anna = browser.get(str(back).removeprefix(APP_URL))
    lines = "".join(capsys.readouterr())
    assert "/aanmelden/sso/callback" in lines  # the callback's log line was read
    for secret in (back.params["code"], back.params["state"], CLIENT_SECRET):
        assert secret not in lines
    assert (anna.status_code, anna.headers["location"]) == (303, "/werkvoorraad")
    assert "gehoord_session=" in anna.headers["set-cookie"]
    assert browser.get("/werkvoorraad").status_code == 200
    found = member(service, ANNA["email"])
    assert (found.name, found.role, found.team, found.active) == (
        "Anna de Wit",
        "mediator",
        "Team Noord",
        True,
    )
    browser.cookies.clear()
    mo = sign_on(browser, provider, "mo")
    assert mo.headers["location"] == "/overzicht"  # the first listed group he has decides
    assert member(service, MO["email"]).role == "manager"
    types = event_types(service)
    assert types.count("SignedIn") == 2 and types.count("MemberAdded") == 2


def test_role_and_team_follow_the_groups_and_no_mapped_group_refuses_and_disables(
    browser: TestClient, provider: Provider, service: Service
) -> None:
    sign_on(browser, provider, "anna")
    provider.set_accounts({"anna": ANNA | {"groups": ["jz-managers"]}, "mo": MO})
    browser.cookies.clear()
    promoted = sign_on(browser, provider, "anna")
    assert promoted.headers["location"] == "/overzicht"
    assert (member(service, ANNA["email"]).role, member(service, ANNA["email"]).team) == (
        "manager",
        "Team Zuid",
    )
    provider.set_accounts({"anna": ANNA | {"groups": ["jz-kantine"]}, "mo": MO})
    browser.cookies.clear()
    refused = sign_on(browser, provider, "anna")
    assert refused.status_code == 403 and "geen rol in gehoord" in refused.text
    assert member(service, ANNA["email"]).active is False
    changes = [e for e in service.audit.events(0, 1000, TESTER).items if e.type == "MemberChanged"]
    assert changes and {e.actor for e in changes} == {"system:sso"}
    assert "SignInRefused" in event_types(service) and "MemberDisabled" in event_types(service)


def test_a_replayed_state_or_another_browsers_answer_is_refused(
    browser: TestClient, provider: Provider, service: Service
) -> None:
    started = browser.get("/aanmelden/sso")
    back = provider.sign_in(started.headers["location"], "anna").removeprefix(APP_URL)
    cookie = browser.cookies["gehoord_sso_state"]
    assert browser.get(back).status_code == 303
    browser.cookies.clear()
    browser.cookies.set("gehoord_sso_state", cookie, domain="127.0.0.1")
    replayed = browser.get(back)
    assert replayed.status_code == 401 and "verlopen" in replayed.text
    browser.cookies.clear()
    started = browser.get("/aanmelden/sso")
    back = provider.sign_in(started.headers["location"], "anna").removeprefix(APP_URL)
    browser.cookies.clear()  # the answer arrives in a browser that did not start the sign-on
    assert browser.get(back).status_code == 401
    assert event_types(service).count("SignInRefused") == 2


def token(key: RSAKey, **claims: Any) -> str:
    now = int(time.time())
    body = {"sub": "anna", "email": ANNA["email"], "name": "Anna", "groups": ["jz-klachten"]}
    body |= {"aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": "n-1"}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, body | claims, key)


def test_tampered_foreign_expired_and_wrongly_bound_tokens_are_refused(
    provider: Provider, service: Service
) -> None:
    assert service.sign_on is not None
    check = service.sign_on.provider

    def refused(raw: str, nonce: str = "n-1") -> bool:
        try:
            check.id_token_claims(Tokens(raw, None), nonce)
        except TokenRefused:
            return True
        return False

    good = token(provider.key, iss=provider.issuer)
    assert check.id_token_claims(Tokens(good, None), "n-1").email == ANNA["email"]
    header, _, signature = good.split(".")
    forged = token(provider.key, iss=provider.issuer, groups=["jz-managers"]).split(".")[1]
    assert refused(f"{header}.{forged}.{signature}")  # another body under the first signature
    assert refused(token(provider.key, iss=provider.issuer, aud="another-app"))
    assert refused(token(provider.key, iss=provider.issuer, exp=int(time.time()) - 120))
    assert refused(token(provider.key, iss=provider.issuer, iat=int(time.time()) + 600))
    assert refused(good, nonce="n-2")
    assert refused(token(provider.key, iss="http://127.0.0.1:1"))
    assert refused(token(signing_key(provider.key.kid), iss=provider.issuer))  # not their key
    assert refused(token(provider.key, iss=provider.issuer, aud=[CLIENT_ID, "other"]))


def test_a_key_rotation_is_followed(
    browser: TestClient, provider: Provider, service: Service
) -> None:
    assert sign_on(browser, provider, "anna").status_code == 303  # keys cached: key-1
    old = provider.key
    provider.rotate("key-2")
    browser.cookies.clear()
    assert sign_on(browser, provider, "anna").status_code == 303  # key-2 fetched when seen
    assert service.sign_on is not None
    with pytest.raises(TokenRefused):
        service.sign_on.provider.id_token_claims(
            Tokens(token(old, iss=provider.issuer), None), "n-1"
        )


def provider_tokens(provider: Provider, browser: TestClient, login: str) -> dict[str, Any]:
    """Tokens as the provider issues them to gehoord, taken at the token endpoint by hand."""
    client = OidcProvider(
        provider.issuer, CLIENT_ID, CLIENT_SECRET, provider.callback, "groups", SystemClock()
    )
    started = client.start()
    back = httpx.URL(provider.sign_in(started.url, login))
    tokens = client.exchange(back.params["code"], started.verifier)
    return {
        "id_token": tokens.id_token,
        "access_token": tokens.access_token,
        "nonce": started.nonce,
    }


def test_the_api_takes_the_providers_access_tokens_only_when_told_to(
    browser: TestClient,
    provider: Provider,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    issued = provider_tokens(provider, browser, "anna")
    bearer = {"Authorization": f"Bearer {issued['access_token']}"}
    me = browser.get("/v1/me", headers=bearer)
    assert me.status_code == 200, me.text
    assert (me.json()["email"], me.json()["role"]) == (ANNA["email"], "mediator")
    assert browser.get("/v1/me", headers={"Authorization": "Bearer a.b.c"}).status_code == 401
    off = build(settings_for(provider, database_url))
    try:
        with TestClient(create_app(service=off), base_url=APP_URL) as other:
            assert other.get("/v1/me", headers=bearer).status_code == 401
    finally:
        off.close()
    logged = capsys.readouterr()
    lines = logged.out + logged.err
    assert "/v1/me" in lines  # the requests' log lines were read (key=value or JSON)
    for secret in (issued["access_token"], issued["id_token"], CLIENT_SECRET):
        assert secret not in lines


def test_signing_out_ends_the_session_and_the_providers(
    browser: TestClient, provider: Provider
) -> None:
    sign_on(browser, provider, "anna")
    page = browser.get("/werkvoorraad")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    out = browser.post("/afmelden", data={"csrf": csrf})
    assert out.status_code == 303
    assert out.headers["location"].startswith(f"{provider.issuer}/session/end?client_id=gehoord")
    assert browser.get("/werkvoorraad").status_code == 401


def test_sign_on_settings_come_whole_or_not_at_all(provider: Provider, tmp_path: Path) -> None:
    env = {
        "GEHOORD_DATABASE_URL": f"sqlite:///{tmp_path}/s.sqlite",
        "GEHOORD_OIDC_ISSUER": provider.issuer,
    }
    result = CliRunner().invoke(cli, ["policies", "run"], env=env)
    assert result.exit_code == 2
    assert (
        "GEHOORD_OIDC_CLIENT_ID" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    )
