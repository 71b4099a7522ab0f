"""Faults on the whole platform (every Procfile process, on PostgreSQL, its broker connections
through a proxy the test cuts): nothing is lost, and nothing has an effect twice.

Not repeated here: the outbox under a broker cut, redelivery, parking and the consumer's reconnect
in one process (shared/tests/integration/test_bus_reliability.py), and the database outage of
intake (test_database_outage.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pika
import pytest
import requests
import sqlalchemy

from sammen.bus.envelope import CONTENT_TYPE
from sammen.bus.parked import ParkedMessage, list_parked
from sammen.contracts import Consent, Initiator
from sammen.testing import (
    BROKER_HOST,
    FAST_RETRIES_MS,
    EventTap,
    TcpProxy,
    broker_url_through,
    wait_for,
)
from sammen.testing.events import envelope, idea_submitted
from tests.faults.platform_support import (
    blocked_on_cases,
    cases_for,
    idea,
    metric,
    receipts,
    staff_headers,
    submit,
    unique_email,
    wait_until_settled,
)
from tests.platform.harness import REPO_ROOT, Platform

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.xdist_group("faults-platform")]

FAULT_SETTINGS = {
    # Mails that could not be sent are tried again after 1 s, 2 s, 4 s… instead of 30 s, 60 s…
    "NOTIFY_RETRY_BASE_SECONDS": "1",
    "NOTIFY_MAX_ATTEMPTS": "8",
}


@pytest.fixture(scope="module")
def broker_proxy() -> Iterator[TcpProxy]:
    host, port = BROKER_HOST.split(":")
    proxy = TcpProxy(host, int(port))
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory, broker_proxy: TcpProxy) -> Iterator[Platform]:
    """The platform on PostgreSQL, every process reaching RabbitMQ through `broker_proxy`."""
    with Platform.start(
        tmp_path_factory.mktemp("faulty-platform"),
        postgres=True,
        settings=FAULT_SETTINGS,
        amqp_via=lambda url: broker_url_through(broker_proxy, url),
    ) as platform:
        platform.require("intake", "routing", "notify")
        yield platform


def web_ready(platform: Platform) -> dict[str, int | None]:
    statuses = {}
    for spec in platform.specs:
        if spec.is_web:
            try:
                statuses[spec.name] = requests.get(
                    f"{platform.url(spec.service)}/readyz", timeout=5
                ).status_code
            except requests.RequestException:
                statuses[spec.name] = None
    return statuses


# --- (a) the broker cut off during a burst of submissions -------------------------------------


def test_a_burst_during_a_broker_cut_is_answered_and_each_receipt_sent_once(faulty, broker_proxy):
    emails = [unique_email("burst") for _ in range(12)]
    broker_proxy.cut()
    try:
        wait_for(
            lambda: web_ready(faulty).get("intake-web") == 503, what="intake to see the broker gone"
        )
        answers = [
            submit(faulty, idea(f"Borger Burst {i}", email)) for i, email in enumerate(emails)
        ]
    finally:
        broker_proxy.restore()
    assert [a.status_code for a in answers] == [201] * len(emails), [a.text for a in answers]
    codes = {
        email: answer.json()["tracking_code"] for email, answer in zip(emails, answers, strict=True)
    }
    wait_for(
        lambda: all(receipts(faulty, email) for email in emails),
        timeout=120,
        interval=0.5,
        what="every receipt after the broker returned",
    )
    wait_until_settled(faulty)
    for email in emails:
        kept = receipts(faulty, email)
        assert len(kept) == 1, f"{email}: {len(kept)} receipts"
        assert codes[email] in str(kept[0]["Subject"])


# --- (b) a worker killed in the middle of a handler -------------------------------------------


def test_a_worker_killed_in_a_handler_has_its_event_redelivered_with_one_effect(faulty):
    tap = EventTap(faulty.amqp_url, ("case.assigned",))
    engine = sqlalchemy.create_engine(faulty.env["ROUTING_DATABASE_URL"])
    blocker = engine.connect()
    try:
        holding = blocker.begin()
        blocker.execute(sqlalchemy.text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
        answer = submit(faulty, idea("Kim Kill", unique_email("kill")))
        assert answer.status_code == 201
        wait_for(lambda: blocked_on_cases(engine), timeout=60, what="the handler to block")
        # SIGKILL with the handler's transaction open, to the process holding routing's worker
        # (its web process in `make run`'s layout, its worker process in production's).
        faulty.kill(faulty.worker_process("routing"))
        holding.rollback()
    finally:
        blocker.close()
        engine.dispose()
    faulty.start_process(faulty.worker_process("routing"))
    code, idea_id = answer.json()["tracking_code"], answer.json()["id"]
    wait_for(lambda: cases_for(faulty, code), timeout=60, what="the case after the restart")
    wait_until_settled(faulty)
    assert len(cases_for(faulty, code)) == 1
    assigned = [e for e in tap.of_type("case.assigned") if e.data["idea_id"] == idea_id]
    assert len(assigned) == 1, f"{len(assigned)} × case.assigned for one idea"


# --- (c) the mail server down for a while -----------------------------------------------------


def _notifications(platform: Platform, tracking_code: str) -> list[dict]:
    response = requests.get(
        f"{platform.url('notify')}/api/v1/notifications",
        params={"tracking_code": tracking_code, "template": "receipt"},
        headers=staff_headers(platform, "coordinator"),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def test_mail_is_retried_while_the_mail_server_is_down_and_sent_once(faulty):
    email = unique_email("mailsink")
    faulty.stop("mailsink")
    try:
        answer = submit(faulty, idea("Mia Mailløs", email))
        assert answer.status_code == 201
        code = answer.json()["tracking_code"]
        failed = wait_for(
            lambda: [n for n in _notifications(faulty, code) if n["attempts"] >= 1],
            timeout=60,
            what="a failed attempt to send the receipt",
        )
        assert failed[0]["status"] == "temporary-failure"
        assert receipts(faulty, email) == []
    finally:
        faulty.start_process("mailsink")
    wait_for(
        lambda: receipts(faulty, email), timeout=60, what="the receipt once the server is back"
    )
    wait_until_settled(faulty)
    assert len(receipts(faulty, email)) == 1
    assert [n["status"] for n in _notifications(faulty, code)] == ["delivered"]


# --- (d) a poison message ---------------------------------------------------------------------


def _publish_to_queue(amqp_url: str, queue: str, body: bytes, message_id: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        channel.basic_publish(
            "",
            queue,
            body,
            pika.BasicProperties(content_type=CONTENT_TYPE, delivery_mode=2, message_id=message_id),
            mandatory=True,
        )
    finally:
        connection.close()


def _parked(amqp_url: str, queue: str) -> dict[str, ParkedMessage]:
    return {message.message_id: message for message in list_parked(amqp_url, queue)}


def test_a_poison_message_is_parked_counted_and_replayed_after_the_fix(faulty):
    """A message that cannot be read is parked at once; one whose handler fails (a constraint a
    faulty release left in routing's database) is parked after the bounded attempts, shows in the
    worker's metrics, and after the fix `python -m sammen.bus.parked replay` gives it its effect."""
    queue, metrics_url = "routing.ideas", faulty.worker_metrics_url("routing")
    parked_before = metric(metrics_url, "sammen_messages_parked_total", {"queue": queue})
    garbage_id = str(uuid.uuid4())
    _publish_to_queue(faulty.amqp_url, queue, b"{not json", garbage_id)

    marker = f"GIFTIG-{uuid.uuid4().hex[:6]}"
    engine = sqlalchemy.create_engine(faulty.env["ROUTING_DATABASE_URL"])
    constraint = sqlalchemy.text(
        f"ALTER TABLE cases ADD CONSTRAINT poison_check CHECK (title <> '{marker}') NOT VALID"
    )
    with engine.begin() as connection:
        connection.execute(constraint)
    idea = idea_submitted(
        tracking_code="GIFT-" + uuid.uuid4().hex[:4].upper(),
        title=marker,
        description="En idé, som routing ikke kan gemme, før fejlen er rettet.",
        consent=Consent(contact=False, publish=False),
        initiator=Initiator(name=None, email=None, phone=None),
    )
    poison = envelope(idea)
    try:
        _publish_to_queue(faulty.amqp_url, queue, poison.to_json().encode(), poison.id)
        parked = wait_for(
            lambda: (
                (found := _parked(faulty.amqp_url, queue)).keys() >= {garbage_id, poison.id}
                and found
            ),
            timeout=60,
            what="both messages parked",
        )
        assert parked[garbage_id].attempts == 1 and "invalid event" in parked[garbage_id].reason
        assert parked[poison.id].attempts == len(FAST_RETRIES_MS.split(",")) + 1  # try + retries
        assert "IntegrityError" in parked[poison.id].reason
        assert parked[poison.id].routing_key == queue
        assert (
            metric(metrics_url, "sammen_messages_parked_total", {"queue": queue})
            == parked_before + 2
        )
        wait_for(
            lambda: metric(metrics_url, "sammen_parked_messages", {"queue": queue}) == 2,
            timeout=30,
            what="the parked gauge",
        )
    finally:
        with engine.begin() as connection:  # the fix
            connection.execute(
                sqlalchemy.text("ALTER TABLE cases DROP CONSTRAINT IF EXISTS poison_check")
            )
        engine.dispose()
    replay = subprocess.run(
        [sys.executable, "-m", "sammen.bus.parked", "replay", queue, "--id", poison.id],
        env=os.environ | {"AMQP_URL": faulty.amqp_url},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "replayed 1 message(s)" in replay.stdout
    wait_for(lambda: cases_for(faulty, idea.tracking_code), timeout=30, what="the replayed case")
    assert [m.message_id for m in list_parked(faulty.amqp_url, queue)] == [garbage_id]
    wait_for(
        lambda: metric(metrics_url, "sammen_parked_messages", {"queue": queue}) == 1,
        timeout=30,
        what="the parked gauge after the replay",
    )
    listing = subprocess.run(
        [sys.executable, "-m", "sammen.bus.parked", "list", queue],
        env=os.environ | {"AMQP_URL": faulty.amqp_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert [json.loads(line)["message_id"] for line in listing.stdout.splitlines()] == [garbage_id]


# --- (e) "RabbitMQ restarted" -----------------------------------------------------------------


def test_every_process_reconnects_after_every_broker_connection_is_cut(faulty, broker_proxy):
    """The machine's RabbitMQ is shared, so its restart is simulated: every connection severed and
    refused for a while, then allowed again. No process is restarted."""
    pids = {name: running.popen.pid for name, running in faulty.processes.items()}
    assert all(faulty.is_running(name) for name in pids)
    broker_proxy.cut()
    try:
        wait_for(
            lambda: set(web_ready(faulty).values()) == {503},
            timeout=30,
            what="every web to report the broker unreachable",
        )
    finally:
        broker_proxy.restore()
    wait_for(
        lambda: set(web_ready(faulty).values()) == {200},
        timeout=60,
        interval=0.5,
        what="every web ready again",
    )
    wait_for(
        lambda: (queues := faulty.queues()) and all(n >= 1 for n in queues.values()),
        timeout=60,
        interval=1,
        what="every queue consumed again",
    )
    assert {name: r.popen.pid for name, r in faulty.processes.items()} == pids
    assert all(faulty.is_running(name) for name in pids), "a process died instead of reconnecting"
    email = unique_email("efter")
    answer = submit(faulty, idea("Erik Efter", email))
    assert answer.status_code == 201
    code = answer.json()["tracking_code"]
    wait_for(lambda: receipts(faulty, email), timeout=60, what="the receipt of a fresh idea")
    assigned = wait_for(
        lambda: [c for c in cases_for(faulty, code) if c["status"] == "assigned"],
        timeout=60,
        what="the fresh idea's case assigned",
    )
    assert assigned[0]["assignee"]
    status = wait_for(
        lambda: (
            (s := requests.get(f"{faulty.url('intake')}/api/v1/ideas/{code}", timeout=5).json())[
                "status"
            ]
            == "assigned"
            and s
        ),
        timeout=60,
        what="intake's public status to follow",
    )
    assert status["agent"]["name"] == assigned[0]["assignee"]["name"]
