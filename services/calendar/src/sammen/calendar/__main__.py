"""`python -m sammen.calendar worker` runs the worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.bus.worker import Worker
from sammen.calendar.app import MIGRATIONS
from sammen.calendar.handlers import subscriptions
from sammen.calendar.seed import seed
from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.logs import configure_logging
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging("calendar")
    if command == "migrate":
        settings = load_settings("calendar")
        database = Database(settings.database_url)
        migrate(database, MIGRATIONS)
        seed(database, settings)
        return 0
    if command == "worker":
        settings, database = boot("calendar", MIGRATIONS)
        Worker(settings, database, subscriptions(settings)).run_forever()
        return 0
    print("usage: python -m sammen.calendar [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
