"""Gunicorn settings shared by every service: `gunicorn -c python:sammen.gunicorn_conf …`.

Metrics run in prometheus-client's multiprocess mode so /metrics sums every worker. The mode is
fixed when prometheus_client is first imported, so nothing here imports it before the directory is
set in on_starting (the workers fork after that and inherit it). That is also why this module
lives outside `sammen.web`, whose package imports the metrics.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = 30
graceful_timeout = 20
accesslog = None  # the app writes one JSON line per request, without personal data
# Every service's master would bind the same default control socket; nothing here uses it.
control_socket_disable = True


def on_starting(server: Arbiter) -> None:
    app_name = str(getattr(server.app, "app_uri", None) or "app").split(":")[0]
    var_dir = Path(os.environ.get("SAMMEN_VAR_DIR", "var")).resolve()
    metrics_dir = Path(
        os.environ.get("PROMETHEUS_MULTIPROC_DIR") or var_dir / "prometheus" / app_name
    )
    # Files of an earlier run would be summed into this one's numbers.
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)


def child_exit(server: Arbiter, worker: Worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
