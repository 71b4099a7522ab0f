"""The load generator, run as its own process: `python -m tests.bench.loadgen URL [options]`.

Threads with one keep-alive `http.client` connection each. Closed loop (`--concurrency`, as fast
as the server answers: saturation) or open loop (`--rate`: requests start on a fixed schedule and
latency counts from the scheduled start, so a slow server cannot hide its queueing). Loopback
only, and bounded by `--duration` and `--max-requests`: it always stops by itself. Prints one JSON
object with the latencies; `--records` also writes each request (number, start, latency, status).
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HARD_LIMIT_SECONDS = 600
TIMEOUT_SECONDS = 10


class Load:
    def __init__(self, args: argparse.Namespace) -> None:
        url = urlsplit(args.url)
        if url.hostname not in LOOPBACK:
            raise SystemExit(f"refusing to load {url.hostname}: loopback only")
        self.host, self.port = url.hostname, url.port or 80
        self.path = url.path or "/"
        self.method = args.method
        self.body = args.body
        self.headers = {
            "Content-Type": "application/json",
            **dict(h.split(":", 1) for h in args.header),
        }
        self.rate = args.rate
        self.duration = min(args.duration, HARD_LIMIT_SECONDS)
        self.max_requests = args.max_requests
        self.warmup = args.warmup
        self.keep_bodies = args.records is not None
        self._next = 0
        self._lock = threading.Lock()
        self.records: list[tuple[int, float, float, int, str]] = []
        self.started = 0.0

    def _claim(self) -> int | None:
        with self._lock:
            n = self._next
            if n >= self.max_requests:
                return None
            self._next += 1
            return n

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)

    def run_thread(self) -> None:
        connection = self._connect()
        local: list[tuple[int, float, float, int, str]] = []
        end = self.started + self.warmup + self.duration
        while (n := self._claim()) is not None:
            if self.rate:
                scheduled = self.started + n / self.rate
                if scheduled >= end:
                    break
                delay = scheduled - time.time()
                if delay > 0:
                    time.sleep(delay)
            else:
                scheduled = time.time()
                if scheduled >= end:
                    break
            body = self.body.replace("{n}", str(n)).encode() if self.body else None
            try:
                connection.request(self.method, self.path, body=body, headers=self.headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = self._connect()
                payload, status = b"", 0
            latency = time.time() - scheduled
            text = payload.decode(errors="replace")[:400] if self.keep_bodies else ""
            local.append((n, scheduled, latency, status, text))
        connection.close()
        with self._lock:
            self.records.extend(local)

    def run(self, concurrency: int) -> dict[str, Any]:
        self.started = time.time()
        threads = [
            threading.Thread(target=self.run_thread, daemon=True) for _ in range(concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.warmup + self.duration + 2 * TIMEOUT_SECONDS)
        measured = [r for r in self.records if r[1] >= self.started + self.warmup]
        ok = [r for r in measured if 200 <= r[3] < 300]
        span = (
            max(r[1] + r[2] for r in measured) - (self.started + self.warmup) if measured else 0.0
        )
        statuses: dict[str, int] = {}
        for r in measured:
            statuses[str(r[3])] = statuses.get(str(r[3]), 0) + 1
        return {
            "started_at": self.started,
            "sent": len(measured),
            "sent_total": len(self.records),  # the warm-up's too
            "ok": len(ok),
            "statuses": statuses,
            "seconds": span,
            "throughput": len(ok) / span if span > 0 else 0.0,
            "latencies": [r[2] for r in ok],
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.loadgen")
    parser.add_argument("url")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default="", help="request body; {n} becomes the request number")
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=float, default=0.0, help="requests/s (open loop)")
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=0.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--records", help="write every request here as JSON lines")
    args = parser.parse_args(argv)
    load = Load(args)
    result = load.run(args.concurrency)
    if args.records:
        with open(args.records, "w") as out:
            for n, start, latency, status, text in sorted(load.records):
                out.write(json.dumps([n, start, latency, status, text]) + "\n")
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
