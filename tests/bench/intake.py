"""Intake's accepted ideas per second and latency, beside hello-world under the same gunicorn."""

from __future__ import annotations

from typing import Any

from sammen.config import web_threads, web_workers
from sammen.testing import free_port
from tests.bench import procs
from tests.bench.config import Mode
from tests.bench.report import Figure, Target, summary_ms
from tests.bench.setup import AUTH_HEADER, IDEA_BODY, stage

HELLO = "tests.bench.hello:create_app()"
INTAKE = "sammen.intake.app:create_app()"
AT_LEAST_30_PERCENT = Target("≥ 30% of hello-world", lambda _v, ratio: ratio >= 0.30)


def measure(mode: Mode) -> list[Figure]:
    with stage(mode.work_dir / "intake", "intake", database=mode.database) as st:
        # Both under intake's gunicorn processes and threads (hello-world is no service of its own).
        env = st.env(
            "intake",
            WEB_CONCURRENCY=str(web_workers("intake")),
            WEB_THREADS=str(web_threads("intake")),
        )
        hello_port, intake_port = free_port(), free_port()
        log_dir = mode.work_dir / "logs"
        hello = procs.gunicorn("hello-web", HELLO, hello_port, env, log_dir)
        intake = procs.gunicorn("intake-web", INTAKE, intake_port, env, log_dir)
        with procs.started(hello, intake):
            procs.wait_http(f"http://127.0.0.1:{hello_port}/", hello)
            procs.wait_http(f"http://127.0.0.1:{intake_port}/healthz", intake)
            targets = {
                "hello": (f"http://127.0.0.1:{hello_port}/", hello),
                "intake": (f"http://127.0.0.1:{intake_port}/api/v1/ideas", intake),
            }
            saturated = {
                name: _saturate(url, mode, server) for name, (url, server) in targets.items()
            }
            fixed = {name: _fixed_rate(url, mode) for name, (url, _server) in targets.items()}
    return figures(saturated, fixed, mode)


def _post(url: str, **options: Any) -> dict[str, Any]:
    result = procs.loadgen(url, method="POST", body=IDEA_BODY, header=[AUTH_HEADER], **options)
    result.update(summary_ms(result.pop("latencies")))
    return result


def _saturate(url: str, mode: Mode, server: procs.Process) -> dict[str, Any]:
    """Closed-loop load, and the server's CPU time per request while it ran (the warm-up's
    requests and CPU time both counted)."""
    pids = procs.tree([server.pid])
    cpu_before = procs.cpu_seconds(pids)
    result = _post(
        url, concurrency=mode.concurrency, warmup=mode.warmup_s, duration=mode.saturate_s
    )
    cpu = procs.cpu_seconds(pids) - cpu_before
    result["cpu_ms_per_request"] = (
        1000 * cpu / result["sent_total"] if result["sent_total"] else None
    )
    return result


def _fixed_rate(url: str, mode: Mode) -> dict[str, Any]:
    return _post(url, concurrency=64, rate=mode.fixed_rate, duration=mode.fixed_s)


def figures(
    saturated: dict[str, dict[str, Any]], fixed: dict[str, dict[str, Any]], mode: Mode
) -> list[Figure]:
    hello, intake = saturated["hello"], saturated["intake"]
    detail = {
        "intake": intake,
        "hello": hello,
        "concurrency": mode.concurrency,
        "web_workers": web_workers("intake"),
        "web_threads": web_threads("intake"),
    }
    out = [
        Figure(
            "intake.saturated.throughput",
            "intake accepted ideas/s (saturated)",
            "req/s",
            intake["throughput"],
            hello["throughput"],
            "hello-world",
            AT_LEAST_30_PERCENT,
            detail,
        )
    ]
    for q in ("p50", "p99"):
        out.append(
            Figure(
                f"intake.saturated.{q}",
                f"intake {q} latency (saturated)",
                "ms",
                intake.get(f"{q}_ms"),
                hello.get(f"{q}_ms"),
                "hello-world",
            )
        )
    out.append(
        Figure(
            "intake.saturated.cpu",
            "intake server CPU per idea (saturated)",
            "ms",
            intake.get("cpu_ms_per_request"),
            hello.get("cpu_ms_per_request"),
            "hello-world",
        )
    )
    for q in ("p50", "p99"):
        out.append(
            Figure(
                f"intake.fixed_rate.{q}",
                f"intake {q} latency at {mode.fixed_rate:g}/s",
                "ms",
                fixed["intake"].get(f"{q}_ms"),
                fixed["hello"].get(f"{q}_ms"),
                "hello-world",
                detail={"rate": mode.fixed_rate, **fixed} if q == "p50" else {},
            )
        )
    return out
