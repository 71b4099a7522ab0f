"""End to end: POST /api/v1/ideas → the receipt mail accepted by an SMTP sink, at a steady rate.

The sink (aiosmtpd) runs in the bench process and notes when each mail arrives; each idea has its
own initiator address, so a mail finds its request by its recipient. The ceiling is the same trip
without the platform: plain pika publish (confirms) → consume (acks) → smtplib to the same sink.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller

from sammen.testing import free_port
from tests.bench import procs
from tests.bench.config import Mode
from tests.bench.report import Figure, Target, summary_ms
from tests.bench.setup import AUTH_HEADER, IDEA_BODY, stage

UNDER_1_S = Target("< 1 s", lambda value, _r: value < 1000)
DRAIN_SECONDS = 60


class Sink:
    """An SMTP server that accepts everything and remembers when each recipient's mail came."""

    def __init__(self) -> None:
        self.arrived: dict[str, tuple[float, bytes]] = {}
        self.changed = threading.Condition()

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        now = time.time()
        with self.changed:
            for rcpt in envelope.rcpt_tos:
                self.arrived[rcpt.lower()] = (now, envelope.original_content or envelope.content)
            self.changed.notify_all()
        return "250 OK"

    def forget(self, prefix: str) -> None:
        """Forget the mails to addresses starting with `prefix` (a ceiling run's, before the next)."""
        with self.changed:
            for address in [a for a in self.arrived if a.startswith(prefix)]:
                del self.arrived[address]

    def wait_for(self, addresses: set[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not addresses <= self.arrived.keys() and time.monotonic() < deadline:
                self.changed.wait(0.5)


@contextlib.contextmanager
def _platform(mode: Mode, sink: Sink, smtp_port: int) -> Iterator[Callable[[float, float], dict]]:
    """Intake's web and worker and notify's worker, warmed up; yields a function that sends ideas
    at a rate for some seconds and waits for their receipts."""
    with stage(mode.work_dir / "e2e", "intake", "notify", database=mode.database) as st:
        log_dir = mode.work_dir / "logs"
        port = free_port()
        mail = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port)}
        web = procs.gunicorn(
            "e2e-intake-web", "sammen.intake.app:create_app()", port, st.env("intake"), log_dir
        )
        workers = [
            procs.python_module(
                "e2e-intake-worker", "sammen.intake", ["worker"], st.env("intake"), log_dir
            ),
            procs.python_module(
                "e2e-notify-worker", "sammen.notify", ["worker"], st.env("notify", **mail), log_dir
            ),
        ]
        with procs.started(web, *workers):
            procs.wait_http(f"http://127.0.0.1:{port}/healthz", web)
            # Both workers listen before the load starts (their queues exist, their pools are warm).
            _warm_up(port, sink, workers)

            def send(rate: float, seconds: float) -> dict[str, Any]:
                return _send(mode, port, sink, workers, rate, seconds)

            yield send


def _send(
    mode: Mode,
    port: int,
    sink: Sink,
    workers: list[procs.Process],
    rate: float,
    seconds: float,
) -> dict[str, Any]:
    # Each rate's initiators have addresses of their own, so its receipts are told apart.
    tag = f"r{rate:g}"
    records = mode.work_dir / f"e2e-records-{tag}.jsonl"
    load = procs.loadgen(
        f"http://127.0.0.1:{port}/api/v1/ideas",
        method="POST",
        body=IDEA_BODY.replace("bench-{n}@", f"bench-{tag}-{{n}}@"),
        header=[AUTH_HEADER],
        rate=rate,
        duration=seconds,
        concurrency=32,
        records=str(records),
    )
    requests = [json.loads(line) for line in records.read_text().splitlines()]
    accepted = {
        f"bench-{tag}-{n}@example.dk": start
        for n, start, _l, status, _b in requests
        if status == 201
    }
    sink.wait_for(set(accepted), DRAIN_SECONDS)
    for worker in workers:
        if not worker.alive():
            raise RuntimeError(f"{worker.name} died:\n{worker.tail()}")
    latencies = [sink.arrived[a][0] - start for a, start in accepted.items() if a in sink.arrived]
    return {
        "requests": len(requests),
        "accepted": len(accepted),
        "mails": len(latencies),
        "ideas_per_s": load["throughput"],
        "post": {k: v for k, v in load.items() if k != "latencies"} | summary_ms(load["latencies"]),
        **summary_ms(latencies),
    }


