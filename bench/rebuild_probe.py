"""Run in its own process: rebuild the cases projection and replay the log through the library,
so each figure has its own peak RSS. Prints one JSON line."""

from __future__ import annotations

import json
import sys
import time

from adapters.bootstrap import build
from adapters.runtime import tune_garbage_collector
from adapters.settings import Settings
from bench.baseline import library, replay
from bench.measure import peak_rss_mb


def main() -> None:
    tune_garbage_collector()  # as every `gehoord` command does
    which = sys.argv[1]
    service = build(Settings())
    if which == "rebuild":
        started = time.perf_counter()
        events = service.projections.rebuild("cases")
        seconds = time.perf_counter() - started
    else:
        events, seconds = replay(library(service.settings.database_url, over_gehoord_log=True))
    service.close()
    print(json.dumps({"events": events, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
