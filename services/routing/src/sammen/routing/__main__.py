"""`python -m sammen.routing worker` runs the worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.bus.worker import Worker
from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.logs import configure_logging
from sammen.routing.accounts import prepare_accounts
from sammen.routing.app import MIGRATIONS
from sammen.routing.handlers import subscriptions
from sammen.routing.jobs import jobs
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging("routing")
    if command == "migrate":
        settings = load_settings("routing")
        migrate(Database(settings.database_url), MIGRATIONS)
        return 0
    if command == "worker":
        settings, database = boot("routing", MIGRATIONS)
        prepare_accounts(settings, database)
        Worker(settings, database, subscriptions(settings), jobs(settings, database)).run_forever()
        return 0
    print("usage: python -m sammen.routing [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
