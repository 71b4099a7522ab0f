"""The benchmark suite still works: its short mode runs and reports every figure with a ceiling,
on SQLite (`make run`'s default) and, for intake, on PostgreSQL.

No target is asserted here (CI machines are shared and noisy); the full mode is for measuring.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[2]
FIGURES = [
    "intake.saturated.throughput",
    "intake.saturated.p50",
    "intake.saturated.p99",
    "intake.saturated.cpu",
    "intake.fixed_rate.p50",
    "intake.fixed_rate.p99",
    "e2e.receipt.p50",
    "e2e.receipt.p99",
    "bus.throughput",
    *(
        f"calendar.feed.{size}.{what}"
        for size in ("small", "medium", "large")
        for what in ("time", "peak_memory")
    ),
    "calendar.feed.time_growth",
    "calendar.feed.memory_growth",
    "staff.inbox.p95",
    "staff.overview.p95",
    *(
        f"growth.{rate}.{what}"
        for rate in (10, 25)
        for what in ("ideas", "receipt.p50", "receipt.p99")
    ),
    "memory.rest",
    "memory.rest.pss",
    "memory.load",
    "memory.load.pss",
]
INTAKE_FIGURES = [key for key in FIGURES if key.startswith("intake.")]
VERDICTS = {"", "met", "missed"}


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _short_bench(out, *options):
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--short", "--out", str(out), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1100,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((out / "latest.json").read_text())
    assert report["mode"] == "short"
    assert len(list(out.glob("*-short.json"))) == 1  # the timestamped copy
    return done, report["figures"]


def _problems(figures, keys):
    problems = []
    for key in keys:
        figure = figures.get(key)
        if figure is None:
            problems.append(f"{key}: absent")
        elif not all(_number(figure[field]) for field in ("value", "ceiling", "ratio")):
            problems.append(f"{key}: {figure.get('missing') or 'not numeric'}")
        elif figure["verdict"] not in VERDICTS or (figure["target"] and not figure["verdict"]):
            problems.append(f"{key}: verdict {figure['verdict']!r}")
        elif not _number(figure["detail"].get("load_average")):
            problems.append(f"{key}: no load average beside it")
    return problems


def test_the_short_bench_reports_every_figure_with_its_ceiling_and_ratio(tmp_path):
    done, figures = _short_bench(tmp_path / "sqlite", "--database", "sqlite")
    problems = _problems(figures, [f"sqlite.{key}" for key in FIGURES])
    assert not problems, "\n".join(problems) + "\n" + done.stderr[-3000:]
    # The table names every figure too.
    assert done.stdout.count(" ms") + done.stdout.count(" MiB") >= 10

    done, figures = _short_bench(
        tmp_path / "postgres", "--database", "postgres", "--only", "intake"
    )
    problems = _problems(figures, [f"postgres.{key}" for key in INTAKE_FIGURES])
    assert not problems, "\n".join(problems) + "\n" + done.stderr[-3000:]
