"""The two modes: full (for people measuring) and short (CI: seconds per figure, small sizes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Mode:
    name: str
    out_dir: Path
    database: str = "postgres"  # "sqlite" or "postgres", for every service the figure starts
    # intake
    warmup_s: float = 2.0
    saturate_s: float = 15.0  # in all, split into rounds taken in turns with the ceiling
    saturate_rounds: int = 3
    concurrency: int = 16
    fixed_rate: float = 100.0
    fixed_s: float = 15.0
    # end to end
    e2e_rate: float = 50.0
    e2e_s: float = 60.0
    # how cost grows with the rate: ideas/s offered, each for a while
    growth_rates: tuple[float, ...] = (10.0, 25.0, 50.0, 100.0)
    growth_s: float = 20.0
    # the bus
    bus_events: int = 20_000
    # the calendar feed
    feed_sizes: tuple[int, int, int] = (1_000, 10_000, 50_000)
    feed_repeats: int = 5
    # the staff UI
    cases: int = 10_000
    page_requests: int = 200
    # memory
    settle_s: float = 10.0
    memory_load_s: float = 15.0

    @property
    def work_dir(self) -> Path:
        return self.out_dir / "work" / self.database


def full(out_dir: Path) -> Mode:
    return Mode("full", out_dir)


def short(out_dir: Path) -> Mode:
    return Mode(
        "short",
        out_dir,
        warmup_s=0.5,
        saturate_s=2.0,
        fixed_rate=50.0,
        fixed_s=2.0,
        e2e_s=3.0,
        growth_rates=(10.0, 25.0),
        growth_s=2.0,
        bus_events=300,
        feed_sizes=(100, 500, 2_000),
        feed_repeats=2,
        cases=300,
        page_requests=20,
        settle_s=2.0,
        memory_load_s=2.0,
    )
