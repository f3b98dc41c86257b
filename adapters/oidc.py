"""The organisation's OpenID provider: discovery and keys (cached with their expiry), the
authorization code flow with PKCE, and the checks every ID or access token must pass.

Checked on every token: its signature against the provider's published keys (a key id not yet
seen fetches the keys again, so a rotation is followed), the issuer, the audience (and `azp`
when there are several), expiry and issue time with at most a minute of clock skew, and for an
ID token the nonce of this sign-on. Nothing here logs a token or a claim."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from application.ports import Clock
from application.single_sign_on import Claims

SKEW_SECONDS = 60
DEFAULT_CACHE = timedelta(hours=1)
REFETCH_KEYS_AFTER = 10.0  # seconds: an unknown key id fetches the keys at most this often
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]
SCOPES = "openid email profile groups"


class TokenRefused(Exception):
    """The provider's answer or token did not pass a check; the message says which, never
    what the token held."""


@dataclass(frozen=True)
class Started:
    """A sign-on under way: where to send the browser, and what only this server keeps."""

    url: str
    state: str
    nonce: str
    verifier: str


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str | None


def _max_age(response: httpx.Response) -> float:
    found = re.search(r"max-age=(\d+)", response.headers.get("cache-control", ""))
    return float(found.group(1)) if found else DEFAULT_CACHE.total_seconds()


class OidcProvider:
    def __init__(
        self,
        issuer: str,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        role_claim: str,
        clock: Clock,
        http: httpx.Client | None = None,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self._secret = client_secret
        self.redirect_uri = redirect_uri
        self._role_claim = role_claim
        self._clock = clock
        self._http = http or httpx.Client(timeout=10.0)
        self._metadata: tuple[dict[str, Any], float] | None = None
        self._keys: tuple[KeySet, float] | None = None  # the keys, and when they expire
        self._forced_at = -REFETCH_KEYS_AFTER

    # -- discovery and keys ----------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        if self._metadata is not None and self._metadata[1] > time.monotonic():
            return self._metadata[0]
        response = self._get(f"{self.issuer}/.well-known/openid-configuration")
        document: dict[str, Any] = response.json()
        if str(document.get("issuer", "")).rstrip("/") != self.issuer:
            raise TokenRefused("the provider's discovery document names another issuer")
        self._metadata = (document, time.monotonic() + _max_age(response))
        return document

    def _key_set(self, kid: str | None) -> KeySet:
        """The published keys, cached until they expire; a key id not among them fetches
        them again (a rotation), at most once every REFETCH_KEYS_AFTER seconds."""
        now = time.monotonic()
        cached = self._keys
        if cached is not None and cached[1] > now:
            if kid is None or _has_kid(cached[0], kid):
                return cached[0]
            if now - self._forced_at < REFETCH_KEYS_AFTER:
                return cached[0]
            self._forced_at = now
        response = self._get(self.metadata()["jwks_uri"])
        keys = KeySet.import_key_set(response.json())
        self._keys = (keys, now + _max_age(response))
        return keys

    def _get(self, url: str) -> httpx.Response:
        try:
            response = self._http.get(url)
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise TokenRefused(f"the provider did not answer ({type(error).__name__})") from None
        return response

    # -- the authorization code flow --------------------------------------------------------

    def start(self) -> Started:
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge.rstrip(b"=").decode(),
            "code_challenge_method": "S256",
        }
        url = f"{self.metadata()['authorization_endpoint']}?{urlencode(query)}"
        return Started(url, state, nonce, verifier)

    def exchange(self, code: str, verifier: str) -> Tokens:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": verifier,
        }
        try:
            response = self._http.post(
                self.metadata()["token_endpoint"], data=data, auth=(self.client_id, self._secret)
            )
        except httpx.HTTPError as error:
            raise TokenRefused(f"the provider did not answer ({type(error).__name__})") from None
        if response.status_code != 200:
            raise TokenRefused(f"the provider refused the code ({response.status_code})")
        answer = response.json()
        if "id_token" not in answer:
            raise TokenRefused("the provider gave no ID token")
        return Tokens(answer["id_token"], answer.get("access_token"))

    def end_session_url(self, post_logout_redirect_uri: str) -> str | None:
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except TokenRefused:
            return None
        if not endpoint:
            return None
        query = {"client_id": self.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
        return f"{endpoint}?{urlencode(query)}"

    # -- tokens ----------------------------------------------------------------------------

    def id_token_claims(self, tokens: Tokens, nonce: str) -> Claims:
        """The person the ID token vouches for; claims it lacks come from userinfo."""
        claims = self._verified(tokens.id_token, nonce=nonce)
        missing = not claims.get("email") or self._role_claim not in claims
        if missing and tokens.access_token:
            claims = {**self._userinfo(tokens.access_token, claims["sub"]), **claims}
        return self._claims(claims)

    def access_token_claims(self, token: str) -> Claims:
        """The person a JWT access token of the provider vouches for (API bearer tokens)."""
        return self._claims(self._verified(token, nonce=None))

    def _verified(self, token: str, nonce: str | None) -> dict[str, Any]:
        try:
            header = extract_compact(token.encode()).headers()
            decoded = jwt.decode(token, self._key_set(header.get("kid")), algorithms=ALGORITHMS)
            checks: dict[str, Any] = {
                "iss": {"essential": True, "value": self.issuer},
                "aud": {"essential": True, "value": self.client_id},
                "exp": {"essential": True},
                "sub": {"essential": True},
            }
            if nonce is not None:
                checks["nonce"] = {"essential": True, "value": nonce}
            registry = jwt.JWTClaimsRegistry(
                now=lambda: int(self._clock.now().timestamp()), leeway=SKEW_SECONDS, **checks
            )
            registry.validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise TokenRefused(f"the token failed a check ({type(error).__name__})") from None
        claims = dict(decoded.claims)
        audience = claims["aud"]
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != self.client_id:
            raise TokenRefused("the token is meant for several parties, not for gehoord")
        issued, latest = claims.get("iat"), self._clock.now().timestamp() + SKEW_SECONDS
        if isinstance(issued, int | float) and issued > latest:
            raise TokenRefused("the token was issued in the future")
        return claims

    def _userinfo(self, access_token: str, subject: str) -> dict[str, Any]:
        endpoint = self.metadata().get("userinfo_endpoint")
        if not endpoint:
            return {}
        try:
            response = self._http.get(endpoint, headers={"Authorization": f"Bearer {access_token}"})
        except httpx.HTTPError:
            return {}
        info = response.json() if response.status_code == 200 else {}
        return info if info.get("sub") == subject else {}

    def _claims(self, claims: dict[str, Any]) -> Claims:
        values = claims.get(self._role_claim, [])
        values = [values] if isinstance(values, str) else values
        return Claims(
            subject=str(claims["sub"]),
            email=str(claims.get("email") or "").strip().lower(),
            name=str(claims.get("name") or ""),
            role_values=tuple(str(v) for v in values if isinstance(v, str | int)),
        )


def _has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)
