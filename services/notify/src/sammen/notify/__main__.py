"""`python -m sammen.notify worker` runs the worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.logs import configure_logging
from sammen.notify.app import MIGRATIONS
from sammen.notify.worker import build_worker
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging("notify")
    if command == "migrate":
        settings = load_settings("notify")
        migrate(Database(settings.database_url), MIGRATIONS)
        return 0
    if command == "worker":
        settings, database = boot("notify", MIGRATIONS)
        build_worker(settings, database).run_forever()
        return 0
    print("usage: python -m sammen.notify [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
