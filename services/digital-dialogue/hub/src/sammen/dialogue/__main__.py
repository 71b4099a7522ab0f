"""`python -m sammen.dialogue worker` runs the hub's worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.bus.worker import Worker
from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.dialogue.app import MIGRATIONS, SERVICE
from sammen.dialogue.handlers import subscriptions
from sammen.dialogue.jobs import registry_job
from sammen.logs import configure_logging
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging(SERVICE)
    if command == "migrate":
        migrate(Database(load_settings(SERVICE).database_url), MIGRATIONS)
        return 0
    if command == "worker":
        settings, database = boot(SERVICE, MIGRATIONS)
        Worker(settings, database, subscriptions(settings), [registry_job(database)]).run_forever()
        return 0
    print("usage: python -m sammen.dialogue [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
