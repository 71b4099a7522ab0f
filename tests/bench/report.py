"""Figures, targets, the printed table and the JSON report under var/bench/."""

from __future__ import annotations

import json
import math
import platform
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    """A target of the performance section, judged on the figure's value or its ratio (never asserted)."""

    text: str
    met: Callable[[float, float], bool] = field(compare=False, repr=False)


@dataclass
class Figure:
    key: str
    title: str
    unit: str
    value: float | None
    ceiling: float | None
    ceiling_title: str
    target: Target | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    missing: str | None = None  # why the figure could not be taken

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.ceiling:
            return None
        return self.value / self.ceiling

    @property
    def verdict(self) -> str:
        if self.missing:
            return "missing"
        if self.target is None or self.value is None or self.ratio is None:
            return ""
        return "met" if self.target.met(self.value, self.ratio) else "missed"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("target")
        data["ratio"] = self.ratio
        data["target"] = self.target.text if self.target else None
        data["verdict"] = self.verdict
        return data


def missing(key: str, title: str, unit: str, reason: str) -> Figure:
    return Figure(key, title, unit, None, None, "", missing=reason)


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), nearest-rank, of a non-empty sample."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    if not seconds:
        return {"count": 0}
    return {
        "count": len(seconds),
        "p50_ms": percentile(seconds, 50) * 1000,
        "p95_ms": percentile(seconds, 95) * 1000,
        "p99_ms": percentile(seconds, 99) * 1000,
        "max_ms": max(seconds) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000,
    }


def _number(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "value", "ceiling (same run)", "ratio", "target", "")]
    for f in figures:
        value = f"{_number(f.value)} {f.unit}" if not f.missing else f"missing: {f.missing}"
        ceiling = f"{_number(f.ceiling)} {f.unit}  {f.ceiling_title}" if f.ceiling else ""
        ratio = _number(f.ratio) if f.ratio is not None else "-"
        rows.append((f.title, value, ceiling, ratio, f.target.text if f.target else "", f.verdict))
    widths = [min(max(len(row[i]) for row in rows), 60) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write(figures: Sequence[Figure], mode: str, started: datetime, out_dir: Path) -> Path:
    """Write the run as `<timestamp>-<mode>.json` and `latest.json`; return the timestamped path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "mode": mode,
        "started_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "machine": {"cpus": _cpus(), "python": platform.python_version()},
        "figures": {f.key: f.as_json() for f in figures},
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    path = out_dir / f"{started.strftime('%Y%m%dT%H%M%SZ')}-{mode}.json"
    path.write_text(text)
    (out_dir / "latest.json").write_text(text)
    return path


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))
