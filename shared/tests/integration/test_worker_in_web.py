"""The worker inside the web process (`SAMMEN_WORKER_IN_WEB=1`): of two gunicorn workers exactly
one runs it, the other takes over when that one is killed, and a stop is clean."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sammen.config import load_settings
from sammen.hosted_worker import lock_path
from sammen.testing import EventTap, free_port, service_environment, wait_for
from sammen.testing.ideas import INTAKE_AUTH, idea_body

APP = "sammen.intake.app:create_app()"


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    base: str
    lock: Path
    log: Path
    amqp_url: str

    def metrics(self) -> str:
        try:
            return requests.get(f"{self.base}/metrics", timeout=5).text
        except requests.RequestException:
            return ""

    def consuming(self) -> bool:
        return 'sammen_broker_connected{role="consumer"} 1.0' in self.metrics()

    def holder(self) -> int | None:
        """The pid holding the worker's lock (waiters are listed with `->` and left out)."""
        if not self.lock.exists():
            return None
        inode = self.lock.stat().st_ino
        for line in Path("/proc/locks").read_text().splitlines():
            parts = line.split()
            if "->" not in parts and parts[1] == "FLOCK" and parts[5].endswith(f":{inode}"):
                return int(parts[4])
        return None

    def consumers(self) -> dict[str, int]:
        """intake's consumed queues → their consumers, as the broker counts them."""
        vhost = urllib.parse.unquote(self.amqp_url.rsplit("/", 1)[1])
        listed = subprocess.run(
            ["rabbitmqctl", "-q", "list_queues", "-p", vhost, "name", "consumers"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        counts: dict[str, int] = {}
        for line in listed.splitlines():
            parts = line.split()
            consumed = len(parts) == 2 and parts[0].startswith("intake.")
            if consumed and ".retry." not in parts[0] and not parts[0].endswith(".parked"):
                counts[parts[0]] = int(parts[1])
        return counts

    def submit(self) -> str:
        response = requests.post(
            f"{self.base}/api/v1/ideas", json=idea_body(), headers=INTAKE_AUTH, timeout=15
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]


@pytest.fixture
def served(tmp_path: Path, amqp_url: str) -> Iterator[Served]:
    env = os.environ | service_environment(
        "intake",
        f"sqlite:///{tmp_path}/intake.sqlite3",
        amqp_url,
        str(tmp_path / "var"),
        SAMMEN_WORKER_IN_WEB="1",
        WEB_CONCURRENCY="2",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    log = tmp_path / "web.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [gunicorn, "-c", "python:sammen.gunicorn_conf", "-b", f"127.0.0.1:{port}", APP],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    lock = lock_path(load_settings("intake", env))
    running = Served(process, f"http://127.0.0.1:{port}", lock, log, amqp_url)
    try:
        wait_for(running.consuming, timeout=60, what="the worker consuming in a web process")
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def test_one_web_worker_runs_the_worker_and_another_takes_over_when_it_is_killed(served):
    tap = EventTap(served.amqp_url, ("idea.submitted",))
    # One consumer per queue: one web worker runs the worker (the broker counts a moment late).
    wait_for(lambda: set(served.consumers().values()) == {1}, timeout=30, what="one consumer")
    first = served.holder()
    assert first is not None and first != served.process.pid  # a web worker, not the master
    idea_id = served.submit()
    tap.wait_for("idea.submitted", lambda e: e.data["idea_id"] == idea_id, timeout=30)

    os.kill(first, signal.SIGKILL)
    wait_for(
        lambda: served.holder() not in (None, first) and served.consuming(),
        timeout=60,
        what="another web worker running the worker",
    )
    wait_for(
        lambda: set(served.consumers().values()) == {1},
        timeout=30,
        what="one consumer per queue again",
    )
    idea_id = served.submit()
    tap.wait_for("idea.submitted", lambda e: e.data["idea_id"] == idea_id, timeout=30)


def test_sigterm_stops_the_worker_with_the_web_process(served):
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(30) == 0
    log = served.log.read_text()
    assert "worker started in the web process" in log
    assert '"worker stopped"' in log
