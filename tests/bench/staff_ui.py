"""The staff UI: an agent's inbox and the coordinator overview with many cases (p95).

Cases go in through routing's own use case (`create_case_from_idea`, as for each idea.submitted);
pages are fetched with the Flask test client and a logged-in cookie. The ceiling is the same page
for the same person before any case exists: what the page costs without the data.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from sammen.auth import StaffIdentity, issue_token
from tests.bench.config import Mode
from tests.bench.inprocess import service_app
from tests.bench.report import Figure, Target, summary_ms
from tests.bench.setup import stage

BATCH = 500
UNDER_150_MS = Target("< 150 ms", lambda value, _r: value < 150)


def _identity(session: Any, role: str) -> StaffIdentity:
    from sammen.routing.models import StaffAccount

    accounts = session.scalars(select(StaffAccount).order_by(StaffAccount.id)).all()
    account = next(a for a in accounts if role in a.role_list)
    return StaffIdentity(account.id, account.email, account.name, account.role_list)


def _busiest_agent(session: Any) -> StaffIdentity:
    from sammen.routing.models import Case, StaffAccount

    row = session.execute(
        select(Case.assignee_id, func.count())
        .where(Case.assignee_id.is_not(None))
        .group_by(Case.assignee_id)
        .order_by(func.count().desc())
    ).first()
    if row is None:
        return _identity(session, "agent")
    account = session.get(StaffAccount, row[0])
    return StaffIdentity(account.id, account.email, account.name, account.role_list)


def _insert(app: Any, count: int) -> None:
    from sammen.contracts import Consent, Initiator
    from sammen.routing.cases import create_case_from_idea
    from sammen.routing.domain import THEME_TEAMS
    from sammen.routing.settings import first_response_days
    from sammen.testing.events import idea_submitted

    database, settings = app.config["SAMMEN_DATABASE"], app.config["SAMMEN_SETTINGS"]
    days = first_response_days(settings)
    start = datetime.now(UTC) - timedelta(days=60)
    themes = sorted(THEME_TEAMS)
    for batch in range(0, count, BATCH):
        with database.transaction() as session:
            for n in range(batch, min(batch + BATCH, count)):
                idea_id = str(uuid.uuid4())
                submitted = start + timedelta(minutes=8 * n)
                idea = idea_submitted(
                    idea_id=idea_id,
                    tracking_code=f"B{n:07d}",
                    title=f"Idé nummer {n}: bytte-reol på biblioteket",
                    theme=themes[n % len(themes)],
                    channel="gentofte.dk",
                    submitted_at=submitted.isoformat(),
                    consent=Consent(contact=True, publish=n % 2 == 0),
                    initiator=Initiator(name="Anna Jensen", email=f"bench-{n}@example.dk"),
                )
                create_case_from_idea(session, idea, days, submitted)


def _p95(app: Any, staff: StaffIdentity, path: str, requests: int) -> dict[str, float]:
    client = app.test_client()
    client.set_cookie("sammen_staff", issue_token(app.config["SAMMEN_SETTINGS"].secret_key, staff))
    first = client.get(path)
    if first.status_code != 200:
        raise RuntimeError(f"{path} answered {first.status_code} for {staff.roles}")
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return {**summary_ms(times), "bytes": len(first.data)}


def measure(mode: Mode) -> list[Figure]:
    from sammen.routing.app import create_app

    log = mode.work_dir / "logs" / "routing-inprocess.log"
    env_extra = {"ROUTING_SEED_DEMO": "1"}
    with (
        stage(mode.work_dir / "staff", "routing", database=mode.database) as st,
        service_app(create_app, st.env("routing", **env_extra), log) as app,
    ):
        database = app.config["SAMMEN_DATABASE"]
        with database.transaction() as session:
            agent, coordinator = _identity(session, "agent"), _identity(session, "coordinator")
        empty = {
            "inbox": _p95(app, agent, "/indbakke", mode.page_requests),
            "overview": _p95(app, coordinator, "/overblik", mode.page_requests),
        }
        _insert(app, mode.cases)
        with database.transaction() as session:
            agent = _busiest_agent(session)
        full = {
            "inbox": _p95(app, agent, "/indbakke", mode.page_requests),
            "overview": _p95(app, coordinator, "/overblik", mode.page_requests),
        }
    return [
        Figure(
            f"staff.{page}.p95",
            f"{title} p95, {mode.cases:,} cases",
            "ms",
            full[page]["p95_ms"],
            empty[page]["p95_ms"],
            "same page, no cases",
            UNDER_150_MS if page == "inbox" else None,
            {"cases": mode.cases, "with_cases": full[page], "without_cases": empty[page]},
        )
        for page, title in (("inbox", "agent inbox"), ("overview", "coordinator overview"))
    ]
