"""Run a service's processes: `python -m sammen.<service> web | worker | migrate`, one way for all."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sammen.bootstrap import Wiring, bootstrap
from sammen.bus.worker import Job, Worker
from sammen.config import SERVICE_PORTS, Settings, load_settings, web_threads, worker_in_web
from sammen.db import Database, migrate
from sammen.logs import configure_logging

Hook = Callable[..., None]  # its parameters bound by name, as a handler's (sammen.bootstrap)
COMMANDS = ("web", "worker", "migrate")
# The worker's own threads (relay, consumer, a few jobs) when it runs inside the web process.
HOSTED_WORKER_CONNECTIONS = 4


@dataclass(frozen=True)
class Processes:
    """What a service's processes run, declared once in its `__main__` as `PROCESSES`: `handlers`
    is its handlers module (its package holds `app`); `jobs` makes the worker's periodic jobs;
    `prepare` runs before the worker starts, `stopped` after it stopped cleanly, `migrated` after
    `migrate` — each bound by parameter name."""

    service: str
    migrations: Path
    handlers: ModuleType
    jobs: Callable[..., list[Job]] | None = None
    prepare: Hook | None = None
    stopped: Hook | None = None
    migrated: Hook | None = None

    @property
    def package(self) -> str:
        return str(self.handlers.__package__)


def boot(service: str, migrations_dir: Path) -> tuple[Settings, Database]:
    """A process's settings and database, migrated outside production."""
    settings = load_settings(service)
    # A connection for each thread that serves requests (PostgreSQL; SQLite opens them freely),
    # and the worker's when it runs in this process too.
    extra = HOSTED_WORKER_CONNECTIONS if worker_in_web(settings.extra) else 0
    database = Database(settings.database_url, pool_size=web_threads(service) + extra)
    # Production migrates as a release step (`python -m sammen.<service> migrate`), never on start.
    if not settings.is_production:
        if "gunicorn.arbiter" in sys.modules:
            _migrate_in_child(database, migrations_dir)
        else:
            migrate(database, migrations_dir)
    return settings, database


def _migrate_in_child(database: Database, migrations_dir: Path) -> None:
    """Migrate in a forked child, so what only migrating needs (Alembic, Mako, Pygments: some
    7 MiB) never enters gunicorn's master, whose pages every web worker shares. The master is
    still one thread here (gunicorn loads the app before it starts anything)."""
    child = os.fork()
    if child == 0:
        code = 0
        try:
            migrate(database, migrations_dir)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            database.dispose()
            os._exit(code)  # no atexit handlers: they belong to the master
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"migrating {database.engine.url.database} failed (output above)")


def wire_worker(
    processes: Processes, settings: Settings, database: Database
) -> tuple[Worker, Wiring]:
    """The service's worker, prepared (`prepare` has run) and not yet started."""
    wiring = bootstrap(processes.service, processes.handlers, settings=settings, database=database)
    if processes.prepare:
        wiring.call(processes.prepare)
    worker_jobs = wiring.call(processes.jobs) if processes.jobs else []
    return Worker(settings, database, wiring.subscriptions, worker_jobs), wiring


def main(processes: Processes, argv: list[str] | None = None) -> int:
    """The service's command line: `web`, `worker` (the default) or `migrate`."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "worker"
    if command not in COMMANDS:
        print(f"usage: python -m {processes.package} [{'|'.join(COMMANDS)}]", file=sys.stderr)
        return 2
    service = processes.service
    configure_logging(service)
    if command == "web":
        _serve(service, processes.package)
    if command == "migrate":
        settings = load_settings(service)
        database = Database(settings.database_url)
        migrate(database, processes.migrations)
        if processes.migrated:
            bootstrap(service, [], settings=settings, database=database).call(processes.migrated)
        return 0
    settings, database = boot(service, processes.migrations)
    worker, wiring = wire_worker(processes, settings, database)
    worker.run_forever()
    if processes.stopped:
        wiring.call(processes.stopped)
    return 0


def _serve(service: str, package: str) -> None:
    """Replace this process with gunicorn serving the service's app, as the Procfile does."""
    port = os.environ.get(f"{service.upper()}_PORT", str(SERVICE_PORTS[service]))
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    app = f"{package}.app:create_app()"
    argv = [gunicorn, "-c", "python:sammen.gunicorn_conf", "-b", f"0.0.0.0:{port}", app]
    os.execv(gunicorn, argv)  # noqa: S606 - our own venv's gunicorn, fixed arguments
