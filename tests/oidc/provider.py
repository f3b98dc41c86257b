"""A real, certified OpenID provider for the tests: panva's oidc-provider on Node, installed with
npm into a cache folder when missing (skipped with the reason only outside CI), started on
127.0.0.1 with signing keys the test holds, and driven through its sign-in pages like a person."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc.jwk import RSAKey

from tests.conftest import IN_CI

VERSION = "9.13.3"
HERE = Path(__file__).resolve().parent
CACHE = Path(
    os.environ.get(
        "GEHOORD_OIDC_PROVIDER_CACHE",
        Path.home() / ".cache" / "gehoord" / f"oidc-provider-{VERSION}",
    )
)
CLIENT_ID, CLIENT_SECRET = "gehoord", "gehoord-test-secret"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"the OpenID provider for the tests is unavailable: {reason} (CI=true)")
    pytest.skip(f"the OpenID provider for the tests is unavailable: {reason}")


def installed() -> Path:
    """The cache folder with oidc-provider and the provider script, installed when missing.

    Test workers may ask at once: one installs into a staging folder under a lock and renames it
    into place when npm is done, so no worker ever sees half an installation."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        _unavailable("node and npm are not on PATH")
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with (CACHE.parent / f"{CACHE.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (CACHE / "installed").exists():
            staging = CACHE.parent / f"{CACHE.name}.staging"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            done = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(staging),
                 f"oidc-provider@{VERSION}"],
                capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                _unavailable(f"npm install oidc-provider@{VERSION} failed: {done.stderr[-300:]}")
            (staging / "installed").write_text(VERSION)
            shutil.rmtree(CACHE, ignore_errors=True)
            staging.rename(CACHE)
        shutil.copy(HERE / "provider.mjs", CACHE / "provider.mjs")
    return CACHE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def signing_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class Provider:
    """One provider process; `accounts` maps a login to its e-mail, name and groups."""

    folder: Path
    app_url: str
    accounts: dict[str, dict[str, Any]]
    key: RSAKey = field(default_factory=lambda: signing_key("key-1"))
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def callback(self) -> str:
        return f"{self.app_url}/aanmelden/sso/callback"

    def start(self) -> None:
        accounts = self.folder / "accounts.json"
        self.set_accounts(self.accounts)
        config = {
            "issuer": self.issuer,
            "port": self.port,
            "clients": [
                {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [self.callback],
                    "post_logout_redirect_uris": [f"{self.app_url}/aanmelden"],
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                    "token_endpoint_auth_method": "client_secret_basic",
                }
            ],
            "jwks": {"keys": [self.key.as_dict(private=True)]},
            "accountsFile": str(accounts),
        }
        path = self.folder / "provider.json"
        path.write_text(json.dumps(config))
        log = (self.folder / "provider.log").open("ab")
        self.process = subprocess.Popen(
            ["node", str(installed() / "provider.mjs"), str(path)], stdout=log, stderr=log
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError((self.folder / "provider.log").read_text()[-2000:])

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def rotate(self, kid: str) -> RSAKey:
        """Restart with a new signing key only (the old one is no longer published)."""
        self.stop()
        self.key = signing_key(kid)
        self.start()
        return self.key

    def set_accounts(self, accounts: dict[str, dict[str, Any]]) -> None:
        self.accounts = accounts
        (self.folder / "accounts.json").write_text(json.dumps(accounts))

    def sign_in(self, authorization_url: str, login: str) -> str:
        """Sign in as `login` on the provider's own pages and consent, like a person; returns
        the URL the provider sends the browser back to (gehoord's callback, with the code)."""
        with httpx.Client(follow_redirects=False, timeout=10) as browser:
            answer = browser.get(authorization_url)
            for _ in range(12):
                location = answer.headers.get("location")
                if location is None:
                    action, body = re.findall(
                        r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', answer.text, re.S
                    )[0]
                    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', body))
                    if 'name="login"' in body:
                        fields |= {"login": login, "password": "any password"}
                    answer = browser.post(action, data=fields)
                    continue
                target = str(httpx.URL(self.issuer).join(location))
                if target.startswith(self.app_url):
                    return target
                answer = browser.get(target)
        raise AssertionError("the provider never sent the browser back")
