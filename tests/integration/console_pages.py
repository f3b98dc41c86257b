"""Part B's console pages as (role, URL) pairs, for the axe-core browser test to visit.

`{signal}` and `{complaint}` stand for a signal's and a complaint's reference in the store the
browser test seeds (e.g. with `gehoord demo`: S-2026-00001, K-2026-00001), `{request}` for the
id of a subject-access request registered at /beheer/privacy."""

from __future__ import annotations

CONSOLE_PAGES_B: list[tuple[str, str]] = [
    ("mediator", "/signalen"),
    ("intake", "/signalen/nieuw"),
    ("mediator", "/signalen/{signal}"),
    ("intake", "/signalen/{signal}"),
    ("intake", "/stem"),
    ("manager", "/overzicht"),
    ("auditor", "/audit"),
    ("auditor", "/audit?kenmerk={complaint}"),
    ("auditor", "/audit?kenmerk={complaint}&stap=1&per=2026-03-16T10:00"),
    ("auditor", "/audit/keten"),
    ("auditor", "/audit/toegang"),
    ("admin", "/beheer"),
    ("admin", "/beheer/privacy"),
    ("admin", "/beheer/bewaren"),
    ("manager", "/beheer/bewaren"),
    ("admin", "/beheer/inzage/{request}"),
]
"""Pages with a form error are reached by posting the form (e.g. /signalen/nieuw sent empty)."""
