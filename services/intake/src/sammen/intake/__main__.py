"""`python -m sammen.intake worker` runs the worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.bus.worker import Worker
from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.intake.app import MIGRATIONS
from sammen.intake.handlers import SUBSCRIPTIONS
from sammen.logs import configure_logging
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging("intake")
    if command == "migrate":
        settings = load_settings("intake")
        migrate(Database(settings.database_url), MIGRATIONS)
        return 0
    if command == "worker":
        settings, database = boot("intake", MIGRATIONS)
        Worker(settings, database, SUBSCRIPTIONS).run_forever()
        return 0
    print("usage: python -m sammen.intake [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
