"""The harness itself: the Procfile read as `make run` reads it, every process up and observable,
and a single process stopped and started again by its Procfile name."""

from __future__ import annotations

import requests
from prometheus_client.parser import text_string_to_metric_families

from sammen.testing import wait_for
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from tests.platform.harness import ProcessSpec, describe_missing, expand, read_procfile


def test_procfile_variables_expand_as_the_shell_expands_them():
    env = {"INTAKE_PORT": "5001", "EMPTY": ""}
    assert expand("-b 0.0.0.0:${INTAKE_PORT:-8001}", env) == "-b 0.0.0.0:5001"
    assert expand("-b 0.0.0.0:${ROUTING_PORT:-8002}", env) == "-b 0.0.0.0:8002"
    assert expand("${EMPTY:-x} $INTAKE_PORT ${MISSING}", env) == "x 5001 "


def test_each_procfile_line_names_its_module_service_and_port():
    specs = {spec.name: spec for spec in read_procfile()}
    web = specs["idea-board-web"]
    assert (web.module, web.service, web.port_variable) == (
        "sammen.formats.idea_board.app",
        "idea_board",
        "IDEA_BOARD_PORT",
    )
    worker = specs["idea-board-worker"]
    assert (worker.module, worker.service, worker.is_worker) == (
        "sammen.formats.idea_board",
        "idea_board",
        True,
    )
    assert specs["mailsink"].module == "sammen.notify.mailsink"
    assert not ProcessSpec("x-worker", ".venv/bin/python -m sammen.nothing_here worker").available()


def test_every_procfile_process_runs(platform):
    assert not platform.missing, describe_missing(platform)
    assert all(platform.is_running(spec.name) for spec in platform.specs)


def test_every_web_and_worker_serves_prometheus_metrics(platform):
    for name, url in platform.metrics_targets().items():
        response = requests.get(url, timeout=5)
        assert response.status_code == 200, f"{name}: {url}"
        families = {family.name for family in text_string_to_metric_families(response.text)}
        assert any(f.startswith("sammen_") for f in families), f"{name} exports no sammen_ metric"


def test_every_consumed_queue_has_a_consumer(platform):
    queues = platform.queues()
    assert queues, "the workers declared no queues in the platform's vhost"
    assert all(count >= 1 for count in queues.values()), queues


def test_a_killed_worker_restarts_and_catches_up(platform):
    """Ideas sent while intake's worker is down wait in the outbox; after a restart the relay
    publishes them and notify's receipt arrives."""
    platform.require("intake", "notify")
    platform.kill("intake-worker")
    assert not platform.is_running("intake-worker")
    response = requests.post(
        f"{platform.url('intake')}/api/v1/ideas",
        json=idea_body(
            title="Vandpost ved Kildeskovshallen",
            description="En drikkevandspost ved stien, til løbere og hundeluftere.",
            theme="idraet-og-bevaegelse",
            initiator={"name": "Per Løber", "email": "per.loeber@example.dk"},
        ),
        headers=INTAKE_AUTH,
        timeout=10,
    )
    assert response.status_code == 201, "a stopped worker must not fail a citizen's submission"
    code = response.json()["tracking_code"]
    platform.start_process("intake-worker")
    wait_for(
        lambda: platform.find_mail("per.loeber@example.dk", code),
        timeout=30,
        what="the receipt after the worker's restart",
    )
    assert platform.search_logs("worker started", ["intake-worker"])["intake-worker"]
