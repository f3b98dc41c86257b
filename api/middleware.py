"""ASGI middleware: a 64 KiB body cap (16 MiB for a register upload) that never reads more,
security headers, request logs."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem

MAX_BODY_BYTES = 64 * 1024
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
UPLOADS = ("/v1/admin/imports",)
"""Paths that take a file (a register of thousands of rows) and may send up to MAX_UPLOAD_BYTES."""
CASE_PATH = re.compile(r"^/v1/(?:complaints|signals)/([0-9a-fA-F-]{36})")
log = structlog.get_logger("gehoord.http")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
STRICT_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
DOCS_CSP = (
    b"content-security-policy",
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    b"worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
)
"""The documentation pages run only the service's own scripts (no CDN, no inline script); the
two libraries set inline styles, and ReDoc searches in a worker it makes from a blob."""
CONSOLE_CSP = (
    b"content-security-policy",
    b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    b"base-uri 'none'",
)
"""The console's pages: only the service's own scripts, styles and images; forms post here."""


def _policy(path: str) -> tuple[bytes, bytes]:
    if path in ("/docs", "/redoc") or path.startswith("/static/docs/"):
        return DOCS_CSP
    if path.startswith(("/v1/", "/health", "/openapi.json")):
        return STRICT_CSP
    return CONSOLE_CSP


class BodyTooLarge(HTTPException):
    def __init__(self, cap: int = MAX_BODY_BYTES) -> None:
        super().__init__(413, f"the body exceeds {cap // 1024} KiB")


def body_cap(path: str) -> int:
    return MAX_UPLOAD_BYTES if path in UPLOADS else MAX_BODY_BYTES


class GuardMiddleware:
    """Caps request bodies, adds security headers and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        scope.setdefault("state", {})["request_id"] = request_id  # the access log names it
        if case := CASE_PATH.match(scope["path"]):
            structlog.contextvars.bind_contextvars(case_id=case.group(1))
        started = time.perf_counter()
        status = {"code": 500}
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        cap = body_cap(scope["path"])
        if declared is not None and declared.isdigit() and int(declared) > cap:
            response = problem(413, BodyTooLarge(cap).detail)
            await response(scope, receive, self._with_headers(send, scope, status, request_id))
            self._log(scope, status["code"], started)
            return
        await self.app(
            scope, self._capped(receive, cap), self._with_headers(send, scope, status, request_id)
        )
        self._log(scope, status["code"], started)

    @staticmethod
    def _capped(receive: Receive, cap: int) -> Receive:
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge(cap)
            return message

        return capped_receive

    @staticmethod
    def _with_headers(send: Send, scope: Scope, status: dict[str, int], request_id: str) -> Send:
        policy = _policy(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                extra: list[Any] = [*SECURITY_HEADERS, (b"x-request-id", request_id.encode())]
                if not any(name.lower() == policy[0] for name, _ in headers):
                    extra.append(policy)  # a response that sets its own policy keeps it
                message["headers"] = headers + extra
            await send(message)

        return send_with_headers

    @staticmethod
    def _log(scope: Scope, status: int, started: float) -> None:
        state = scope.get("state") or {}
        log.info(
            "request",
            method=scope["method"],
            path=scope["path"],
            status=status,
            actor=state.get("actor"),
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
        )
