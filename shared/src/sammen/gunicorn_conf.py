"""Gunicorn settings shared by every service: `gunicorn -c python:sammen.gunicorn_conf … APP`.

The app is loaded once in the master (`preload_app`) and the workers fork from it, so they share
its pages instead of each importing everything again. Nothing the app makes at start may then be
used by two processes: the database connections migrations opened are closed before the fork and
forgotten in each worker; broker connections (readiness, the bus) open lazily, per process.

Metrics run in prometheus-client's multiprocess mode so /metrics sums every worker. The mode is
fixed when prometheus_client is first imported, and the preloaded app imports it, so the directory
is set here, when gunicorn reads this file (before it loads the app); this module imports nothing
that imports prometheus_client. That is also why it lives outside `sammen.web`.
"""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

from gunicorn.config import Config

from sammen.config import web_threads, web_workers


def _app_module() -> str:
    """The module of the app gunicorn serves (`sammen.intake.app`), from its command line: this
    file is read before the app is loaded."""
    apps = Config().parser().parse_args().args
    return apps[-1].split(":")[0] if apps else "app"


def _service(module: str) -> str:
    """`sammen.intake.app` → `intake`, `sammen.formats.idea_board.app` → `idea_board`."""
    parts = module.split(".")
    return parts[-2] if parts[-1] == "app" and len(parts) > 1 else parts[-1]


APP_MODULE = _app_module()
SERVICE = _service(APP_MODULE)

workers = web_workers(SERVICE)
worker_class = "gthread"
threads = web_threads(SERVICE)
preload_app = True
timeout = 30
graceful_timeout = 20
accesslog = None  # the app writes one JSON line per request, without personal data
# Every service's master would bind the same default control socket; nothing here uses it.
control_socket_disable = True

_var_dir = Path(os.environ.get("SAMMEN_VAR_DIR", "var")).resolve()
METRICS_DIR = Path(
    os.environ.get("PROMETHEUS_MULTIPROC_DIR") or _var_dir / "prometheus" / APP_MODULE
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(METRICS_DIR)
METRICS_DIR.mkdir(parents=True, exist_ok=True)


def on_starting(_server: Arbiter) -> None:
    # Files of an earlier run would be summed into this one's numbers; so would the master's own,
    # made while it loaded the app (it serves nothing; each worker writes files of its own).
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True, exist_ok=True)


def when_ready(_server: Arbiter) -> None:
    from sammen.db import close_connections

    close_connections()
    # The app's objects are left out of the workers' garbage collection, which would otherwise
    # write to every one of them and so copy the pages the workers share with the master.
    gc.freeze()


def post_fork(_server: Arbiter, _worker: Worker) -> None:
    from sammen.db import dispose_inherited_connections

    dispose_inherited_connections()


def child_exit(_server: Arbiter, worker: Worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