def _warm_up(port: int, sink: Sink, workers: list[procs.Process]) -> None:
    """One idea through the whole path, so start-up (migrations, queue declarations) is not timed."""
    body = IDEA_BODY.replace("{n}", "warmup")
    deadline = time.monotonic() + 90
    while "bench-warmup@example.dk" not in sink.arrived and time.monotonic() < deadline:
        procs.loadgen(
            f"http://127.0.0.1:{port}/api/v1/ideas",
            method="POST",
            body=body,
            header=[AUTH_HEADER],
            concurrency=1,
            max_requests=1,
            duration=5,
        )
        sink.wait_for({"bench-warmup@example.dk"}, 15)
        for worker in workers:
            if not worker.alive():
                raise RuntimeError(f"{worker.name} died:\n{worker.tail()}")
    if "bench-warmup@example.dk" not in sink.arrived:
        raise RuntimeError("no receipt for the warm-up idea within 90 s")


def _ceiling(mode: Mode, sink: Sink, smtp_port: int, rate: float, seconds: float) -> dict[str, Any]:
    sink.forget("ceiling-")
    count = int(rate * seconds)
    with stage(mode.work_dir / "e2e-ceiling") as st:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.bench.buspeer",
                "mailpipe",
                st.amqp_url,
                str(smtp_port),
                str(rate),
                str(count),
            ],
            cwd=procs.ROOT,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"mail pipeline ceiling failed: {done.stderr[-2000:]}")
    latencies = []
    for n in range(count):
        arrived = sink.arrived.get(f"ceiling-{n}@example.dk")
        if arrived:
            start = float(message_from_bytes(arrived[1])["X-Bench-Start"])
            latencies.append(arrived[0] - start)
    return {"mails": len(latencies), **summary_ms(latencies)}


@contextlib.contextmanager
def _mail_sink() -> Iterator[tuple[Sink, int]]:
    """The sink listening on a free port, for one measurement."""
    sink = Sink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        yield sink, smtp_port
    finally:
        controller.stop()


def _receipt_figure(
    key: str,
    title: str,
    quantile: str,
    result: dict,
    ceiling: dict,
    target: Target | None = None,
    detail: dict[str, Any] | None = None,
) -> Figure:
    """A quantile of a run's receipt times beside the plain pipeline's; missing unless every
    receipt arrived."""
    complete = result["mails"] == result["requests"] > 0
    return Figure(
        key,
        title,
        "ms",
        result.get(f"{quantile}_ms") if complete else None,
        ceiling.get(f"{quantile}_ms"),
        "pika → consumer → SMTP",
        target,
        detail or {},
        missing=None if complete else f"{result['mails']} of {result['requests']} receipts arrived",
    )


def measure(mode: Mode) -> list[Figure]:
    with _mail_sink() as (sink, smtp_port):
        ceiling = _ceiling(mode, sink, smtp_port, mode.e2e_rate, mode.e2e_s)
        with _platform(mode, sink, smtp_port) as send:
            result = send(mode.e2e_rate, mode.e2e_s)
    detail = {"rate": mode.e2e_rate, "seconds": mode.e2e_s, "platform": result, "ceiling": ceiling}
    return [
        _receipt_figure(
            f"e2e.receipt.{q}",
            f"POST → receipt mail {q} at {mode.e2e_rate:g}/s",
            q,
            result,
            ceiling,
            UNDER_1_S if q == "p99" else None,
            detail if q == "p50" else None,
        )
        for q in ("p50", "p99")
    ]


def measure_growth(mode: Mode) -> list[Figure]:
    """How cost grows: at each rate of `mode.growth_rates`, the ideas/s intake took and the
    receipts' p50/p99, beside the plain pipeline at the same rate."""
    with _mail_sink() as (sink, smtp_port):
        ceilings = {r: _ceiling(mode, sink, smtp_port, r, mode.growth_s) for r in mode.growth_rates}
        with _platform(mode, sink, smtp_port) as send:
            results = {rate: send(rate, mode.growth_s) for rate in mode.growth_rates}
    out = []
    for rate in mode.growth_rates:
        result, ceiling = results[rate], ceilings[rate]
        out.append(
            Figure(
                f"growth.{rate:g}.ideas",
                f"at {rate:g} ideas/s offered: ideas/s taken",
                "ideas/s",
                result["ideas_per_s"],
                rate,
                "offered",
                detail={"seconds": mode.growth_s, "platform": result, "ceiling": ceiling},
            )
        )
        out += [
            _receipt_figure(
                f"growth.{rate:g}.receipt.{q}",
                f"at {rate:g} ideas/s offered: receipt {q}",
                q,
                result,
                ceiling,
            )
            for q in ("p50", "p99")
        ]
    return out
