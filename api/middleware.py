"""ASGI middleware: a 64 KiB body cap that never reads more, security headers, request logs."""

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


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, f"the body exceeds {MAX_BODY_BYTES // 1024} KiB")


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
        if case := CASE_PATH.match(scope["path"]):
            structlog.contextvars.bind_contextvars(case_id=case.group(1))
        started = time.perf_counter()
        status = {"code": 500}
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            response = problem(413, BodyTooLarge().detail)
            await response(scope, receive, self._with_headers(send, scope, status, request_id))
            self._log(scope, status["code"], started)
            return
        await self.app(
            scope, self._capped(receive), self._with_headers(send, scope, status, request_id)
        )
        self._log(scope, status["code"], started)

    @staticmethod
    def _capped(receive: Receive) -> Receive:
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > MAX_BODY_BYTES:
                    raise BodyTooLarge()
            return message

        return capped_receive

    @staticmethod
    def _with_headers(send: Send, scope: Scope, status: dict[str, int], request_id: str) -> Send:
        docs = scope["path"].startswith(("/docs", "/redoc"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                extra: list[Any] = [*SECURITY_HEADERS, (b"x-request-id", request_id.encode())]
                if not docs:
                    extra.append(STRICT_CSP)
                message["headers"] = list(message.get("headers", [])) + extra
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
