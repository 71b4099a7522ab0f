"""Gunicorn settings shared by every service: `gunicorn -c python:sammen.gunicorn_conf … APP`.

The app is loaded once in the master (`preload_app`) and the workers fork from it, so they share
its pages instead of each importing everything again. Nothing the app makes at start may then be
used by two processes: the database connections migrations opened are closed before the fork and
forgotten in each worker; broker connections (readiness, the bus) open lazily, per process.

Metrics run in prometheus-client's multiprocess mode so /metrics sums every worker. The mode is
fixed when prometheus_client is first imported, and the preloaded app imports it, so the directory
is set here, when gunicorn reads this file (before it loads the app); this module imports nothing
that imports prometheus_client. That is also why it lives outside `sammen.web`.

With `SAMMEN_WORKER_IN_WEB=1` (development's default) the service's worker runs inside a web
worker (`sammen.hosted_worker`): its modules are imported in the master with the app, so every
process shares them, and it is started after the fork and stopped when the web worker exits.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
import shutil
import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

    from sammen.hosted_worker import HostedWorker

from gunicorn.config import Config

from sammen.config import web_threads, web_workers, worker_in_web


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
# A service's package declares its processes in `__main__` (`PROCESSES`); looked up once the app
# is loaded (a lookup imports the package, and with it prometheus_client).
_MAIN_MODULE = APP_MODULE.removesuffix(".app") + ".__main__"
WORKER_IN_WEB = worker_in_web() and APP_MODULE.endswith(".app")

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


_processes: Any = None  # the service's `PROCESSES`, imported in the master
_hosted: HostedWorker | None = None  # in the web worker that may run the service's worker


def when_ready(_server: Arbiter) -> None:
    global _processes
    from sammen.db import close_connections

    # A web app of no service (the bench's hello-world) has no `__main__` and runs no worker.
    if WORKER_IN_WEB and importlib.util.find_spec(_MAIN_MODULE) is not None:
        # Imported before the fork, so the worker's modules are shared like the app's.
        _processes = importlib.import_module(_MAIN_MODULE).PROCESSES
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
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


def post_worker_init(worker: Worker) -> None:
    global _hosted
    if _processes is None:
        return
    from flask import Flask

    from sammen.hosted_worker import HostedWorker

    app = worker.wsgi
    if not isinstance(app, Flask):
        return
    # The app's own settings and database: one pool, and on SQLite one queue of writers.
    hosted = HostedWorker(_processes, app.config["SAMMEN_SETTINGS"], app.config["SAMMEN_DATABASE"])
    graceful_exit = signal.getsignal(signal.SIGTERM)

    def on_term(signum: int, frame: FrameType | None) -> None:
        # The consumers stop taking messages at once, while the requests in flight finish.
        hosted.begin_stopping()
        if callable(graceful_exit):
            graceful_exit(signum, frame)

    signal.signal(signal.SIGTERM, on_term)
    _hosted = hosted
    hosted.start()


def worker_exit(_server: Arbiter, _worker: Worker) -> None:
    if _hosted is not None:
        _hosted.stop()
