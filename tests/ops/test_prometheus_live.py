"""A real Prometheus scrapes real processes: every target up, a business metric queryable.

`running_prometheus(work_dir, targets)` takes any {process name: /metrics URL}; the platform
fixture's `platform.metrics_targets()` fits it as is. Here it watches intake's web (gunicorn, as
the Procfile starts it) and worker, each on a free port, while an idea flows in.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sammen.testing import free_port, service_environment, wait_for
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from sammen.testing.processes import end_process
from tests.ops.prometheus_local import (
    REPO_ROOT,
    answers,
    running_prometheus,
    tool_missing,
)

pytestmark = pytest.mark.slow

# Settings of the developer's own platform must not leak into the processes under test.
_NOT_INHERITED = re.compile(r"^(AMQP_URL|\w*DATABASE_URL|SAMMEN_\w+|PROMETHEUS_MULTIPROC_DIR)$")
VENV_BIN = Path(sys.executable).parent


@contextlib.contextmanager
def process(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield proc
        finally:
            end_process(proc, 20)


@pytest.fixture
def intake(tmp_path: Path, amqp_url: str) -> Iterator[dict[str, str]]:
    """Intake's web and worker as the Procfile runs them, on free ports; yields their /metrics."""
    if missing := tool_missing("prometheus"):
        pytest.skip(missing)
    port = free_port()
    worker_port = free_port()
    env = {k: v for k, v in os.environ.items() if not _NOT_INHERITED.match(k)}
    env.update(
        service_environment(
            "intake",
            f"sqlite:///{tmp_path / 'intake.sqlite3'}",
            amqp_url,
            str(tmp_path / "var"),
            SAMMEN_WORKER_METRICS_PORT=str(worker_port),
            WEB_CONCURRENCY="2",
        )
    )
    web = [
        str(VENV_BIN / "gunicorn"),
        "-c",
        "python:sammen.gunicorn_conf",
        "-b",
        f"127.0.0.1:{port}",
        "sammen.intake.app:create_app()",
    ]
    worker = [sys.executable, "-m", "sammen.intake", "worker"]
    with (
        process(web, env, tmp_path / "web.log") as web_proc,
        process(worker, env, tmp_path / "worker.log") as worker_proc,
    ):
        for proc, url in (
            (web_proc, f"http://127.0.0.1:{port}/readyz"),
            (worker_proc, f"http://127.0.0.1:{worker_port}/metrics"),
        ):
            wait_for(
                lambda proc=proc, url=url: proc.poll() is not None or answers(url),
                timeout=60,
                what=url,
            )
            assert proc.poll() is None, (tmp_path / "web.log").read_text() + (
                tmp_path / "worker.log"
            ).read_text()
        yield {
            "intake-web": f"http://127.0.0.1:{port}/metrics",
            "intake-worker": f"http://127.0.0.1:{worker_port}/metrics",
        }


def submit_idea(base_url: str) -> None:
    response = requests.post(
        f"{base_url}/api/v1/ideas",
        headers=INTAKE_AUTH,
        json=idea_body(),
        timeout=10,
    )
    assert response.status_code == 201, response.text


def test_prometheus_sees_every_target_up_and_the_ideas_flowing(
    intake: dict[str, str], tmp_path: Path
) -> None:
    targets = intake
    with running_prometheus(tmp_path / "prometheus", targets) as prometheus:
        scraped = prometheus.wait_until_up(count=len(targets))
        assert {t["labels"]["job"] for t in scraped} == {"sammen-web", "sammen-worker"}
        up = {r["metric"]["job"]: r["value"][1] for r in prometheus.query('up{service="intake"}')}
        assert up == {"sammen-web": "1", "sammen-worker": "1"}

        # /readyz was asked while the fixture waited: its checks are metrics (SammenNotReady).
        readiness = wait_for(
            lambda: prometheus.query('sammen_readiness{service="intake"}'), what="sammen_readiness"
        )
        assert {r["metric"]["check"]: r["value"][1] for r in readiness} == {
            "database": "1",
            "broker": "1",
        }

        submit_idea(intake["intake-web"].removesuffix("/metrics"))

        found = wait_for(
            lambda: prometheus.query(
                'sum by (service, channel, theme) (sammen_ideas_submitted_total{job="sammen-web"})'
            ),
            timeout=30,
            what="sammen_ideas_submitted_total in Prometheus",
        )
        assert found[0]["metric"] == {
            "service": "intake",
            "channel": "gentofte.dk",
            "theme": "kultur-og-fritid",
        }
        assert float(found[0]["value"][1]) == 1
        # The worker publishes the idea.submitted event from the outbox; its counter shows it.
        wait_for(
            lambda: prometheus.query('sammen_events_published_total{type="idea.submitted"} > 0'),
            timeout=30,
            what="the published event in Prometheus",
        )
        # The project's alert rules load into a real Prometheus, not only into promtool.
        groups = {g["name"] for g in prometheus.get("/api/v1/rules")["groups"]}
        assert {"sammen-availability", "sammen-bus", "sammen-service-level"} <= groups
