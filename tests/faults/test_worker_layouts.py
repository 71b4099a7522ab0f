"""A service process killed in the middle of a handler loses nothing, in both layouts of its
worker: inside its web process (`make run`'s, `SAMMEN_WORKER_IN_WEB=1`) and as a process of its
own (production's). The message was not acknowledged, so the broker gives it to the process
started in its place, whose handler has its effect once.

Routing alone, on PostgreSQL (a table lock holds its `idea.submitted` handler mid-way)."""

from __future__ import annotations

import pytest
import sqlalchemy

from sammen.testing import EventTap, publish_event, wait_for
from sammen.testing.events import envelope, idea_submitted
from tests.faults.platform_support import blocked_on_cases, cases_for, wait_until_settled
from tests.platform.harness import Platform

pytestmark = [pytest.mark.faults, pytest.mark.slow]


@pytest.mark.parametrize(
    ("in_web", "holder"),
    [("1", "routing-web"), ("0", "routing-worker")],
    ids=["worker-in-web", "worker-apart"],
)
def test_a_process_killed_mid_handler_has_its_event_redelivered_with_one_effect(
    tmp_path, in_web, holder
):
    settings = {"SAMMEN_WORKER_IN_WEB": in_web}
    with Platform.start(tmp_path, postgres=True, only="routing", settings=settings) as platform:
        assert platform.worker_process("routing") == holder
        tap = EventTap(platform.amqp_url, ("case.assigned",))
        idea = idea_submitted()
        engine = sqlalchemy.create_engine(platform.env["ROUTING_DATABASE_URL"])
        blocker = engine.connect()
        try:
            holding = blocker.begin()
            blocker.execute(sqlalchemy.text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
            publish_event(platform.amqp_url, envelope(idea))
            wait_for(lambda: blocked_on_cases(engine), timeout=60, what="the handler to block")
            platform.kill(holder)  # SIGKILL with the handler's transaction open
            holding.rollback()
        finally:
            blocker.close()
            engine.dispose()
        platform.start_process(holder)
        wait_for(
            lambda: cases_for(platform, idea.tracking_code),
            timeout=60,
            what="the case after the restart",
        )
        wait_until_settled(platform)
        assert len(cases_for(platform, idea.tracking_code)) == 1
        assigned = [e for e in tap.of_type("case.assigned") if e.data["idea_id"] == idea.idea_id]
        assert len(assigned) == 1, f"{len(assigned)} × case.assigned for one idea"
