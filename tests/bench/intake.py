"""Intake's accepted ideas per second and latency, beside hello-world under the same gunicorn."""

from __future__ import annotations

import statistics
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
            saturated = _saturate_in_turns(targets, mode)
            fixed = {name: _fixed_rate(url, mode) for name, (url, _server) in targets.items()}
    return figures(saturated, fixed, mode)


def _post(url: str, **options: Any) -> dict[str, Any]:
    """The load generator's result for posting the bench's idea to `url`."""
    return procs.loadgen(url, method="POST", body=IDEA_BODY, header=[AUTH_HEADER], **options)


def _saturate_in_turns(
    targets: dict[str, tuple[str, procs.Process]], mode: Mode
) -> dict[str, dict[str, Any]]:
    """Each target saturated in turns (hello-world, intake, hello-world, …), `saturate_s` in all
    split into `saturate_rounds`: a shared machine drifts over a run, and one long stretch each
    put one at a quicker moment than the other (hello-world's CPU per request moved by a quarter
    between runs). Throughput is the median round's; latencies and CPU are of all rounds."""
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for _ in range(mode.saturate_rounds):
        for name, (url, server) in targets.items():
            rounds[name].append(_saturate(url, mode, server))
    return {name: _combined(results) for name, results in rounds.items()}


def _saturate(url: str, mode: Mode, server: procs.Process) -> dict[str, Any]:
    """Closed-loop load for one round, and the server's CPU time while it ran (the warm-up's
    requests and CPU time both counted)."""
    pids = procs.tree([server.pid])
    cpu_before = procs.cpu_seconds(pids)
    result = _post(
        url,
        concurrency=mode.concurrency,
        warmup=mode.warmup_s,
        duration=mode.saturate_s / mode.saturate_rounds,
    )
    result["cpu_seconds"] = procs.cpu_seconds(pids) - cpu_before
    return result


def _combined(results: list[dict[str, Any]]) -> dict[str, Any]:
    sent = sum(result["sent_total"] for result in results)
    cpu = sum(result["cpu_seconds"] for result in results)
    combined = {
        "throughput": statistics.median(result["throughput"] for result in results),
        "round_throughputs": [result["throughput"] for result in results],
        "sent_total": sent,
        "ok": sum(result["ok"] for result in results),
        "cpu_ms_per_request": 1000 * cpu / sent if sent else None,
    }
    combined.update(summary_ms([s for result in results for s in result["latencies"]]))
    return combined


def _fixed_rate(url: str, mode: Mode) -> dict[str, Any]:
    result = _post(url, concurrency=64, rate=mode.fixed_rate, duration=mode.fixed_s)
    result.update(summary_ms(result.pop("latencies")))
    return result


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
