"""`python -m tests.bench [--short] [--only intake,bus,...] [--database sqlite|postgres|both]`:
run the figures on each database, print them, write JSON."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import logging
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.bench import config, report
from tests.bench.procs import ROOT
from tests.bench.report import Figure
from tests.bench.setup import DATABASES

log = logging.getLogger("tests.bench")

# Each group: the module that measures it, and the figures it yields (for the "missing" rows).
GROUPS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "intake": (
        "tests.bench.intake",
        [
            ("intake.saturated.throughput", "intake accepted ideas/s (saturated)", "req/s"),
            ("intake.saturated.p50", "intake p50 latency (saturated)", "ms"),
            ("intake.saturated.p99", "intake p99 latency (saturated)", "ms"),
            ("intake.saturated.cpu", "intake server CPU per idea (saturated)", "ms"),
            ("intake.fixed_rate.p50", "intake p50 latency at a fixed rate", "ms"),
            ("intake.fixed_rate.p99", "intake p99 latency at a fixed rate", "ms"),
        ],
    ),
    "e2e": (
        "tests.bench.e2e",
        [
            ("e2e.receipt.p50", "POST → receipt accepted by SMTP, p50", "ms"),
            ("e2e.receipt.p99", "POST → receipt accepted by SMTP, p99", "ms"),
        ],
    ),
    "growth": ("tests.bench.e2e", []),  # one row per rate of the mode: growth_figures()
    "bus": ("tests.bench.bus", [("bus.throughput", "bus events/s", "events/s")]),
    "calendar": (
        "tests.bench.calendar_feed",
        [
            (f"calendar.feed.{size}.{what}", f"calendar .ics feed ({size}) {what}", unit)
            for size in ("small", "medium", "large")
            for what, unit in (("time", "s"), ("peak_memory", "MiB"))
        ]
        + [
            ("calendar.feed.time_growth", "calendar feed time growth", "×"),
            ("calendar.feed.memory_growth", "calendar feed memory growth", "×"),
        ],
    ),
    "staff": (
        "tests.bench.staff_ui",
        [
            ("staff.inbox.p95", "staff inbox p95", "ms"),
            ("staff.overview.p95", "coordinator overview p95", "ms"),
        ],
    ),
    "memory": (
        "tests.bench.memory",
        [
            ("memory.rest", "platform resident memory at rest", "MiB"),
            ("memory.rest.pss", "platform proportional memory (PSS) at rest", "MiB"),
            ("memory.load", "platform resident memory under intake load", "MiB"),
            ("memory.load.pss", "platform proportional memory (PSS) under intake load", "MiB"),
        ],
    ),
}


def growth_figures(mode: config.Mode) -> list[tuple[str, str, str]]:
    return [
        (f"growth.{rate:g}.{what}", f"at {rate:g} ideas/s offered: {what}", unit)
        for rate in mode.growth_rates
        for what, unit in (("ideas", "ideas/s"), ("receipt.p50", "ms"), ("receipt.p99", "ms"))
    ]


def run_group(name: str, mode: config.Mode) -> list[Figure]:
    """The group's figures, each key and title naming the database it ran on."""
    module_name, expected = GROUPS[name]
    if name == "growth":
        expected = growth_figures(mode)
    started = time.monotonic()
    load = os.getloadavg()[0]
    try:
        module = importlib.import_module(module_name)
        measure: Callable[[config.Mode], list[Figure]] = getattr(
            module, "measure_growth" if name == "growth" else "measure"
        )
        figures = measure(mode)
    except Exception as error:
        traceback.print_exc()
        reason = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        figures = []
    else:
        reason = "not measured"
    found = {f.key for f in figures}
    figures += [report.missing(k, t, u, reason) for k, t, u in expected if k not in found]
    for figure in figures:
        figure.key = f"{mode.database}.{figure.key}"
        figure.title = f"{mode.database}: {figure.title}"
        # The machine is shared: a number means little without how busy it was.
        figure.detail["load_average"] = load
    took = time.monotonic() - started
    print(f"  {mode.database} {name}: {took:.1f}s (load {load:.2f})", file=sys.stderr, flush=True)
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--short", action="store_true", help="CI mode: seconds, small sizes")
    parser.add_argument("--only", default="", help=f"comma-separated groups of {', '.join(GROUPS)}")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"), help="report folder")
    parser.add_argument(
        "--database",
        choices=(*DATABASES, "both"),
        default="both",
        help="every service on SQLite (make run's default), PostgreSQL, or both in turn",
    )
    args = parser.parse_args(argv)
    out_dir = Path(args.out)
    mode = (config.short if args.short else config.full)(out_dir)
    databases = DATABASES if args.database == "both" else (args.database,)
    groups = [g for g in args.only.split(",") if g] or list(GROUPS)
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    logging.basicConfig(level=logging.WARNING)
    shutil.rmtree(mode.work_dir.parent, ignore_errors=True)
    started = datetime.now(UTC)
    print(
        f"sammen bench, {mode.name} mode: {', '.join(groups)} on {', '.join(databases)}",
        file=sys.stderr,
        flush=True,
    )
    figures: list[Figure] = []
    for database in databases:
        for group in groups:
            figures += run_group(group, dataclasses.replace(mode, database=database))
            # Written after each group, so an interrupted long run keeps what it measured.
            path = report.write(figures, mode.name, started, out_dir)
    print(report.table(figures))
    print(f"\nreport: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
