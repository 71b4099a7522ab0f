"""The registry's life cycle with real format processes and the real broker.

The hearing format's worker runs as a subprocess (as the Procfile runs it); the hub's worker
runs in this process. Start → listed; SIGTERM → withdrawn at once; SIGKILL → gone after the TTL;
start again → back.
"""

import os
import signal
import subprocess
import sys

import pytest

from sammen.dialogue.app import create_app
from sammen.testing import service_environment, wait_for
from sammen.testing.apps import started_app

from .conftest import hub_worker, live_slugs

pytestmark = pytest.mark.slow


@pytest.fixture
def hub(service_env, postgres_url):
    # The hub on PostgreSQL, the format on SQLite: one run covers both databases.
    service_env("dialogue", postgres_url)
    with started_app(create_app, csrf=False) as app:
        yield app


def start_hearing(tmp_path, amqp_url, ttl_seconds, heartbeat_seconds):
    env = os.environ | service_environment(
        "hearing",
        f"sqlite:///{tmp_path / 'hearing.sqlite3'}",
        amqp_url,
        str(tmp_path / "var"),
        DIALOGUE_FORMAT_TTL_SECONDS=str(ttl_seconds),
        HEARING_HEARTBEAT_SECONDS=str(heartbeat_seconds),
    )
    log = open(tmp_path / "hearing-worker.log", "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "sammen.formats.hearing", "worker"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_a_format_process_is_listed_while_it_runs_and_vanishes_when_it_stops(
    hub, amqp_url, tap, tmp_path
):
    withdrawals = tap("dialogue.format_withdrawn")
    processes = []
    try:
        with hub_worker(hub):
            # A long TTL: vanishing quickly after SIGTERM can only be the withdrawal.
            first = start_hearing(tmp_path, amqp_url, ttl_seconds=120, heartbeat_seconds=1)
            processes.append(first)
            wait_for(lambda: "hearing" in live_slugs(hub), timeout=40, what="the hearing listed")
            [entry] = hub.test_client().get("/api/v1/formats").json
            assert entry["name"] == "Høringer"
            assert entry["url"] == "http://localhost:8012/"
            assert entry["staff_url"] == "http://localhost:8012/personale"
            assert entry["ttl_seconds"] == 120
            portal = hub.test_client().get("/").get_data(as_text=True)
            assert 'href="http://localhost:8012/"' in portal and "Høringer" in portal

            first.send_signal(signal.SIGTERM)
            assert first.wait(timeout=30) == 0
            wait_for(lambda: "hearing" not in live_slugs(hub), timeout=10, what="withdrawal")
            assert len(withdrawals.wait_for("dialogue.format_withdrawn")) == 1
            assert "Ingen piloter kører lige nu" in hub.test_client().get("/").get_data(
                as_text=True
            )

            # A short TTL, and a crash: no withdrawal, the hub forgets it when the TTL runs out.
            second = start_hearing(tmp_path, amqp_url, ttl_seconds=2, heartbeat_seconds=0.4)
            processes.append(second)
            wait_for(lambda: "hearing" in live_slugs(hub), timeout=40, what="listed again")
            second.send_signal(signal.SIGKILL)
            second.wait(timeout=10)
            wait_for(lambda: "hearing" not in live_slugs(hub), timeout=15, what="the TTL to pass")
            assert len(withdrawals.of_type("dialogue.format_withdrawn")) == 1  # none from a crash

            third = start_hearing(tmp_path, amqp_url, ttl_seconds=2, heartbeat_seconds=0.4)
            processes.append(third)
            wait_for(lambda: "hearing" in live_slugs(hub), timeout=40, what="back after restart")
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
