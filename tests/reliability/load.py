"""Bounded load from threads on 127.0.0.1: a complaint body, and a pool that counts answers."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx


def complaint_body(n: int, days_ago: float = 3) -> dict[str, Any]:
    return {
        "received_at": (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(),
        "channel": "phone",
        "complainant": {"name": f"Ouder {n}", "email": f"ouder{n}@example.nl"},
        "dossier_ref": f"D-{n}",
        "subject": "Niet teruggebeld",
        "description": "",
        "team": "Team Oost",
    }


def ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


class Tally:
    """Thread-safe counts of status codes, and the answers worth checking afterwards."""

    def __init__(self) -> None:
        self.codes: Counter[int] = Counter()
        self.kept: list[Any] = []
        self._lock = threading.Lock()

    def add(self, code: int, keep: Any = None) -> None:
        with self._lock:
            self.codes[code] += 1
            if keep is not None:
                self.kept.append(keep)


def run_clients(clients: int, work: Callable[[int, httpx.Client], None], base_url: str) -> None:
    def one(n: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as http:
            work(n, http)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(clients)))
