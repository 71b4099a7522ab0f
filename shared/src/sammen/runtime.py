"""Run a service's processes: `python -m sammen.<service> web | worker | migrate`, one way for all."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from sammen.bootstrap import bootstrap
from sammen.bus.worker import Job, Worker
from sammen.config import SERVICE_PORTS, Settings, load_settings, web_threads
from sammen.db import Database, migrate
from sammen.logs import configure_logging

Hook = Callable[..., None]  # its parameters bound by name, as a handler's (sammen.bootstrap)
COMMANDS = ("web", "worker", "migrate")


def boot(service: str, migrations_dir: Path) -> tuple[Settings, Database]:
    """A process's settings and database, migrated outside production."""
    settings = load_settings(service)
    # A connection for each thread that serves requests (PostgreSQL; SQLite opens them freely).
    database = Database(settings.database_url, pool_size=web_threads(service))
    # Production migrates as a release step (`python -m sammen.<service> migrate`), never on start.
    if not settings.is_production:
        migrate(database, migrations_dir)
    return settings, database


def main(
    service: str,
    migrations: Path,
    handlers: ModuleType,
    *,
    jobs: Callable[..., list[Job]] | None = None,
    prepare: Hook | None = None,
    stopped: Hook | None = None,
    migrated: Hook | None = None,
    argv: list[str] | None = None,
) -> int:
    """The service's command line. `handlers` is its handlers module (its package holds `app`);
    `jobs` makes the worker's periodic jobs; `prepare` runs before the worker starts, `stopped`
    after it stopped cleanly, `migrated` after `migrate` — each bound by parameter name."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "worker"
    if command not in COMMANDS:
        print(f"usage: python -m {handlers.__package__} [{'|'.join(COMMANDS)}]", file=sys.stderr)
        return 2
    configure_logging(service)
    if command == "web":
        _serve(service, str(handlers.__package__))
    if command == "migrate":
        settings = load_settings(service)
        database = Database(settings.database_url)
        migrate(database, migrations)
        if migrated:
            bootstrap(service, [], settings=settings, database=database).call(migrated)
        return 0
    settings, database = boot(service, migrations)
    wiring = bootstrap(service, handlers, settings=settings, database=database)
    if prepare:
        wiring.call(prepare)
    worker_jobs = wiring.call(jobs) if jobs else []
    Worker(settings, database, wiring.subscriptions, worker_jobs).run_forever()
    if stopped:
        wiring.call(stopped)
    return 0


def _serve(service: str, package: str) -> None:
    """Replace this process with gunicorn serving the service's app, as the Procfile does."""
    port = os.environ.get(f"{service.upper()}_PORT", str(SERVICE_PORTS[service]))
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    app = f"{package}.app:create_app()"
    argv = [gunicorn, "-c", "python:sammen.gunicorn_conf", "-b", f"0.0.0.0:{port}", app]
    os.execv(gunicorn, argv)  # noqa: S606 - our own venv's gunicorn, fixed arguments
