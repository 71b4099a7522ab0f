"""The calendar's full .ics feed with growing numbers of events: time, peak memory, growth.

Events go in through calendar's own service layer (`create_event`, which renders each VEVENT);
past a few hundred, further events are copies of those rows through calendar's models, with
their own ids, so 50,000 events take seconds to set up rather than many minutes. The feed is fetched with the Flask test client,
its rendered-feed cache emptied before each fetch so every fetch renders. The ceiling is the least
any feed of stored VEVENTs must do: one SELECT of the stored text and a join, on the same database.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text

from sammen.auth import StaffIdentity
from tests.bench.config import Mode
from tests.bench.inprocess import service_app
from tests.bench.report import Figure, Target
from tests.bench.setup import stage

MIB = 1024 * 1024
BATCH = 500
CREATED = 500  # events made through create_event; the rest are copies of them
BENCH_STAFF = StaffIdentity(0, "bench@gentofte.dk", "Bench", ("admin",))
UNDER_HALF_SECOND = Target("< 0.5 s", lambda value, _r: value < 0.5)
LINEAR = Target("≤ 1.5 (linear)", lambda value, _r: value <= 1.5)


def _insert(app: Any, start: int, stop: int) -> None:
    _create(app, start, min(stop, CREATED))
    if stop > CREATED:
        _copy(app, max(start, CREATED), stop)


def _create(app: Any, start: int, stop: int) -> None:
    from sammen.calendar import events, organizers
    from sammen.calendar.schemas import EventInSchema

    database, settings = app.config["SAMMEN_DATABASE"], app.config["SAMMEN_SETTINGS"]
    schema = EventInSchema()
    with database.transaction() as session:
        slugs = sorted(organizers.organizer_names(session))
    first = datetime(2027, 1, 4, 17, 0, tzinfo=UTC)
    for batch in range(start, stop, BATCH):
        with database.transaction() as session:
            for n in range(batch, min(batch + BATCH, stop)):
                starts = first + timedelta(hours=3 * n)
                payload = schema.load(
                    {
                        "title": f"Borgermøde om byens rum nr. {n}",
                        "description": "Kom og vær med, når vi taler om pladser, stier og grønne "
                        "områder i din bydel. Der er kaffe og kage.",
                        "starts_at": starts.isoformat(),
                        "ends_at": (starts + timedelta(hours=2)).isoformat(),
                        "location": "Gentofte Rådhus, Bernstorffsvej 161",
                        "organizers": [slugs[n % len(slugs)]],
                        "kind": "citizen_meeting",
                        "topics": [],
                        "public": True,
                    }
                )
                events.create_event(session, settings, payload, BENCH_STAFF, datetime.now(UTC))


def _copy(app: Any, start: int, stop: int) -> None:
    from sammen.calendar.models import Event, EventOrganizer

    database = app.config["SAMMEN_DATABASE"]
    with database.transaction() as session:
        templates = session.scalars(select(Event).order_by(Event.created_at).limit(CREATED)).all()
        columns = [c.key for c in Event.__table__.columns]
        rows = [{c: getattr(t, c) for c in columns} for t in templates]
        slugs = [t.organizers for t in templates]
    for batch in range(start, stop, 5_000):
        events, links = [], []
        for n in range(batch, min(batch + 5_000, stop)):
            row = dict(rows[n % len(rows)])
            new_id = str(uuid.UUID(int=n))
            row["ical"] = row["ical"].replace(row["id"], new_id)
            row["id"] = new_id
            events.append(row)
            links += [{"event_id": new_id, "organizer_slug": s} for s in slugs[n % len(rows)]]
        with database.transaction() as session:
            session.execute(insert(Event), events)
            session.execute(insert(EventOrganizer), links)


def _feed(app: Any) -> Callable[[], int]:
    from sammen.calendar import feeds

    client = app.test_client()

    def fetch() -> int:
        # A new, empty cache: each fetch renders, as the first poll after any change does.
        feeds._cache = feeds.FeedCache()
        response = client.get("/calendar.ics")
        assert response.status_code == 200, response.status_code
        return len(response.data)

    return fetch


def _raw(app: Any) -> Callable[[], int]:
    engine = app.config["SAMMEN_DATABASE"].engine
    query = text("SELECT ical FROM events WHERE public ORDER BY starts_at, id")

    def fetch() -> int:
        with engine.connect() as connection:
            rows = connection.execute(query).scalars().all()
        body = ("BEGIN:VCALENDAR\r\n" + "".join(rows) + "END:VCALENDAR\r\n").encode()
        return len(body)

    return fetch


def _measure(fetch: Callable[[], int], repeats: int) -> dict[str, float]:
    fetch()  # warm: connections, compiled queries
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        size = fetch()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    try:
        fetch()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"seconds": statistics.median(times), "peak_mib": peak / MIB, "bytes": size}


def measure(mode: Mode) -> list[Figure]:
    from sammen.calendar.app import create_app

    results: list[tuple[int, dict[str, float], dict[str, float]]] = []
    log = mode.work_dir / "logs" / "calendar-inprocess.log"
    with (
        stage(mode.work_dir / "calendar", "calendar", database=mode.database) as st,
        service_app(create_app, st.env("calendar"), log) as app,
    ):
        inserted = 0
        for size in mode.feed_sizes:
            _insert(app, inserted, size)
            inserted = size
            results.append(
                (
                    size,
                    _measure(_feed(app), mode.feed_repeats),
                    _measure(_raw(app), mode.feed_repeats),
                )
            )
    return figures(results)


def figures(results: list[tuple[int, dict[str, float], dict[str, float]]]) -> list[Figure]:
    out = []
    for label, (size, feed, raw) in zip(("small", "medium", "large"), results, strict=True):
        detail = {"events": size, "feed": feed, "ceiling": raw}
        out.append(
            Figure(
                f"calendar.feed.{label}.time",
                f"calendar .ics feed, {size:,} events, time",
                "s",
                feed["seconds"],
                raw["seconds"],
                "SELECT stored VEVENTs + join",
                UNDER_HALF_SECOND if label == "medium" else None,
                detail,
            )
        )
        out.append(
            Figure(
                f"calendar.feed.{label}.peak_memory",
                f"calendar .ics feed, {size:,} events, peak memory",
                "MiB",
                feed["peak_mib"],
                raw["peak_mib"],
                "SELECT stored VEVENTs + join",
            )
        )
    (n1, f1, r1), (n2, f2, r2) = results[1], results[2]

    def growth(key: str, a: dict[str, float], b: dict[str, float]) -> float:
        # Cost per event at the largest size over cost per event at the medium size: 1 is linear.
        return (b[key] / n2) / (a[key] / n1)

    for what, key in (("time", "seconds"), ("memory", "peak_mib")):
        out.append(
            Figure(
                f"calendar.feed.{what}_growth",
                f"calendar feed {what} per event, {n2:,} vs {n1:,} events",
                "×",
                growth(key, f1, f2),
                growth(key, r1, r2),
                "same for the ceiling",
                LINEAR,
            )
        )
    return out
