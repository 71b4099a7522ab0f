"""The benchmark suite still works: its short mode runs and reports every figure with a ceiling.

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
    "memory.rest",
    "memory.load",
]
VERDICTS = {"", "met", "missed"}


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def test_the_short_bench_reports_every_figure_with_its_ceiling_and_ratio(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--short", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1100,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((tmp_path / "latest.json").read_text())
    assert report["mode"] == "short"
    assert len(list(tmp_path.glob("*-short.json"))) == 1  # the timestamped copy
    figures = report["figures"]
    problems = []
    for key in FIGURES:
        figure = figures.get(key)
        if figure is None:
            problems.append(f"{key}: absent")
        elif not all(_number(figure[field]) for field in ("value", "ceiling", "ratio")):
            problems.append(f"{key}: {figure.get('missing') or 'not numeric'}")
        elif figure["verdict"] not in VERDICTS or (figure["target"] and not figure["verdict"]):
            problems.append(f"{key}: verdict {figure['verdict']!r}")
    assert not problems, "\n".join(problems) + "\n" + done.stderr[-3000:]
    # The table names every figure too.
    assert done.stdout.count(" ms") + done.stdout.count(" MiB") >= 10
